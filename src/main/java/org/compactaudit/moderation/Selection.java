package org.compactaudit.moderation;

/** How an agency came to be visited: drawn in the sample, drawn or picked to replace one, or added by the manager. */
public enum Selection {
    SAMPLED("sampled", "Sampled"),
    REPLACEMENT("replacement", "Replacement"),
    ADDED("added", "Added");

    public final String code;
    public final String label;

    Selection(String code, String label) {
        this.code = code;
        this.label = label;
    }
}

package org.compactaudit.tool;

/**
 * Where two versions of a text differ, as two short excerpts: the part that changed with a few words either side,
 * "…" where text the two share is left out. Cutting both at the same length would show the same prefix twice.
 */
public record TextDifference(String before, String after) {

    /** Characters of shared text kept either side of the change. */
    static final int CONTEXT = 20;

    public static TextDifference of(String before, String after) {
        String a = before == null ? "" : before;
        String b = after == null ? "" : after;
        int prefix = 0;
        while (prefix < a.length() && prefix < b.length() && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length() - prefix && suffix < b.length() - prefix
                && a.charAt(a.length() - 1 - suffix) == b.charAt(b.length() - 1 - suffix)) {
            suffix++;
        }
        int start = Math.max(0, prefix - CONTEXT);
        int tail = Math.min(suffix, CONTEXT);
        return new TextDifference(excerpt(a, start, a.length() - suffix + tail),
                excerpt(b, start, b.length() - suffix + tail));
    }

    private static String excerpt(String text, int start, int end) {
        return (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() ? "…" : "");
    }
}

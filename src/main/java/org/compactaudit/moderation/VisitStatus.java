package org.compactaudit.moderation;

import java.util.Arrays;
import java.util.Optional;

/** A moderation visit is planned, done (completed with a summary, then read-only) or cancelled with a reason. */
public enum VisitStatus {
    PLANNED("planned", "Planned"),
    DONE("done", "Done"),
    CANCELLED("cancelled", "Cancelled");

    public final String code;
    public final String label;

    VisitStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public static Optional<VisitStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}

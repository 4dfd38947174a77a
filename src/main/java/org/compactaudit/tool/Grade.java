package org.compactaudit.tool;

import java.util.Arrays;
import java.util.Optional;

/**
 * The self-assessment scale. Not applicable is counted apart from the four grades in every figure.
 * {@link #code} is the string used in the API, exports and the database.
 */
public enum Grade {
    OUTSTANDING("outstanding", "Outstanding", 4),
    GOOD("good", "Good", 3),
    REQUIRES_IMPROVEMENT("requires-improvement", "Requires Improvement", 2),
    INADEQUATE("inadequate", "Inadequate", 1),
    NOT_APPLICABLE("not-applicable", "Not applicable", 0);

    public final String code;
    public final String label;
    /** Higher is better; 0 for Not applicable, which has no rank. */
    public final int rank;

    Grade(String code, String label, int rank) {
        this.code = code;
        this.label = label;
        this.rank = rank;
    }

    public boolean isGraded() {
        return this != NOT_APPLICABLE;
    }

    /** Requires Improvement or Inadequate: the agency must record an action. */
    public boolean needsAction() {
        return this == REQUIRES_IMPROVEMENT || this == INADEQUATE;
    }

    public static Optional<Grade> fromCode(String code) {
        return Arrays.stream(values()).filter(g -> g.code.equals(code)).findFirst();
    }
}

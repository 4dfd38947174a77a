package org.compactaudit.moderation;

import org.compactaudit.tool.Grade;

/**
 * What moderation found for one standard, comparing the moderated grade with the self-assessed one:
 * equal is confirmed, a higher moderated grade means the agency under-scored itself, a lower one that it
 * over-inflated. When exactly one side is Not applicable the grades cannot be compared; that is counted apart.
 */
public enum Outcome {
    CONFIRMED("confirmed", "Confirmed"),
    UNDER_SCORED("under-scored", "Under-scored"),
    OVER_INFLATED("over-inflated", "Over-inflated"),
    NOT_COMPARABLE("not-comparable", "Not comparable");

    public final String code;
    public final String label;

    Outcome(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public static Outcome fromCode(String code) {
        return java.util.Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst().orElseThrow();
    }

    public static Outcome of(Grade selfAssessed, Grade moderated) {
        if (selfAssessed == moderated) {
            return CONFIRMED;
        }
        if (!selfAssessed.isGraded() || !moderated.isGraded()) {
            return NOT_COMPARABLE;
        }
        return moderated.rank > selfAssessed.rank ? UNDER_SCORED : OVER_INFLATED;
    }
}

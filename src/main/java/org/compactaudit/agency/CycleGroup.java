package org.compactaudit.agency;

import java.util.Optional;

/** Half of the agencies complete the audit each year: group A in one year, B in the next. */
public enum CycleGroup {
    A, B;

    public static Optional<CycleGroup> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toUpperCase()) {
            case "A" -> Optional.of(A);
            case "B" -> Optional.of(B);
            default -> Optional.empty();
        };
    }
}

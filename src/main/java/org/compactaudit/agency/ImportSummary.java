package org.compactaudit.agency;

import java.util.List;

/** What a CSV import did; when {@code errors} is not empty nothing was imported. */
public record ImportSummary(int created, int updated, int unchanged, List<RowError> errors) {

    /** A problem at a physical line of the file (the header is line 1). */
    public record RowError(int line, String message) {
    }

    public static ImportSummary failed(List<RowError> errors) {
        return new ImportSummary(0, 0, 0, List.copyOf(errors));
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}

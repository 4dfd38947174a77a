package org.compactaudit.web;

import java.util.Arrays;
import java.util.List;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateExtension;

/**
 * A GOV.UK table's column headings for tags/tableHead, listed in the template:
 * {@code table:head('Agency', 'Visits:numeric', 'Before:one-third')}. After a colon, how the column is set:
 * numeric (figures, right-aligned) or a width (one-third, one-half).
 */
@TemplateExtension(namespace = "table")
public final class TableHeadings {

    @TemplateData
    public record Heading(String text, String classes) {
    }

    private TableHeadings() {
    }

    static List<Heading> head(String... columns) {
        return Arrays.stream(columns).map(TableHeadings::heading).toList();
    }

    private static Heading heading(String column) {
        int colon = column.lastIndexOf(':');
        if (colon < 0) {
            return new Heading(column, "");
        }
        String setting = column.substring(colon + 1);
        String classes = switch (setting) {
            case "numeric" -> " govuk-table__header--numeric";
            case "one-third", "one-half" -> " govuk-!-width-" + setting;
            default -> throw new IllegalArgumentException("No column setting " + setting + " in " + column);
        };
        return new Heading(column.substring(0, colon), classes);
    }
}

package org.compactaudit.common;

/** Typed text as the service keeps it. */
public final class Text {

    private Text() {
    }

    /**
     * A typed value as a spreadsheet cell: one starting with {@code = + - @}, a tab or a return would be read as a
     * formula (CSV injection, e.g. {@code =HYPERLINK(...)} in evidence), so it gets a leading apostrophe, which
     * spreadsheets show as text and {@link #fromSpreadsheet} takes off again on import.
     */
    public static String forSpreadsheet(String value) {
        return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** The value a cell written by {@link #forSpreadsheet} stood for. */
    public static String fromSpreadsheet(String value) {
        return value != null && value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0
                ? value.substring(1) : value;
    }

    /** Trimmed, or null when nothing but spaces was typed: an optional field left empty. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

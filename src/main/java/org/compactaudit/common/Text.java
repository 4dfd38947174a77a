package org.compactaudit.common;

/** Typed text as the service keeps it. */
public final class Text {

    private Text() {
    }

    /** Trimmed, or null when nothing but spaces was typed: an optional field left empty. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package org.compactaudit.moderation;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as GOV.UK writes them: 4 June 2018. */
final class Formats {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private Formats() {
    }
}

package org.compactaudit.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as people in England read them: "31 January 2027", "3 December 2026 at 11:44" (London time). */
public final class Dates {

    public static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK)
            .withZone(ClockProducer.ZONE);

    private Dates() {
    }

    public static String date(LocalDate date) {
        return date == null ? "" : LONG_DATE.format(date);
    }

    public static String date(Instant instant) {
        return instant == null ? "" : LONG_DATE.format(instant.atZone(ClockProducer.ZONE));
    }

    public static String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }
}

package org.compactaudit.web;

import java.time.Instant;
import java.time.LocalDate;

import io.quarkus.qute.TemplateExtension;

import org.compactaudit.common.Dates;

/** The one date format of every page: {fmt:date(x)} gives "31 January 2027", {fmt:instant(x)} adds "at 11:44". */
@TemplateExtension(namespace = "fmt")
public class DateFormats {

    static String date(LocalDate date) {
        return Dates.date(date);
    }

    static String day(Instant instant) {
        return Dates.date(instant);
    }

    static String instant(Instant instant) {
        return Dates.dateTime(instant);
    }
}

package org.compactaudit.web;

import java.time.DateTimeException;
import java.time.LocalDate;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * What was typed in a GOV.UK date input ({@code <name>-day}, {@code -month}, {@code -year}), kept as typed so a
 * bad date re-renders the form with the input unchanged.
 */
public record DateParts(String day, String month, String year) {

    public static final DateParts BLANK = new DateParts("", "", "");

    public static DateParts of(LocalDate date) {
        return date == null ? BLANK
                : new DateParts(String.valueOf(date.getDayOfMonth()), String.valueOf(date.getMonthValue()),
                        String.valueOf(date.getYear()));
    }

    public static DateParts from(MultivaluedMap<String, String> form, String name) {
        return new DateParts(value(form, name + "-day"), value(form, name + "-month"), value(form, name + "-year"));
    }

    private static String value(MultivaluedMap<String, String> form, String key) {
        String value = form.getFirst(key);
        return value == null ? "" : value.trim();
    }

    public boolean isBlank() {
        return day.isEmpty() && month.isEmpty() && year.isEmpty();
    }

    /**
     * The date, or null with the error under {@code field} (the day input's id, which the error summary links to).
     * {@code label} reads "the due date".
     */
    public LocalDate toDate(String field, String label, FormErrors errors) {
        if (isBlank()) {
            errors.add(field, "Enter " + label);
            return null;
        }
        String sentence = Character.toUpperCase(label.charAt(0)) + label.substring(1);
        if (day.isEmpty() || month.isEmpty() || year.isEmpty()) {
            errors.add(field, sentence + " must include a day, a month and a year");
            return null;
        }
        try {
            if (!year.matches("\\d{4}")) {
                throw new DateTimeException("year of four digits");
            }
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (NumberFormatException | DateTimeException e) {
            errors.add(field, sentence + " must be a real date, for example 30 6 2027");
            return null;
        }
    }
}

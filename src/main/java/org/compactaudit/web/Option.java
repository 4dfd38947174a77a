package org.compactaudit.web;

/** One choice of a select, radios or checkboxes. */
public record Option(String value, String label) {
}

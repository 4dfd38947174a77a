package org.compactaudit.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation messages of one form, in the order of its fields, for the error summary and beside each field. */
public class FormErrors {

    public record Entry(String field, String message) {
    }

    private final Map<String, String> messages = new LinkedHashMap<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    public FormErrors add(String field, String message) {
        messages.putIfAbsent(field, message);
        return this;
    }

    public FormErrors require(boolean ok, String field, String message) {
        return ok ? this : add(field, message);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public boolean any() {
        return !messages.isEmpty();
    }

    public boolean has(String field) {
        return messages.containsKey(field);
    }

    public String get(String field) {
        return messages.get(field);
    }

    public List<Entry> getEntries() {
        return messages.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList();
    }
}

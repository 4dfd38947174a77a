package org.compactaudit.common;

import java.util.List;

/**
 * A request the domain refuses, with the HTTP status the API answers and the fields at fault.
 * Pages catch it to re-render the form; the API mapper turns it into an ApiError.
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final List<ApiError.FieldError> fields;

    public DomainException(int status, String message) {
        this(status, message, List.of());
    }

    public DomainException(int status, String message, List<ApiError.FieldError> fields) {
        super(message);
        this.status = status;
        this.fields = List.copyOf(fields);
    }

    public static DomainException notFound(String message) {
        return new DomainException(404, message);
    }

    public static DomainException invalid(String field, String message) {
        return new DomainException(400, message, List.of(new ApiError.FieldError(field, message)));
    }

    public static DomainException conflict(String message) {
        return new DomainException(409, message);
    }

    public int status() {
        return status;
    }

    public List<ApiError.FieldError> fields() {
        return fields;
    }
}

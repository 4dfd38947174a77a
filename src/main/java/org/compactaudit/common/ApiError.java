package org.compactaudit.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every API error: a message and, for validation, the fields at fault. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int status, String message, List<FieldError> fields) {

    public record FieldError(String field, String message) {
    }

    public static ApiError of(int status, String message) {
        return new ApiError(status, message, List.of());
    }
}

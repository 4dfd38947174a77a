package org.compactaudit.common;

import java.util.List;

/**
 * A request the domain refuses, of one of five kinds, with the fields at fault. Pages catch it to re-render the
 * form; web.ErrorMappers is the one place that turns a kind into an HTTP status.
 */
public abstract sealed class DomainException extends RuntimeException {

    private final List<ApiError.FieldError> fields;

    private DomainException(String message, List<ApiError.FieldError> fields) {
        super(message);
        this.fields = List.copyOf(fields);
    }

    /** The input breaks a rule; the fields say where. */
    public static final class Invalid extends DomainException {
        Invalid(String message, List<ApiError.FieldError> fields) {
            super(message, fields);
        }
    }

    /** Nothing with that id, or nothing the user may know of. */
    public static final class NotFound extends DomainException {
        NotFound(String message) {
            super(message, List.of());
        }
    }

    /** The request clashes with the current state (a duplicate, the last administrator, a refused tool change). */
    public static final class Conflict extends DomainException {
        Conflict(String message, List<ApiError.FieldError> fields) {
            super(message, fields);
        }
    }

    /** The thing can no longer be changed (a submitted return, a closed round). */
    public static final class Locked extends DomainException {
        Locked(String message) {
            super(message, List.of());
        }
    }

    /** The user's role does not allow it. */
    public static final class Forbidden extends DomainException {
        Forbidden(String message) {
            super(message, List.of());
        }
    }

    public static DomainException invalid(String field, String message) {
        return new Invalid(message, List.of(new ApiError.FieldError(field, message)));
    }

    public static DomainException invalid(String message, List<ApiError.FieldError> fields) {
        return new Invalid(message, fields);
    }

    public static DomainException invalid(String message) {
        return new Invalid(message, List.of());
    }

    public static DomainException notFound(String message) {
        return new NotFound(message);
    }

    public static DomainException conflict(String message) {
        return new Conflict(message, List.of());
    }

    public static DomainException conflict(String message, List<ApiError.FieldError> fields) {
        return new Conflict(message, fields);
    }

    public static DomainException locked(String message) {
        return new Locked(message);
    }

    public static DomainException forbidden(String message) {
        return new Forbidden(message);
    }

    public List<ApiError.FieldError> fields() {
        return fields;
    }
}

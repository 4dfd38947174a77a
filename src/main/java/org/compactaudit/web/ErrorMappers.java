package org.compactaudit.web;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.JDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import org.compactaudit.common.ApiError;
import org.compactaudit.common.DomainException;

/** Errors answer JSON under /api and a plain GOV.UK page elsewhere; never a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** How Hibernate words a failure to get a connection from the pool. */
    private static final String NO_CONNECTION = "Unable to acquire JDBC Connection";

    @CheckedTemplate(basePath = "errors")
    static class Templates {
        static native TemplateInstance problem(int status, String title, String message);
    }

    @Inject
    UriInfo uri;

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        return answer(status(e), e.getMessage(), e.fields());
    }

    /** The one place a refusal's kind becomes an HTTP status. */
    public static int status(DomainException e) {
        if (e instanceof DomainException.Invalid) {
            return 400;
        } else if (e instanceof DomainException.Forbidden) {
            return 403;
        } else if (e instanceof DomainException.NotFound) {
            return 404;
        } else if (e instanceof DomainException.Conflict) {
            return 409;
        }
        return 423;
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ApiError.FieldError> fields = e.getConstraintViolations().stream()
                .map(v -> new ApiError.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return answer(400, "The request has invalid fields", fields);
    }

    /** Listed type by type (not only the parent) so they win over Quarkus' built-in plain-text JSON mappers. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class})
    public Response json(JsonProcessingException e) {
        return answer(400, "The request body is not valid JSON for this resource: " + e.getOriginalMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(403, "You do not have permission to do this", List.of());
    }

    @ServerExceptionMapper(priority = 1)
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400 || (!isApi() && e.getResponse().hasEntity())) {
            return e.getResponse();
        }
        String message = switch (status) {
            case 404 -> "Page not found";
            case 405 -> "That method is not allowed here";
            case 415 -> "That content type is not accepted here";
            default -> e.getMessage();
        };
        return answer(status, message, List.of());
    }

    /**
     * No database connection within the pool's acquisition timeout: the service is busy, the client may retry.
     * The pool's timeout is a plain SQLException (no SQL state), which Hibernate reports as a GenericJDBCException
     * with this message, not as a JDBCConnectionException; any other JDBC failure is unexpected.
     */
    @ServerExceptionMapper
    public Response noConnection(JDBCException e) {
        if (!(e instanceof JDBCConnectionException) && !String.valueOf(e.getMessage()).startsWith(NO_CONNECTION)) {
            return unexpected(e);
        }
        LOG.warn("No database connection at " + uri.getPath() + ": " + e.getMessage());
        return Response.fromResponse(answer(503, "The service is busy. Try again in a few seconds.", List.of()))
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof UnauthorizedException) {
            return answer(401, "Sign in to continue", List.of());
        }
        LOG.error("Unexpected error at " + uri.getPath(), e);
        return answer(500, "Sorry, something went wrong. The problem has been logged.", List.of());
    }

    private Response answer(int status, String message, List<ApiError.FieldError> fields) {
        if (isApi()) {
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(new ApiError(status, message, fields)).build();
        }
        String title = switch (status) {
            case 403 -> "You do not have permission to see this page";
            case 404 -> "Page not found";
            case 409 -> "Someone else changed this";
            case 500 -> "Sorry, there is a problem with the service";
            default -> "There is a problem";
        };
        return Response.status(status).type(MediaType.TEXT_HTML)
                .entity(Templates.problem(status, title, message).render()).build();
    }

    private boolean isApi() {
        return uri.getPath().startsWith("/api/");
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}

package org.compactaudit.response;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

import org.compactaudit.common.ApiError;

/**
 * What a bad or throttled link, or a throttled "Get a new link", gets (a plain page or JSON, never a trace), and the
 * API's conflict and 422 bodies.
 */
public class RespondentErrors {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance invalidLink(String contactName, String contactEmail);
    }

    @Inject
    BadLinkThrottle throttle;

    @Inject
    UriInfo uri;

    @ServerRequestFilter
    public Response throttle(HttpServerRequest request) {
        String path = request.path();
        if (!path.startsWith("/respond/") && !path.equals("/respond") && !path.startsWith("/api/v1/respond/")) {
            return null;
        }
        long wait = throttle.retryAfter(client(request));
        if (wait == 0) {
            return null;
        }
        String message = "Too many links that do not work have been tried from your address. Try again in "
                + Math.max(1, wait / 60) + " minutes.";
        Response.ResponseBuilder builder = Response.status(429).header("Retry-After", wait);
        return path.startsWith("/api/")
                ? builder.type(MediaType.APPLICATION_JSON).entity(ApiError.of(429, message)).build()
                : builder.type(MediaType.TEXT_HTML).entity(problemPage(message)).build();
    }

    @ServerExceptionMapper
    public Response invalidLink(InvalidLink e, HttpServerRequest request) {
        throttle.recordBad(client(request));
        if (isApi()) {
            String contact = e.contactEmail == null ? "" : " Contact " + e.contactEmail + " for a new one.";
            return Response.status(404).type(MediaType.APPLICATION_JSON)
                    .entity(ApiError.of(404, "This link is not valid: it may have been mistyped or replaced." + contact)).build();
        }
        return Response.status(404).type(MediaType.TEXT_HTML)
                .entity(Templates.invalidLink(e.contactName, e.contactEmail).render()).build();
    }

    @ServerExceptionMapper
    public Response tooManyLinkRequests(LinkRequests.TooManyRequests e) {
        String message = "Too many new links have been asked for from your address. Try again in "
                + Math.max(1, e.retryAfter / 60) + " minutes.";
        Response.ResponseBuilder builder = Response.status(429).header("Retry-After", e.retryAfter);
        return isApi() ? builder.type(MediaType.APPLICATION_JSON).entity(ApiError.of(429, message)).build()
                : builder.type(MediaType.TEXT_HTML).entity(problemPage(message)).build();
    }

    @ServerExceptionMapper
    public Response conflict(AnswerConflict e) {
        return Response.status(409).type(MediaType.APPLICATION_JSON)
                .entity(new ReturnJson.ConflictJson(409, e.getMessage(), ReturnJson.AnswerJson.of(e.current))).build();
    }

    @ServerExceptionMapper
    public Response incomplete(IncompleteReturn e) {
        return Response.status(422).type(MediaType.APPLICATION_JSON)
                .entity(new ReturnJson.IncompleteJson(422, e.getMessage(), e.items)).build();
    }

    private boolean isApi() {
        return uri.getPath().startsWith("/api/");
    }

    private static String problemPage(String message) {
        return RespondentPages.Templates.throttled(message).render();
    }

    static String client(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}

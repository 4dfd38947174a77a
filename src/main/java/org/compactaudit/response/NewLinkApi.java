package org.compactaudit.response;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/** "Get a new link" for API clients: the same answer whatever the address, so it tells no one who is invited. */
@Path("/api/v1/respond/links")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class NewLinkApi {

    public record LinkRequest(String email) {
    }

    @Inject
    LinkRequests requests;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a new link: when the address is the lead's or a declarer's of an agency with an open,"
            + " unsubmitted return, a new link is emailed to it. Always 202 (429 when the client asked too often)")
    public Response request(LinkRequest body, HttpServerRequest request) {
        requests.request(body == null ? null : body.email(), RespondentErrors.client(request));
        return Response.accepted().build();
    }
}

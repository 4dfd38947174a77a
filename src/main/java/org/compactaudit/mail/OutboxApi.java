package org.compactaudit.mail;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.Role;
import org.compactaudit.web.Page;

/** The outbox as JSON: exactly what has been, or would be, sent. */
@Path("/api/v1/outbox")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxApi {

    public record MessageJson(long id, String to, String subject, String body, String status, int attempts,
            String lastError, Instant createdAt, Instant sentAt) {
    }

    @Inject
    OutboxQueries queries;

    @Inject
    OutboxDelivery delivery;

    @GET
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "Outbox messages, newest first, optionally by status (pending, sent, failed); X-Total-Count gives the total")
    public Response list(@QueryParam("status") String status, @QueryParam("page") @DefaultValue("1") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 1) {
            throw DomainException.invalid("page", "page starts at 1");
        }
        if (size < 1 || size > 500) {
            throw DomainException.invalid("size", "size must be between 1 and 500");
        }
        Page<OutboxMessage> messages = queries.page(OutboxQueries.status(status), page, size);
        List<MessageJson> body = messages.items().stream().map(m -> new MessageJson(m.id, m.to, m.subject, m.shownText(),
                m.status.name().toLowerCase(), m.attempts, m.lastError, m.createdAt, m.sentAt)).toList();
        return Response.ok(body).header("X-Total-Count", messages.total()).build();
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "Put a failed message back in the queue")
    public Response retry(@PathParam("id") long id) {
        delivery.retry(id);
        return Response.noContent().build();
    }
}

package org.compactaudit.mail;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import org.compactaudit.security.Role;
import org.compactaudit.web.Page;

/** The manager's view of the outbox: exactly what has been or would be sent, failures with the SMTP error, retry. */
@Path("/outbox")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.MANAGER)
public class OutboxResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page<OutboxMessage> messages, String status, String to, String query);

        static native TemplateInstance message(OutboxMessage message);
    }

    @Inject
    OutboxQueries queries;

    @Inject
    OutboxDelivery delivery;

    @GET
    public TemplateInstance list(@QueryParam("status") String status, @QueryParam("to") String to,
            @QueryParam("page") Integer page) {
        OutboxStatus filter = status == null || status.isBlank() ? null : OutboxQueries.status(status);
        String statusCode = filter == null ? "" : filter.name().toLowerCase();
        String recipient = to == null ? "" : to.trim();
        // The filters again for the pagination links, encoded: the recipient is whatever was typed.
        String query = "status=" + statusCode + "&to=" + URLEncoder.encode(recipient, StandardCharsets.UTF_8);
        return Templates.list(queries.page(filter, recipient, page == null || page < 1 ? 1 : page, 50), statusCode,
                recipient, query);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance message(@PathParam("id") long id) {
        return Templates.message(queries.get(id));
    }

    @POST
    @Path("/{id}/retry")
    public Response retry(@PathParam("id") long id) {
        delivery.retry(id);
        return Response.seeOther(URI.create("/outbox/" + id)).build();
    }
}

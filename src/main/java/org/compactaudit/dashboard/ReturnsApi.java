package org.compactaudit.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import org.compactaudit.common.DomainException;
import org.compactaudit.common.Text;
import org.compactaudit.security.Role;
import org.compactaudit.web.Page;

/** A round's returns as the dashboard shows them: status, progress, chasers. */
@Path("/api/v1/rounds")
@Produces(MediaType.APPLICATION_JSON)
public class ReturnsApi {

    public record ReturnJson(long agencyId, String agencyName, String sector, String status, Integer percentComplete,
            Instant submittedAt, boolean late, Instant lastContactAt, LocalDate nextChaserOn, int chasersSent) {
    }

    @Inject
    ReturnsDashboard dashboard;

    @GET
    @Path("/{id}/returns")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Operation(summary = "Each agency's return status, paged (X-Total-Count gives the total)")
    @Transactional
    public Response returns(@PathParam("id") long id, @QueryParam("sector") String sector, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("1") int page, @QueryParam("size") @DefaultValue("500") int size) {
        if (page < 1) {
            throw DomainException.invalid("page", "page starts at 1");
        }
        if (size < 1 || size > 5000) {
            throw DomainException.invalid("size", "size must be between 1 and 5000");
        }
        if (status != null && !ReturnsDashboard.STATUSES.contains(status)) {
            throw DomainException.invalid("status", "status must be one of " + ReturnsDashboard.STATUSES);
        }
        Page<ReturnsDashboard.Row> rows = dashboard.page(id, Text.blankToNull(sector), status, page, size);
        List<ReturnJson> body = rows.items().stream().map(r -> new ReturnJson(r.agencyId(), r.agencyName(), r.sector(),
                r.status(), r.percentComplete(), r.submittedAt(), r.late(), r.lastContactAt(), r.nextChaserOn(),
                r.chasersSent())).toList();
        return Response.ok(body).header("X-Total-Count", rows.total()).build();
    }
}

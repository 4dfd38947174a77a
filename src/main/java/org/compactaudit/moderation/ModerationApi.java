package org.compactaudit.moderation;

import java.math.BigDecimal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.security.Role;

/**
 * A round's moderation over JSON: draw the sample, read it with its visits, read the report. Rooted at the round's
 * moderation path so it is matched before the rounds API's own root.
 */
@Path("/api/v1/rounds/{id}/moderation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Moderation")
// Moderation is the manager's; the MESC may read the report.
@RolesAllowed(Role.MANAGER)
public class ModerationApi {

    public record SampleBody(String policy, Integer size, BigDecimal percent, Integer minimum, Long seed) {
    }

    @Inject
    Sampling sampling;

    @Inject
    ModerationViews views;

    @Inject
    ModerationReport report;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/sample")
    @Operation(summary = "Draw the round's moderation sample (fixed number or percentage, stratified by sector, seeded)")
    // One transaction for the change and the answer built from it; an error rolls back both.
    @Transactional
    public Views.RoundModeration sample(@RestPath long id, SampleBody body) {
        SampleBody b = body == null ? new SampleBody(null, null, null, null, null) : body;
        return sampling.draw(id, new Sampling.SampleRequest(b.policy(), b.size(), b.percent(), b.minimum(), b.seed()),
                identity.getPrincipal().getName());
    }

    @GET
    @Operation(summary = "The round's sample and its visits")
    public Views.RoundModeration moderation(@RestPath long id) {
        return views.roundModeration(id);
    }

    @GET
    @Path("/report")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Operation(summary = "Visits against the commitment and the share of standards confirmed, under-scored, over-inflated")
    public Views.Report report(@RestPath long id) {
        return report.report(id);
    }

    @GET
    @Path("/report.csv")
    @Produces("text/csv")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Operation(summary = "The moderation report as CSV: overall, by sector, by standard and by visit")
    public jakarta.ws.rs.core.Response reportCsv(@RestPath long id) {
        return ReportCsv.response(report.report(id));
    }
}

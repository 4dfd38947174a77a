package org.compactaudit.moderation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.Role;

/** Moderation over JSON: draw the sample, plan and record visits, read the report. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Moderation")
public class ModerationApi {

    public record SampleBody(String policy, Integer size, BigDecimal percent, Integer minimum, Long seed) {
    }

    public record VisitBody(LocalDate date, String place, List<Long> attendees, String status, String cancelReason,
            String summary) {
    }

    public record StandardBody(String grade, String notes, Map<String, String> questions) {
    }

    @Inject
    ModerationService service;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/rounds/{id}/moderation/sample")
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "Draw the round's moderation sample (fixed number or percentage, stratified by sector, seeded)")
    // One transaction for the change and the answer built from it; an error rolls back both.
    @Transactional
    public Views.RoundModeration sample(@RestPath long id, SampleBody body) {
        SampleBody b = body == null ? new SampleBody(null, null, null, null, null) : body;
        service.draw(id, new ModerationService.SampleRequest(b.policy(), b.size(), b.percent(), b.minimum(), b.seed()),
                identity.getPrincipal().getName());
        return service.roundModeration(id);
    }

    @GET
    @Path("/rounds/{id}/moderation")
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "The round's sample and its visits")
    public Views.RoundModeration moderation(@RestPath long id) {
        return service.roundModeration(id);
    }

    @GET
    @Path("/moderation/visits/{visitId}")
    @RolesAllowed({ Role.MANAGER, Role.MODERATOR })
    @Operation(summary = "A visit with the self-assessed and moderated grades of each standard")
    public Views.VisitDetail visit(@RestPath long visitId) {
        return service.detail(service.visitFor(visitId, Actor.of(identity)));
    }

    @PUT
    @Path("/moderation/visits/{visitId}")
    @RolesAllowed({ Role.MANAGER, Role.MODERATOR })
    @Operation(summary = "Plan, complete, cancel or reopen a visit (status planned, done or cancelled)")
    // One transaction for the change and the answer built from it; an error rolls back both.
    @Transactional
    public Views.VisitDetail updateVisit(@RestPath long visitId, VisitBody body) {
        if (body == null) {
            throw DomainException.invalid("status", "Send the visit as JSON");
        }
        Actor actor = Actor.of(identity);
        ModerationVisit visit = service.update(visitId, new ModerationService.VisitUpdate(body.date(), body.place(),
                body.attendees(), body.status(), body.cancelReason(), body.summary()), actor);
        return service.detail(visit);
    }

    @PUT
    @Path("/moderation/visits/{visitId}/standards/{standardKey}")
    @RolesAllowed({ Role.MANAGER, Role.MODERATOR })
    @Operation(summary = "Record a standard's moderated grade, notes and optional question grades")
    // One transaction for the change and the answer built from it; an error rolls back both.
    @Transactional
    public Views.StandardRecord recordStandard(@RestPath long visitId, @RestPath String standardKey, StandardBody body) {
        StandardBody b = body == null ? new StandardBody(null, null, null) : body;
        return service.recordStandard(visitId, standardKey,
                new ModerationService.StandardGradeRequest(b.grade(), b.notes(), b.questions()), Actor.of(identity));
    }

    @GET
    @Path("/rounds/{id}/moderation/report")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Operation(summary = "Visits against the commitment and the share of standards confirmed, under-scored, over-inflated")
    public Views.Report report(@RestPath long id) {
        return service.report(id);
    }

    @GET
    @Path("/rounds/{id}/moderation/report.csv")
    @Produces("text/csv")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Operation(summary = "The moderation report as CSV: overall, by sector, by standard and by visit")
    public jakarta.ws.rs.core.Response reportCsv(@RestPath long id) {
        return ReportCsv.response(service.report(id));
    }
}

package org.compactaudit.moderation;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** A moderation visit over JSON: plan, record moderated grades, complete, cancel, reopen. */
@Path("/api/v1/moderation/visits/{visitId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Moderation")
@RolesAllowed({ Role.MANAGER, Role.MODERATOR })
public class VisitApi {

    public record StandardBody(String grade, String notes, Map<String, String> questions) {
    }

    @Inject
    Visits visits;

    @Inject
    Grading grading;

    @Inject
    ModerationViews views;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "A visit with the self-assessed and moderated grades of each standard")
    public Views.VisitDetail visit(@RestPath long visitId) {
        return views.visitDetail(visitId, Actor.of(identity));
    }

    @PUT
    @Operation(summary = "Plan, complete, cancel or reopen a visit (status planned, done or cancelled)")
    // One transaction for the change and the answer built from it; an error rolls back both.
    @Transactional
    public Views.VisitDetail updateVisit(@RestPath long visitId, Visits.VisitUpdate body) {
        if (body == null) {
            throw DomainException.invalid("status", "Send the visit as JSON");
        }
        return visits.update(visitId, body, Actor.of(identity));
    }

    @PUT
    @Path("/standards/{standardKey}")
    @Operation(summary = "Record a standard's moderated grade, notes and optional question grades")
    // One transaction for the change and the answer built from it; an error rolls back both.
    @Transactional
    public Views.StandardRecord recordStandard(@RestPath long visitId, @RestPath String standardKey, StandardBody body) {
        StandardBody b = body == null ? new StandardBody(null, null, null) : body;
        return grading.recordStandard(visitId, standardKey,
                new Grading.StandardGradeRequest(b.grade(), b.notes(), b.questions()), Actor.of(identity));
    }
}

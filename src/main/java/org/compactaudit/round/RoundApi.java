package org.compactaudit.round;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.Role;

/** The rounds API: create, read, edit the cohort, send, (the returns list is dashboard.ReturnsApi, chasers chasing.ChasingApi). */
@Path("/api/v1/rounds")
@Produces(MediaType.APPLICATION_JSON)
public class RoundApi {

    public record RoundBody(String name, String partnership, String cycleGroup, LocalDate opensOn, LocalDate dueOn,
            LocalDate closesOn, Map<String, String> tools, List<Long> cohort) {
    }

    public record RoundJson(long id, String name, String partnership, LocalDate opensOn, LocalDate dueOn,
            LocalDate closesOn, String cycleGroup, Map<String, String> tools, List<Long> cohort, String status) {
    }

    public record SendJson(long roundId, int invited, int cannotBeContacted) {
    }

    @Inject
    RoundService rounds;

    @Inject
    Cohorts cohorts;

    @Inject
    RoundSending sending;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "Create a draft round; the cohort defaults to the proposed one")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(RoundBody body) {
        if (body == null) {
            throw DomainException.invalid("Send the round as JSON");
        }
        AuditRound round = rounds.create(new RoundService.RoundInput(body.name(), body.partnership(), body.cycleGroup(),
                body.opensOn(), body.dueOn(), body.closesOn(), body.tools(), body.cohort()), identity.getPrincipal().getName());
        // Creating runs in the service's own long transaction; the answer is read in a fresh one.
        RoundJson created = QuarkusTransaction.requiringNew().call(() -> json(rounds.withCohort(round.id)));
        return Response.status(201).header("Location", "/api/v1/rounds/" + round.id).entity(created).build();
    }

    @GET
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Operation(summary = "Every round, newest first")
    @Transactional
    public List<RoundJson> list() {
        return rounds.listWithCohorts().stream().map(RoundApi::json).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Operation(summary = "One round with its tools and cohort (agency ids)")
    @Transactional
    public RoundJson get(@PathParam("id") long id) {
        return json(rounds.withCohort(id));
    }

    @PUT
    @Path("/{id}/cohort")
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "Add and remove agencies of a draft round, each with a reason")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    public RoundJson cohort(@PathParam("id") long id, Cohorts.CohortEdit edit) {
        if (edit == null) {
            throw DomainException.invalid("Send {add: [{agencyId, reason}], remove: [{agencyId, reason}]}");
        }
        return json(cohorts.changeCohort(id, edit, identity.getPrincipal().getName()));
    }

    @POST
    @Path("/{id}/send")
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "Queue one invitation per contactable agency and open the round")
    public SendJson send(@PathParam("id") long id) {
        RoundSending.SendResult result = sending.send(id);
        return new SendJson(id, result.invited(), result.cannotBeContacted());
    }

    private static RoundJson json(RoundService.RoundWithCohort found) {
        AuditRound round = found.round();
        Map<String, String> tools = new TreeMap<>();
        round.tools.forEach((sector, tool) -> tools.put(sector, tool.reference()));
        return new RoundJson(round.id, round.name, round.partnership.code, round.opensOn, round.dueOn, round.closesOn,
                round.cycleGroup == null ? null : round.cycleGroup.name(), tools, found.cohort(), round.status.name().toLowerCase());
    }
}

package org.compactaudit.chasing;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.common.DomainException;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.ChaserSettings;
import org.compactaudit.round.Return;
import org.compactaudit.round.RoundService;
import org.compactaudit.security.Role;
import org.compactaudit.web.DateParts;
import org.compactaudit.web.FormErrors;

/**
 * The manager's chasing pages of a round: the chaser schedule, chasing one return or a sector's late returns now,
 * running the day's chasers, and an escalated return's letter and meeting (MESC reads it).
 */
@Path("/rounds")
@Produces(MediaType.TEXT_HTML)
public class ChasingPages {

    public record ScheduleForm(String offsets, String repeatDays, String max) {
    }

    public record EscalationForm(String letterText, DateParts meetingOn, String outcome) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance schedule(AuditRound round, ScheduleForm form, FormErrors errors);

        static native TemplateInstance escalation(AuditRound round, Return agencyReturn, Escalation escalation,
                EscalationForm form, FormErrors errors, boolean readOnly);
    }

    @Inject
    RoundService rounds;

    @Inject
    ChaserSettings chaserSettings;

    @Inject
    ChasingService chasing;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @GET
    @Path("/{id}/schedule")
    @RolesAllowed(Role.MANAGER)
    @Transactional
    public String schedule(@PathParam("id") long id) {
        AuditRound round = rounds.get(id);
        String offsets = String.join(", ", chaserSettings.offsetsOf(id).stream().map(String::valueOf).toList());
        return Templates.schedule(round, new ScheduleForm(offsets, String.valueOf(round.chaserRepeatDays),
                String.valueOf(round.chaserMax)), FormErrors.none()).render();
    }

    @POST
    @Path("/{id}/schedule")
    @RolesAllowed(Role.MANAGER)
    public Response saveSchedule(@PathParam("id") long id, @RestForm String offsets, @RestForm String repeatDays,
            @RestForm String max) {
        ScheduleForm form = new ScheduleForm(offsets, repeatDays, max);
        FormErrors errors = FormErrors.none();
        List<Integer> days = new ArrayList<>();
        try {
            for (String part : (offsets == null ? "" : offsets).split("[,\\s]+")) {
                if (!part.isBlank()) {
                    days.add(Integer.parseInt(part.trim().replace("+", "")));
                }
            }
        } catch (NumberFormatException e) {
            errors.add("offsets", "Enter whole numbers of days from the due date, separated by commas, for example -14, -3, 1");
        }
        int repeat = number(repeatDays, "repeatDays", "Enter the number of days between repeat chasers", errors);
        int most = number(max, "max", "Enter the most chasers to send", errors);
        try {
            if (errors.any()) {
                throw DomainException.invalid("Check the schedule");
            }
            chaserSettings.updateSchedule(id, days, repeat, most);
            return Response.seeOther(URI.create("/rounds/" + id + "?saved=schedule")).build();
        } catch (DomainException e) {
            e.fields().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> Templates.schedule(rounds.get(id), form, errors).render())).build();
        }
    }

    private static int number(String value, String field, String message, FormErrors errors) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            errors.add(field, message);
            return 0;
        }
    }

    @POST
    @Path("/{id}/returns/{returnId}/chase")
    @RolesAllowed(Role.MANAGER)
    public Response chaseOne(@PathParam("id") long id, @PathParam("returnId") long returnId) {
        chasing.chaseNow(returnId, identity.getPrincipal().getName(), LocalDate.now(clock));
        return Response.seeOther(URI.create("/rounds/" + id + "?chased=1")).build();
    }

    @POST
    @Path("/{id}/chase-sector")
    @RolesAllowed(Role.MANAGER)
    public Response chaseSector(@PathParam("id") long id, @RestForm String chaseSector) {
        int count = chasing.chaseLateInSector(id, chaseSector, identity.getPrincipal().getName(), LocalDate.now(clock));
        return Response.seeOther(URI.create("/rounds/" + id + "?chased=" + count)).build();
    }

    @POST
    @Path("/{id}/chasers/run")
    @RolesAllowed(Role.MANAGER)
    public Response runChasers(@PathParam("id") long id) {
        ChasingService.RunResult result = chasing.run(id, LocalDate.now(clock));
        return Response.seeOther(URI.create("/rounds/" + id + "?chased=" + result.chasersQueued())).build();
    }

    @GET
    @Path("/{id}/returns/{returnId}/escalation")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Transactional
    public String escalation(@PathParam("id") long id, @PathParam("returnId") long returnId) {
        Return r = chasing.visibleReturn(returnId);
        Escalation escalation = escalationOf(returnId);
        return Templates.escalation(rounds.get(id), r, escalation,
                new EscalationForm(escalation.letterText, DateParts.of(escalation.meetingOn), escalation.outcome),
                FormErrors.none(), !identity.hasRole(Role.MANAGER)).render();
    }

    @POST
    @Path("/{id}/returns/{returnId}/escalation")
    @RolesAllowed(Role.MANAGER)
    public Response saveEscalation(@PathParam("id") long id, @PathParam("returnId") long returnId,
            @RestForm String letterText, @RestForm String outcome, MultivaluedMap<String, String> all) {
        EscalationForm form = new EscalationForm(letterText, DateParts.from(all, "meetingOn"), outcome);
        FormErrors errors = FormErrors.none();
        LocalDate meeting = form.meetingOn().isBlank() ? null : form.meetingOn().toDate("meetingOn", "the meeting date", errors);
        try {
            if (errors.any()) {
                throw DomainException.invalid("Check the meeting date");
            }
            chasing.updateEscalation(returnId, letterText, meeting, outcome);
            return Response.seeOther(URI.create("/rounds/" + id + "/returns/" + returnId + "/escalation")).build();
        } catch (DomainException e) {
            e.fields().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> Templates.escalation(rounds.get(id), chasing.visibleReturn(returnId), escalationOf(returnId), form,
                            errors, false).render())).build();
        }
    }

    private static Escalation escalationOf(long returnId) {
        return Escalation.<Escalation>find("returnId", returnId).firstResultOptional()
                .orElseThrow(() -> DomainException.notFound("This return has not been escalated"));
    }
}

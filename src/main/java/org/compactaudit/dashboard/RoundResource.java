package org.compactaudit.dashboard;

import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.agency.Agency;
import org.compactaudit.chasing.ChaserSchedule;
import org.compactaudit.common.DomainException;
import org.compactaudit.common.Text;
import org.compactaudit.dashboard.ReturnsDashboard.Filters;
import org.compactaudit.dashboard.ReturnsDashboard.ListItem;
import org.compactaudit.dashboard.ReturnsDashboard.ToolUse;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Cohorts.CohortSearch;
import org.compactaudit.round.Cohorts;
import org.compactaudit.round.RoundSending;
import org.compactaudit.round.RoundService.SectorTools;
import org.compactaudit.round.RoundService;
import org.compactaudit.security.Role;
import org.compactaudit.web.Counts;
import org.compactaudit.web.DateParts;
import org.compactaudit.web.FormErrors;
import org.compactaudit.web.Option;
import org.compactaudit.web.Page;

/**
 * The manager's rounds: list, create, cohort preview and send, the returns dashboard. Each request calls one service
 * method; pages render inside their transaction (they read lazy associations). Chasing and escalation pages are
 * chasing.ChasingPages.
 */
@Path("/rounds")
@Produces(MediaType.TEXT_HTML)
public class RoundResource {

    public record RoundForm(String name, String partnership, String cycleGroup, DateParts opensOn, DateParts dueOn,
            DateParts closesOn, Map<String, String> tools) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ListItem> rounds);

        static native TemplateInstance create(RoundForm form, List<Option> partnerships, List<SectorTools> sectors, FormErrors errors);

        static native TemplateInstance round(AuditRound round, Page<ReturnsDashboard.Row> rows, Filters filters,
                ReturnsDashboard.RoundFigures figures, List<ReturnsDashboard.RoundFigures> earlier,
                List<ReturnsDashboard.SectorName> sectors, List<ToolUse> tools, ChaserSchedule schedule, String query, String banner,
                FormErrors errors, CohortSearch search);

        static native TemplateInstance remove(AuditRound round, Agency agency, String reason, FormErrors errors);

        static native TemplateInstance send(AuditRound round, long cohort, Page<ReturnsDashboard.Row> cannotBeContacted);
    }

    @Inject
    RoundService rounds;

    @Inject
    Cohorts cohorts;

    @Inject
    RoundSending sending;

    @Inject
    ReturnsDashboard dashboard;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Transactional
    public String list() {
        return Templates.list(dashboard.roundList()).render();
    }

    @GET
    @Path("/new")
    @RolesAllowed(Role.MANAGER)
    @Transactional
    public String newRound() {
        RoundService.FormChoices choices = rounds.formChoices();
        return Templates.create(new RoundForm("", choices.firstPartnership(), "", DateParts.of(LocalDate.now(clock)),
                DateParts.BLANK, DateParts.BLANK, Map.of()), choices.partnerships(), choices.sectors(), FormErrors.none()).render();
    }

    @POST
    @RolesAllowed(Role.MANAGER)
    public Response create(@RestForm String name, @RestForm String partnership, @RestForm String cycleGroup,
            MultivaluedMap<String, String> all) {
        Map<String, String> tools = new LinkedHashMap<>();
        all.forEach((key, values) -> {
            if (key.startsWith("tools.") && !values.isEmpty() && !values.get(0).isBlank()) {
                tools.put(key.substring("tools.".length()), values.get(0));
            }
        });
        RoundForm form = new RoundForm(name, partnership, cycleGroup, DateParts.from(all, "opensOn"),
                DateParts.from(all, "dueOn"), DateParts.from(all, "closesOn"), tools);
        FormErrors errors = FormErrors.none();
        LocalDate opens = form.opensOn().toDate("opensOn", "the opening date", errors);
        LocalDate due = form.dueOn().toDate("dueOn", "the due date", errors);
        LocalDate closes = form.closesOn().toDate("closesOn", "the closing date", errors);
        try {
            if (errors.any()) {
                throw DomainException.invalid("Check the dates");
            }
            AuditRound round = rounds.create(new RoundService.RoundInput(name, partnership, cycleGroup, opens, due, closes,
                    tools, null), identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/rounds/" + round.id + "?created=true")).build();
        } catch (DomainException e) {
            e.fields().forEach(f -> errors.add(f.field(), f.message()));
            if (errors.isEmpty()) {
                errors.add("name", e.getMessage());
            }
            return Response.status(400).entity(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> createForm(form, errors).render())).build();
        }
    }

    private TemplateInstance createForm(RoundForm form, FormErrors errors) {
        RoundService.FormChoices choices = rounds.formChoices();
        return Templates.create(form, choices.partnerships(), choices.sectors(), errors);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Transactional
    public String round(@PathParam("id") long id, @QueryParam("sector") String sector,
            @QueryParam("status") String status, @QueryParam("page") Integer page, @QueryParam("created") boolean created,
            @QueryParam("sent") Integer sent, @QueryParam("chased") Integer chased, @QueryParam("saved") String saved,
            @QueryParam("added") Long added, @QueryParam("removed") Long removed, @QueryParam("find") String find) {
        // Only fixed messages, counts and names looked up by id: nothing typed into the address is shown.
        ReturnsDashboard.RoundView view = dashboard.view(id, sector, status, page, find, "", added != null ? added : removed);
        String banner = created ? "Round created. Check the cohort below, then send it."
                : sent != null ? Counts.of(sent, "invitation", "invitations") + " queued in the outbox."
                : chased != null ? Counts.of(chased, "chaser", "chasers") + " queued in the outbox."
                : "schedule".equals(saved) ? "Chaser schedule saved"
                : added != null ? named(view, " added to the cohort")
                : removed != null ? named(view, " removed from the cohort") : null;
        return roundPage(view, banner, FormErrors.none()).render();
    }

    private static String named(ReturnsDashboard.RoundView view, String what) {
        return view.namedAgency() == null ? null : view.namedAgency() + what;
    }

    private static TemplateInstance roundPage(ReturnsDashboard.RoundView view, String banner, FormErrors errors) {
        return Templates.round(view.round(), view.rows(), view.filters(), view.figures(), view.earlier(), view.sectors(),
                view.tools(), view.schedule(), view.query(), banner, errors, view.search());
    }

    @POST
    @Path("/{id}/cohort/add")
    @RolesAllowed(Role.MANAGER)
    public Response add(@PathParam("id") long id, @RestForm Long agencyId, @RestForm String reason, @RestForm String find) {
        try {
            cohorts.changeCohort(id, new Cohorts.CohortEdit(List.of(new Cohorts.Change(agencyId, reason)), List.of()),
                    identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/rounds/" + id + "?added=" + agencyId)).build();
        } catch (DomainException e) {
            FormErrors errors = FormErrors.none();
            e.fields().forEach(f -> errors.add(f.field().endsWith(".reason") ? "reason" : "find", f.message()));
            if (errors.isEmpty()) {
                errors.add("find", e.getMessage());
            }
            return Response.status(e instanceof DomainException.NotFound ? 404 : 400).entity(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> roundPage(dashboard.view(id, null, null, 1, find, reason, null), null, errors).render())).build();
        }
    }

    @GET
    @Path("/{id}/cohort/{agencyId}/remove")
    @RolesAllowed(Role.MANAGER)
    @Transactional
    public String confirmRemove(@PathParam("id") long id, @PathParam("agencyId") long agencyId) {
        Cohorts.Removal removal = cohorts.removal(id, agencyId);
        return Templates.remove(removal.round(), removal.agency(), "", FormErrors.none()).render();
    }

    @POST
    @Path("/{id}/cohort/{agencyId}/remove")
    @RolesAllowed(Role.MANAGER)
    public Response remove(@PathParam("id") long id, @PathParam("agencyId") long agencyId, @RestForm String reason) {
        try {
            cohorts.changeCohort(id, new Cohorts.CohortEdit(List.of(), List.of(new Cohorts.Change(agencyId, reason))),
                    identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/rounds/" + id + "?removed=" + agencyId)).build();
        } catch (DomainException e) {
            FormErrors errors = FormErrors.none().add("reason", e.getMessage());
            e.fields().stream().filter(f -> f.field().endsWith(".reason")).findFirst()
                    .ifPresent(f -> errors.add("reason", f.message()));
            return Response.status(400).entity(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> {
                        Cohorts.Removal removal = cohorts.removal(id, agencyId);
                        return Templates.remove(removal.round(), removal.agency(), reason, errors).render();
                    })).build();
        }
    }

    @GET
    @Path("/{id}/send")
    @RolesAllowed(Role.MANAGER)
    @Transactional
    public String confirmSend(@PathParam("id") long id) {
        ReturnsDashboard.SendConfirmation confirmation = dashboard.sendConfirmation(id);
        return Templates.send(confirmation.round(), confirmation.cohort(), confirmation.cannotBeContacted()).render();
    }

    @POST
    @Path("/{id}/send")
    @RolesAllowed(Role.MANAGER)
    public Response send(@PathParam("id") long id) {
        RoundSending.SendResult result = sending.send(id);
        return Response.seeOther(URI.create("/rounds/" + id + "?sent=" + result.invited())).build();
    }

    @GET
    @Path("/{id}/returns.csv")
    @Produces("text/csv")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Transactional
    public Response csv(@PathParam("id") long id, @QueryParam("sector") String sector, @QueryParam("status") String status) {
        StringWriter out = new StringWriter();
        AuditRound round;
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("agencyId", "agencyName", "sector",
                "status", "percentComplete", "submittedAt", "late", "lastContactAt", "nextChaserOn", "chasersSent",
                "leadEmail", "cohortReason").get())) {
            round = dashboard.forEach(id, sector, status, row -> {
                        try {
                            csv.printRecord(row.agencyId(), Text.forSpreadsheet(row.agencyName()), row.sector(), row.status(),
                                    row.percentComplete(), row.submittedAt(), row.late(), row.lastContactAt(), row.nextChaserOn(),
                                    row.chasersSent(), row.isContactable() ? Text.forSpreadsheet(row.leadEmail())
                                            : "cannot be contacted", row.cohortReason());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String file = "returns-" + round.name.replaceAll("[^A-Za-z0-9-]", "_") + ".csv";
        return Response.ok(out.toString()).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }
}

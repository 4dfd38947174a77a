package org.compactaudit.round;

import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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

import org.compactaudit.common.Text;
import org.compactaudit.agency.Agency;
import org.compactaudit.agency.Sector;
import org.compactaudit.chasing.ChaserSchedule;
import org.compactaudit.chasing.ChasingService;
import org.compactaudit.common.DomainException;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.Return;
import org.compactaudit.security.Role;
import org.compactaudit.tool.ToolVersion;
import org.compactaudit.web.Counts;
import org.compactaudit.web.DateParts;
import org.compactaudit.web.FormErrors;
import org.compactaudit.web.Option;
import org.compactaudit.web.Page;

/**
 * The manager's rounds: list, create, cohort preview and send, the returns dashboard. Pages render inside their
 * transaction (they read lazy associations). Chasing and escalation pages are chasing.ChasingPages.
 */
@Path("/rounds")
@Produces(MediaType.TEXT_HTML)
public class RoundResource {

    public record RoundForm(String name, String partnership, String cycleGroup, DateParts opensOn, DateParts dueOn,
            DateParts closesOn, Map<String, String> tools) {
    }

    public record SectorTools(String code, String name, List<Option> options) {
    }

    /** A tool version of the round with the sectors that complete it, for "Tool versions" on the round page. */
    public record ToolUse(String title, String version, String sectors) {
    }

    /** The add-to-cohort search: what was typed, the reason so far, and the matching agencies not in the cohort. */
    public record CohortSearch(String find, String reason, List<Agency> matches) {

        static final CohortSearch NONE = new CohortSearch("", "", List.of());
    }

    public record ListItem(AuditRound round, ReturnsDashboard.Figures figures) {
    }

    public record Filters(String sector, String status, List<Option> sectors, List<Option> statuses) {
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

    private static final int PAGE_SIZE = 50;

    /** The send confirmation names this many agencies that cannot be contacted; the dashboard lists them all. */
    private static final int UNCONTACTABLE_LISTED = 100;

    @Inject
    RoundService rounds;

    @Inject
    ReturnsDashboard dashboard;

    @Inject
    ChasingService chasing;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Transactional
    public String list() {
        List<AuditRound> all = AuditRound.list("order by opensOn desc, id desc");
        Map<Long, ReturnsDashboard.RoundFigures> figures = dashboard.figures(all);
        return Templates.list(all.stream().map(r -> new ListItem(r, figures.get(r.id).overall())).toList()).render();
    }

    @GET
    @Path("/new")
    @RolesAllowed(Role.MANAGER)
    @Transactional
    public String newRound() {
        LocalDate today = LocalDate.now(clock);
        String partnership = Partnership.<Partnership>findAll().firstResultOptional().map(p -> p.code).orElse("");
        return createForm(new RoundForm("", partnership, "", DateParts.of(today), DateParts.BLANK, DateParts.BLANK, Map.of()),
                FormErrors.none()).render();
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
                throw new DomainException(400, "Check the dates");
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
        List<Option> partnerships = Partnership.<Partnership>listAll().stream()
                .map(p -> new Option(p.code, p.name)).toList();
        List<SectorTools> sectors = new ArrayList<>();
        for (Sector sector : Sector.listInOrder()) {
            List<Option> options = rounds.toolsFor(sector.code).stream()
                    .map(t -> new Option(t.reference(), t.title + " (" + t.reference() + ")")).toList();
            sectors.add(new SectorTools(sector.code, sector.name, options));
        }
        return Templates.create(form, partnerships, sectors, errors);
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
        String banner = created ? "Round created. Check the cohort below, then send it."
                : sent != null ? Counts.of(sent, "invitation", "invitations") + " queued in the outbox."
                : chased != null ? Counts.of(chased, "chaser", "chasers") + " queued in the outbox."
                : "schedule".equals(saved) ? "Chaser schedule saved"
                : added != null ? agencyName(added, " added to the cohort")
                : removed != null ? agencyName(removed, " removed from the cohort") : null;
        return dashboardPage(id, sector, status, page, banner, FormErrors.none(), find, "").render();
    }

    private TemplateInstance dashboardPage(long id, String sector, String status, Integer page, String banner,
            FormErrors errors, String find, String reason) {
        AuditRound round = rounds.get(id);
        CohortSearch search = find == null || find.isBlank() || round.status != RoundStatus.DRAFT ? CohortSearch.NONE
                : new CohortSearch(find.trim(), reason == null ? "" : reason, rounds.agenciesToAdd(round, find.trim()));
        String sectorFilter = Text.blankToNull(sector);
        String statusFilter = Text.blankToNull(status);
        if (statusFilter != null && !ReturnsDashboard.STATUSES.contains(statusFilter)) {
            statusFilter = null;
        }
        LocalDate today = LocalDate.now(clock);
        Page<ReturnsDashboard.Row> rows = dashboard.page(round, sectorFilter, statusFilter, page == null || page < 1 ? 1 : page,
                PAGE_SIZE, today);
        List<AuditRound> earlierRounds = dashboard.earlierRounds(round);
        List<AuditRound> all = new ArrayList<>(List.of(round));
        all.addAll(earlierRounds);
        Map<Long, ReturnsDashboard.RoundFigures> figures = dashboard.figures(all);
        List<ReturnsDashboard.SectorName> sectors = dashboard.sectors(all.stream().map(r -> r.id).toList());
        List<Option> sectorOptions = dashboard.sectors(List.of(round.id)).stream().map(s -> new Option(s.code(), s.name())).toList();
        List<Option> statusOptions = ReturnsDashboard.STATUSES.stream()
                .map(s -> new Option(s, Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('-', ' '))).toList();
        String query = (sectorFilter == null ? "" : "&sector=" + sectorFilter) + (statusFilter == null ? "" : "&status=" + statusFilter);
        return Templates.round(round, rows, new Filters(sectorFilter, statusFilter, sectorOptions, statusOptions),
                figures.get(round.id), earlierRounds.stream().map(r -> figures.get(r.id)).toList(), sectors, toolUses(round),
                round.status == RoundStatus.DRAFT ? null : chasing.scheduleOf(round), query, banner, errors, search);
    }

    /** Each tool version once, sorted by title, with the names of the sectors given it, in sector order. */
    static List<ToolUse> toolUses(AuditRound round) {
        Map<ToolVersion, List<String>> sectors = new LinkedHashMap<>();
        for (Sector sector : Sector.listInOrder()) {
            ToolVersion tool = round.tools.get(sector.code);
            if (tool != null) {
                sectors.computeIfAbsent(tool, t -> new ArrayList<>()).add(sector.name);
            }
        }
        return sectors.entrySet().stream()
                .map(e -> new ToolUse(e.getKey().title, e.getKey().version, String.join(", ", e.getValue())))
                .sorted(Comparator.comparing(ToolUse::title, String.CASE_INSENSITIVE_ORDER).thenComparing(ToolUse::version))
                .toList();
    }

    @POST
    @Path("/{id}/cohort/add")
    @RolesAllowed(Role.MANAGER)
    public Response add(@PathParam("id") long id, @RestForm Long agencyId, @RestForm String reason, @RestForm String find) {
        try {
            rounds.changeCohort(id, new RoundService.CohortEdit(List.of(new RoundService.Change(agencyId, reason)), List.of()),
                    identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/rounds/" + id + "?added=" + agencyId)).build();
        } catch (DomainException e) {
            FormErrors errors = FormErrors.none();
            e.fields().forEach(f -> errors.add(f.field().endsWith(".reason") ? "reason" : "find", f.message()));
            if (errors.isEmpty()) {
                errors.add("find", e.getMessage());
            }
            return Response.status(e.status() == 404 ? 404 : 400).entity(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> dashboardPage(id, null, null, 1, null, errors, find, reason).render())).build();
        }
    }

    @GET
    @Path("/{id}/cohort/{agencyId}/remove")
    @RolesAllowed(Role.MANAGER)
    @Transactional
    public String confirmRemove(@PathParam("id") long id, @PathParam("agencyId") long agencyId) {
        return Templates.remove(rounds.get(id), agency(agencyId), "", FormErrors.none()).render();
    }

    @POST
    @Path("/{id}/cohort/{agencyId}/remove")
    @RolesAllowed(Role.MANAGER)
    public Response remove(@PathParam("id") long id, @PathParam("agencyId") long agencyId, @RestForm String reason) {
        try {
            rounds.changeCohort(id, new RoundService.CohortEdit(List.of(), List.of(new RoundService.Change(agencyId, reason))),
                    identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/rounds/" + id + "?removed=" + agencyId)).build();
        } catch (DomainException e) {
            FormErrors errors = FormErrors.none().add("reason", e.getMessage());
            e.fields().stream().filter(f -> f.field().endsWith(".reason")).findFirst()
                    .ifPresent(f -> errors.add("reason", f.message()));
            return Response.status(400).entity(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> Templates.remove(rounds.get(id), agency(agencyId), reason, errors).render())).build();
        }
    }

    private static String agencyName(long id, String what) {
        Agency agency = Agency.findById(id);
        return agency == null ? null : agency.name + what;
    }

    private static Agency agency(long id) {
        Agency agency = Agency.findById(id);
        if (agency == null) {
            throw DomainException.notFound("No agency " + id);
        }
        return agency;
    }

    @GET
    @Path("/{id}/send")
    @RolesAllowed(Role.MANAGER)
    @Transactional
    public String confirmSend(@PathParam("id") long id) {
        AuditRound round = rounds.get(id);
        long cohort = Return.count("round.id", id);
        Page<ReturnsDashboard.Row> uncontactable = dashboard.page(round, null, "cannot-be-contacted", 1, UNCONTACTABLE_LISTED,
                LocalDate.now(clock));
        return Templates.send(round, cohort, uncontactable).render();
    }

    @POST
    @Path("/{id}/send")
    @RolesAllowed(Role.MANAGER)
    public Response send(@PathParam("id") long id) {
        RoundService.SendResult result = rounds.send(id);
        return Response.seeOther(URI.create("/rounds/" + id + "?sent=" + result.invited())).build();
    }

    @GET
    @Path("/{id}/returns.csv")
    @Produces("text/csv")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Transactional
    public Response csv(@PathParam("id") long id, @QueryParam("sector") String sector, @QueryParam("status") String status) {
        AuditRound round = rounds.get(id);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("agencyId", "agencyName", "sector",
                "status", "percentComplete", "submittedAt", "late", "lastContactAt", "nextChaserOn", "chasersSent",
                "leadEmail", "cohortReason").get())) {
            String statusFilter = Text.blankToNull(status);
            dashboard.forEach(round, Text.blankToNull(sector),
                    statusFilter != null && ReturnsDashboard.STATUSES.contains(statusFilter) ? statusFilter : null,
                    LocalDate.now(clock), row -> {
                        try {
                            csv.printRecord(row.agencyId(), row.agencyName(), row.sector(), row.status(), row.percentComplete(),
                                    row.submittedAt(), row.late(), row.lastContactAt(), row.nextChaserOn(), row.chasersSent(),
                                    row.isContactable() ? row.leadEmail() : "cannot be contacted", row.cohortReason());
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

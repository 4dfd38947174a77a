package org.compactaudit.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.compactaudit.agency.Sector;
import org.compactaudit.chasing.ChaserQueries;
import org.compactaudit.chasing.ChaserSchedule;
import org.compactaudit.chasing.ChasingService;
import org.compactaudit.common.Text;
import org.compactaudit.response.ReturnProgress;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Cohorts;
import org.compactaudit.round.RoundQueries.DashboardLine;
import org.compactaudit.round.RoundQueries;
import org.compactaudit.round.RoundSending;
import org.compactaudit.round.RoundStatus;
import org.compactaudit.tool.ToolVersion;
import org.compactaudit.web.Option;
import org.compactaudit.web.Page;

/**
 * The returns dashboard and the rounds list: each agency's status as one CASE expression, the list paged in SQL
 * ({@link RoundQueries}), the rates from the return figure tally, and per page one query each for chasers and
 * percent complete.
 */
@ApplicationScoped
public class ReturnsDashboard {

    public static final List<String> STATUSES = List.of("invited", "opened", "in-progress", "submitted",
            "not-returned", "escalated", "exempt", "cannot-be-contacted", "not-sent");

    public record Row(long returnId, long agencyId, String agencyName, String sector, String sectorName,
            String status, Integer percentComplete, Instant submittedAt, boolean late, Instant lastContactAt,
            LocalDate nextChaserOn, int chasersSent, String leadEmail, String cohortReason, String cohortNote) {

        public String getStatusLabel() {
            return switch (status) {
                case "in-progress" -> "In progress";
                case "not-returned" -> "Not returned";
                case "cannot-be-contacted" -> "Cannot be contacted";
                case "not-sent" -> "Not sent yet";
                case "submitted" -> late ? "Submitted late" : "Submitted on time";
                default -> Character.toUpperCase(status.charAt(0)) + status.substring(1);
            };
        }

        public boolean isContactable() {
            return RoundSending.contactable(leadEmail);
        }
    }

    /** Returned (submitted) and on time, out of the cohort less exempt agencies. */
    public record Figures(long cohort, long returned, long onTime) {

        public long getNotReturned() {
            return cohort - returned;
        }

        public String getReturnRate() {
            return ratio(returned, cohort);
        }

        public String getOnTimeRate() {
            return ratio(onTime, cohort);
        }

        Figures plus(Figures other) {
            return new Figures(cohort + other.cohort, returned + other.returned, onTime + other.onTime);
        }

        public static String ratio(long part, long whole) {
            return part + " of " + whole + (whole == 0 ? "" : " – " + Math.round(part * 100.0 / whole) + "%");
        }
    }

    /** A round's figures overall and by sector (sector code → figures, in sector order). */
    public record RoundFigures(long roundId, String roundName, Figures overall, Map<String, Figures> bySector) {

        public Figures sector(String code) {
            return bySector.getOrDefault(code, new Figures(0, 0, 0));
        }

        /** The share of all non-returners that are in the sector, e.g. "21 of 29 – 72%". */
        public String nonReturnerShare(String code) {
            return Figures.ratio(sector(code).getNotReturned(), overall.getNotReturned());
        }
    }

    public record SectorName(String code, String name) {
    }

    /** A round in the rounds list with its figures. */
    public record ListItem(AuditRound round, Figures figures) {
    }

    public record Filters(String sector, String status, List<Option> sectors, List<Option> statuses) {
    }

    /** A tool version of the round with the sectors that complete it, for "Tool versions" on the round page. */
    public record ToolUse(String title, String version, String sectors) {
    }

    /**
     * Everything the round page shows: a page of returns under the filters, this round's and the three earlier
     * rounds' figures, the chaser schedule once sent, the cohort search, and the name of an agency a banner names.
     */
    public record RoundView(AuditRound round, Page<Row> rows, Filters filters, RoundFigures figures,
            List<RoundFigures> earlier, List<SectorName> sectors, List<ToolUse> tools, ChaserSchedule schedule,
            String query, Cohorts.CohortSearch search, String namedAgency) {
    }

    /** The send confirmation: the round, its cohort size and the first agencies that cannot be contacted. */
    public record SendConfirmation(AuditRound round, long cohort, Page<Row> cannotBeContacted) {
    }

    /** The send confirmation names this many agencies that cannot be contacted; the dashboard lists them all. */
    private static final int UNCONTACTABLE_LISTED = 100;

    private static final int PAGE_SIZE = 50;

    private static final int EARLIER_ROUNDS = 3;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RoundQueries queries;

    @Inject
    ChaserQueries chaserQueries;

    @Inject
    Cohorts cohorts;

    @Inject
    ReturnProgress progress;

    @Inject
    ChasingService chasing;

    /** The rounds list: every round, newest first, with its overall figures. */
    public List<ListItem> roundList() {
        List<AuditRound> all = queries.roundsNewestFirst();
        Map<Long, RoundFigures> figures = figures(all);
        return all.stream().map(r -> new ListItem(r, figures.get(r.id).overall())).toList();
    }

    /** The round page; unknown statuses are ignored, {@code namedAgency} (may be null) is looked up for a banner. */
    public RoundView view(long id, String sector, String status, Integer page, String find, String reason, Long namedAgency) {
        AuditRound round = queries.round(id);
        String sectorFilter = Text.blankToNull(sector);
        String statusFilter = knownStatus(status);
        Page<Row> rows = page(round, sectorFilter, statusFilter, page == null || page < 1 ? 1 : page, PAGE_SIZE,
                LocalDate.now(clock));
        List<AuditRound> earlierRounds = queries.sentRoundsOpenedBefore(round.partnership.id, round.opensOn, EARLIER_ROUNDS);
        List<AuditRound> all = new ArrayList<>(List.of(round));
        all.addAll(earlierRounds);
        Map<Long, RoundFigures> figures = figures(all);
        List<SectorName> sectors = sectors(all.stream().map(r -> r.id).toList());
        List<Option> sectorOptions = sectors(List.of(round.id)).stream().map(s -> new Option(s.code(), s.name())).toList();
        List<Option> statusOptions = STATUSES.stream()
                .map(s -> new Option(s, Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('-', ' '))).toList();
        String query = (sectorFilter == null ? "" : "&sector=" + sectorFilter) + (statusFilter == null ? "" : "&status=" + statusFilter);
        return new RoundView(round, rows, new Filters(sectorFilter, statusFilter, sectorOptions, statusOptions),
                figures.get(round.id), earlierRounds.stream().map(r -> figures.get(r.id)).toList(), sectors, toolUses(round),
                round.status == RoundStatus.DRAFT ? null : chasing.scheduleOf(round), query,
                cohorts.search(round, find, reason), namedAgency == null ? null : cohorts.agencyName(namedAgency));
    }

    private static String knownStatus(String status) {
        String filter = Text.blankToNull(status);
        return filter != null && STATUSES.contains(filter) ? filter : null;
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

    /** A page of the round's returns for the API, as of today. */
    public SendConfirmation sendConfirmation(long roundId) {
        AuditRound round = queries.round(roundId);
        return new SendConfirmation(round, queries.cohortSize(roundId), page(round, null, "cannot-be-contacted", 1,
                UNCONTACTABLE_LISTED, LocalDate.now(clock)));
    }

    public Page<Row> page(long roundId, String sector, String status, int number, int size) {
        return page(queries.round(roundId), sector, status, number, size, LocalDate.now(clock));
    }

    public Page<Row> page(AuditRound round, String sector, String status, int number, int size, LocalDate today) {
        long total = queries.dashboardCount(round, sector, status, today);
        List<DashboardLine> lines = queries.dashboardLines(round, sector, status, today, (number - 1) * size, size);
        return new Page<>(complete(round, lines, today), number, size, total);
    }

    /**
     * Every row of the round under the filters (an unknown status is ignored), a page at a time, for the CSV export:
     * memory stays bounded however big the round. Answers the round.
     */
    public AuditRound forEach(long roundId, String sector, String status, Consumer<Row> consumer) {
        AuditRound round = queries.round(roundId);
        LocalDate today = LocalDate.now(clock);
        int size = 1000;
        for (int number = 1;; number++) {
            Page<Row> page = page(round, Text.blankToNull(sector), knownStatus(status), number, size, today);
            page.items().forEach(consumer);
            em.clear();
            if (!page.hasNext()) {
                return round;
            }
        }
    }

    private List<Row> complete(AuditRound round, List<DashboardLine> lines, LocalDate today) {
        List<Long> ids = lines.stream().map(DashboardLine::returnId).toList();
        Map<Long, Integer> percent = progress.percentComplete(ids);
        Map<Long, ChaserQueries.ChasersSent> chasers = chaserQueries.chasersSent(ids);
        ChaserSchedule schedule = round.status == RoundStatus.DRAFT ? null : chasing.scheduleOf(round);
        LocalDate next = schedule == null ? null : schedule.nextAfter(today).orElse(null);
        List<Row> result = new ArrayList<>(lines.size());
        for (DashboardLine line : lines) {
            ChaserQueries.ChasersSent sent = chasers.get(line.returnId());
            Instant invitedAt = line.invitedAt();
            Instant last = sent == null ? null : sent.last();
            Instant lastContact = last == null || (invitedAt != null && invitedAt.isAfter(last)) ? invitedAt : last;
            boolean chased = List.of("invited", "opened", "in-progress").contains(line.status());
            result.add(new Row(line.returnId(), line.agencyId(), line.agencyName(), line.sector(), line.sectorName(),
                    line.status(), percent.getOrDefault(line.returnId(), 0), line.submittedAt(), line.late(), lastContact,
                    chased ? next : null, sent == null ? 0 : sent.count(), line.leadEmail(), line.cohortReason(),
                    line.cohortNote()));
        }
        return result;
    }

    /** Return and on-time figures for each of the rounds, overall and by sector, from the return figure tally. */
    public Map<Long, RoundFigures> figures(List<AuditRound> rounds) {
        Map<Long, RoundFigures> result = new LinkedHashMap<>();
        if (rounds.isEmpty()) {
            return result;
        }
        Map<Long, Map<String, Figures>> bySector = new HashMap<>();
        queries.sectorTallies(rounds.stream().map(r -> r.id).toList()).stream().filter(t -> t.cohort() > 0).forEach(t -> bySector
                .computeIfAbsent(t.roundId(), k -> new LinkedHashMap<>())
                .put(t.sectorCode(), new Figures(t.cohort(), t.returned(), t.onTime())));
        for (AuditRound round : rounds) {
            Map<String, Figures> sectors = bySector.getOrDefault(round.id, Map.of());
            Figures overall = sectors.values().stream().reduce(new Figures(0, 0, 0), Figures::plus);
            result.put(round.id, new RoundFigures(round.id, round.name, overall, sectors));
        }
        return result;
    }

    /** The sectors with agencies in any of the rounds, in sector order. */
    public List<SectorName> sectors(List<Long> roundIds) {
        return queries.sectorTallies(roundIds).stream().map(t -> new SectorName(t.sectorCode(), t.sectorName())).distinct().toList();
    }
}

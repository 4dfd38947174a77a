package org.compactaudit.round;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.compactaudit.chasing.ChaserSchedule;
import org.compactaudit.chasing.ChasingService;
import org.compactaudit.response.ReturnProgress;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.web.Page;

/**
 * The returns dashboard's figures, computed in the database: each agency's status as one CASE expression, the
 * list paged in SQL, the rates by GROUP BY, and per page one query each for chasers and percent complete.
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
            return RoundService.contactable(leadEmail);
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

    @Inject
    EntityManager em;

    @Inject
    ReturnProgress progress;

    @Inject
    ChasingService chasing;

    public Page<Row> page(AuditRound round, String sector, String status, int number, int size, LocalDate today) {
        String status0 = statusExpression(round);
        String where = " where r.round.id = :round" + (sector != null ? " and s.code = :sector" : "")
                + (status != null ? " and (" + status0 + ") = :status" : "");
        TypedQuery<Long> count = em.createQuery("select count(r) from Return r join r.agency a join a.sector s" + where, Long.class);
        bind(count, round, sector, status, today);
        long total = count.getSingleResult();
        TypedQuery<Object[]> query = em.createQuery("select r.id, a.id, a.name, s.code, s.name, " + status0
                + ", r.submittedAt, r.late, r.invitedAt, a.leadEmail, r.cohortReason, r.cohortNote"
                + " from Return r join r.agency a join a.sector s" + where + " order by s.sortOrder, a.name, r.id", Object[].class);
        bind(query, round, sector, status, today);
        List<Object[]> rows = query.setFirstResult((number - 1) * size).setMaxResults(size).getResultList();
        return new Page<>(complete(round, rows, today), number, size, total);
    }

    /** Every row, a page at a time, for the CSV export: memory stays bounded however big the round. */
    public void forEach(AuditRound round, String sector, String status, LocalDate today, Consumer<Row> consumer) {
        int size = 1000;
        for (int number = 1;; number++) {
            Page<Row> page = page(round, sector, status, number, size, today);
            page.items().forEach(consumer);
            em.clear();
            if (!page.hasNext()) {
                return;
            }
        }
    }

    private void bind(TypedQuery<?> query, AuditRound round, String sector, String status, LocalDate today) {
        Map<String, Object> values = new HashMap<>();
        values.put("round", round.id);
        values.put("sector", sector);
        values.put("status", status);
        values.put("submitted", ReturnStatus.SUBMITTED);
        values.put("inProgress", ReturnStatus.IN_PROGRESS);
        values.put("closed", today.isAfter(round.closesOn));
        // Only the parameters this variant of the query uses (filters and the status expression are optional).
        query.getParameters().forEach(p -> query.setParameter(p.getName(), values.get(p.getName())));
    }

    /** The status of a return, in the order the dashboard ranks them; round-level facts are bound as parameters. */
    private static String statusExpression(AuditRound round) {
        if (round.status == RoundStatus.DRAFT) {
            return "case when r.exemptReason is not null then 'exempt'"
                    + " when a.leadEmail is null or a.leadEmail not like '%_@_%._%' then 'cannot-be-contacted'"
                    + " else 'not-sent' end";
        }
        return "case when r.exemptReason is not null then 'exempt'"
                + " when r.status = :submitted then 'submitted'"
                + " when r.escalatedAt is not null then 'escalated'"
                + " when r.invitedAt is null then 'cannot-be-contacted'"
                + " when :closed = true then 'not-returned'"
                + " when r.status = :inProgress then 'in-progress'"
                + " when r.firstOpenedAt is not null then 'opened'"
                + " else 'invited' end";
    }

    private List<Row> complete(AuditRound round, List<Object[]> rows, LocalDate today) {
        List<Long> ids = rows.stream().map(row -> (Long) row[0]).toList();
        Map<Long, Integer> percent = progress.percentComplete(ids);
        Map<Long, Instant> lastChaser = new HashMap<>();
        Map<Long, Integer> chasers = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("select c.returnId, count(c), max(c.createdAt) from Chaser c where c.returnId in :ids group by c.returnId",
                    Object[].class).setParameter("ids", ids).getResultStream().forEach(row -> {
                        chasers.put((Long) row[0], ((Number) row[1]).intValue());
                        lastChaser.put((Long) row[0], (Instant) row[2]);
                    });
        }
        ChaserSchedule schedule = round.status == RoundStatus.DRAFT ? null : chasing.scheduleOf(round);
        LocalDate next = schedule == null ? null : schedule.nextAfter(today).orElse(null);
        List<Row> result = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            long id = (Long) row[0];
            String status = (String) row[5];
            Instant invitedAt = (Instant) row[8];
            Instant last = lastChaser.get(id);
            Instant lastContact = last == null || (invitedAt != null && invitedAt.isAfter(last)) ? invitedAt : last;
            boolean chased = List.of("invited", "opened", "in-progress").contains(status);
            result.add(new Row(id, (Long) row[1], (String) row[2], (String) row[3], (String) row[4], status,
                    percent.getOrDefault(id, 0), (Instant) row[6], (Boolean) row[7], lastContact,
                    chased ? next : null, chasers.getOrDefault(id, 0), (String) row[9],
                    row[10] == null ? null : row[10].toString(), (String) row[11]));
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
        tallies(rounds.stream().map(r -> r.id).toList()).stream().filter(t -> t.cohort() > 0).forEach(t -> bySector
                .computeIfAbsent(t.roundId(), k -> new LinkedHashMap<>())
                .put(t.sectorCode(), new Figures(t.cohort(), t.returned(), t.onTime())));
        for (AuditRound round : rounds) {
            Map<String, Figures> sectors = bySector.getOrDefault(round.id, Map.of());
            Figures overall = sectors.values().stream().reduce(new Figures(0, 0, 0), Figures::plus);
            result.put(round.id, new RoundFigures(round.id, round.name, overall, sectors));
        }
        return result;
    }

    /**
     * One row of the round_sector_returns tally (kept exact by {@link ReturnFigureTally}), with the sector's name,
     * in sector order.
     */
    private record Tally(long roundId, String sectorCode, String sectorName, long cohort, long returned, long onTime,
            long exempt) {
    }

    private List<Tally> tallies(List<Long> roundIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.round_id, t.sector_code, s.name, t.cohort, t.returned, t.on_time,"
                + " t.exempt from round_sector_returns t join sector s on s.code = t.sector_code"
                + " where t.round_id in (:ids) order by s.sort_order").setParameter("ids", roundIds).getResultList();
        return rows.stream().map(row -> new Tally(number(row[0]), (String) row[1], (String) row[2],
                number(row[3]), number(row[4]), number(row[5]), number(row[6]))).toList();
    }

    /** The partnership's earlier rounds (sent, opened before this one), newest first, at most three. */
    public List<AuditRound> earlierRounds(AuditRound round) {
        return AuditRound.<AuditRound>find("partnership.id = ?1 and opensOn < ?2 and status <> ?3 order by opensOn desc",
                round.partnership.id, round.opensOn, RoundStatus.DRAFT).page(0, 3).list();
    }

    /** The sectors with agencies in any of the rounds, in sector order. */
    public List<SectorName> sectors(List<Long> roundIds) {
        return tallies(roundIds).stream().map(t -> new SectorName(t.sectorCode(), t.sectorName())).distinct().toList();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}

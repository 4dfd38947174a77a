package org.compactaudit.round;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.common.DomainException;
import org.compactaudit.security.PartnershipScope;
import org.compactaudit.web.Page;

/**
 * Every statement the round feature runs against its tables (audit_round, audit_return, cohort_change, chaser_step,
 * round_sector_returns; return_link is {@link LinkQueries}), one method each, named by what it returns. Every
 * look-up of a round or a return by id and every list of rounds applies the {@link PartnershipScope}: another
 * partnership's round is "not found".
 */
@ApplicationScoped
public class RoundQueries {

    /** An agency of a partnership as cohort building needs it. */
    public record CohortCandidate(long id, String sector, CycleGroup group, boolean active) {
    }

    /** A return as the dashboard lists it, before chasers and progress are added. */
    public record DashboardLine(long returnId, long agencyId, String agencyName, String sector, String sectorName,
            String status, Instant submittedAt, boolean late, Instant invitedAt, String leadEmail, String cohortReason,
            String cohortNote) {
    }

    /** One row of the round_sector_returns tally, with the sector's name. */
    public record SectorTally(long roundId, String sectorCode, String sectorName, long cohort, long returned,
            long onTime, long exempt) {
    }

    /** A row of the tally: one sector of one round. */
    public record TallyKey(long roundId, String sectorCode) {
    }

    /** Counts one round's returns per sector into round_sector_returns; callers add the sector filter and GROUP BY. */
    private static final String COUNT_TALLY = """
            INSERT INTO round_sector_returns (round_id, sector_code, cohort, returned, on_time, exempt)
            SELECT r.round_id, a.sector_code,
                   SUM(CASE WHEN r.exempt_reason IS NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r.exempt_reason IS NULL AND r.status = 'SUBMITTED' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r.exempt_reason IS NULL AND r.status = 'SUBMITTED' AND r.late = FALSE THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r.exempt_reason IS NOT NULL THEN 1 ELSE 0 END)
            FROM audit_return r JOIN agency a ON a.id = r.agency_id
            WHERE r.round_id = :round""";

    @Inject
    EntityManager em;

    @Inject
    PartnershipScope scope;

    /** Every look-up of a round by id comes here, so what a user may see is decided once. */
    public Optional<AuditRound> findRound(long id) {
        return AuditRound.<AuditRound>findByIdOptional(id).filter(r -> scope.sees(r.partnership.id));
    }

    /** Every look-up of a return by id for staff comes here; a return is seen with its round. */
    public Optional<Return> findReturn(long id) {
        return Return.<Return>findByIdOptional(id).filter(r -> scope.sees(r.round.partnership.id));
    }

    public AuditRound round(long id) {
        return findRound(id).orElseThrow(() -> DomainException.notFound("No audit round " + id));
    }

    public List<AuditRound> roundsNewestFirst() {
        return roundsInScope().list();
    }

    public Page<AuditRound> roundsNewestFirst(int number, int size) {
        var query = roundsInScope();
        return new Page<>(query.page(number - 1, size).list(), number, size, query.count());
    }

    private PanacheQuery<AuditRound> roundsInScope() {
        Optional<Set<Long>> limit = scope.limit();
        return limit.isEmpty() ? AuditRound.find("order by opensOn desc, id desc")
                : AuditRound.find("partnership.id in ?1 order by opensOn desc, id desc", limit.get());
    }

    /** The partnership's rounds, oldest first (a trend's points). */
    public List<AuditRound> roundsOfPartnership(long partnershipId) {
        return AuditRound.list("partnership.id = ?1 order by opensOn, id", partnershipId);
    }

    /** The partnership's latest round opened before the date, if any. */
    public Optional<AuditRound> roundBefore(long partnershipId, LocalDate opensOn) {
        return AuditRound.<AuditRound>find("partnership.id = ?1 and opensOn < ?2 order by opensOn desc, id desc",
                partnershipId, opensOn).firstResultOptional();
    }

    /** The partnership's rounds that were sent and opened before the given date, newest first, at most {@code max}. */
    public List<AuditRound> sentRoundsOpenedBefore(long partnershipId, LocalDate before, int max) {
        return AuditRound.<AuditRound>find("partnership.id = ?1 and opensOn < ?2 and status <> ?3 order by opensOn desc",
                partnershipId, before, RoundStatus.DRAFT).page(0, max).list();
    }

    public boolean roundNameTaken(long partnershipId, String name) {
        return AuditRound.count("partnership.id = ?1 and name = ?2", partnershipId, name) > 0;
    }

    /** The partnership's agencies, active or not, by id. */
    public Map<Long, CohortCandidate> cohortCandidates(long partnershipId) {
        Map<Long, CohortCandidate> rows = new LinkedHashMap<>();
        em.createQuery("select a.id, a.sector.code, a.cycleGroup, a.active from Agency a join a.partnerships p"
                + " where p.id = :p order by a.id", Object[].class)
                .setParameter("p", partnershipId).getResultStream()
                .forEach(row -> rows.put((Long) row[0],
                        new CohortCandidate((Long) row[0], (String) row[1], (CycleGroup) row[2], (Boolean) row[3])));
        return rows;
    }

    /** The agencies of the round that neither submitted nor were exempted. */
    public List<Long> agenciesNotReturned(long roundId) {
        return em.createQuery("select r.agency.id from Return r where r.round.id = :round"
                + " and r.status <> :submitted and r.exemptReason is null", Long.class)
                .setParameter("round", roundId).setParameter("submitted", ReturnStatus.SUBMITTED).getResultList();
    }

    /** Active agencies of the partnership, not in the round's cohort, whose lower-case name is like the pattern, by name. */
    public List<Agency> agenciesOutsideCohort(long partnershipId, long roundId, String pattern, int max) {
        return em.createQuery("select a from Agency a join a.partnerships p join fetch a.sector where p.id = :partnership"
                + " and a.active = true and lower(a.name) like :pattern escape '!'"
                + " and a.id not in (select r.agency.id from Return r where r.round.id = :round) order by a.name", Agency.class)
                .setParameter("partnership", partnershipId).setParameter("pattern", pattern)
                .setParameter("round", roundId).setMaxResults(max).getResultList();
    }

    public Optional<Return> returnOf(long roundId, long agencyId) {
        return Return.<Return>find("round.id = ?1 and agency.id = ?2", roundId, agencyId).firstResultOptional();
    }

    public boolean inCohort(long roundId, long agencyId) {
        return Return.count("round.id = ?1 and agency.id = ?2", roundId, agencyId) > 0;
    }

    public long cohortSize(long roundId) {
        return Return.count("round.id", roundId);
    }

    /** The round's cohort as agency ids, in id order. */
    public List<Long> cohortAgencyIds(long roundId) {
        return em.createQuery("select r.agency.id from Return r where r.round.id = :id order by r.agency.id", Long.class)
                .setParameter("id", roundId).getResultList();
    }

    public List<Long> returnIds(long roundId) {
        return em.createQuery("select r.id from Return r where r.round.id = :round order by r.id", Long.class)
                .setParameter("round", roundId).getResultList();
    }

    /** The returns with their agency and tool fetched, for sending a batch without one query per return. */
    public List<Return> returnsWithAgencyAndTool(List<Long> ids) {
        return em.createQuery("select r from Return r join fetch r.agency join fetch r.toolVersion where r.id in :ids",
                Return.class).setParameter("ids", ids).getResultList();
    }

    /** Whether the agency has a return in any round. */
    public boolean hasReturns(long agencyId) {
        return Return.count("agency.id", agencyId) > 0;
    }

    /** Whether the agency was ever added to or removed from a cohort. */
    public boolean hasCohortChanges(long agencyId) {
        return CohortChange.count("agencyId", agencyId) > 0;
    }

    /** An agency's returns with their round, newest round first: to the rounds of the partnerships in scope. */
    public List<Return> returnsOfAgency(long agencyId) {
        Optional<Set<Long>> limit = scope.limit();
        String select = "select r from Return r join fetch r.round rd where r.agency.id = ?1";
        String order = " order by rd.opensOn desc, r.id desc";
        return limit.isEmpty() ? Return.<Return>find(select + order, agencyId).list()
                : Return.<Return>find(select + " and rd.partnership.id in ?2" + order, agencyId, limit.get()).list();
    }

    /** Records a save on an unsubmitted return (starting it if new); 0 when it was submitted meanwhile. */
    public int markSaved(long returnId, Instant now) {
        return em.createNativeQuery("update audit_return set last_saved_at = :now, status = case when status = 'NOT_STARTED'"
                + " then 'IN_PROGRESS' else status end where id = :id and status <> 'SUBMITTED'")
                .setParameter("now", now).setParameter("id", returnId).executeUpdate();
    }

    /** Sent rounds open on the day: those the daily chaser run looks at. */
    public List<Long> sentRoundIdsOpenOn(LocalDate today) {
        return em.createQuery("select r.id from AuditRound r where r.status = :sent and r.opensOn <= :today", Long.class)
                .setParameter("sent", RoundStatus.SENT).setParameter("today", today).getResultList();
    }

    /** Invited returns still owed: not submitted, not exempt, not escalated; in id order. */
    public List<Long> owedReturnIds(long roundId) {
        return em.createQuery("select r.id from Return r where r.round.id = :round and r.status <> :submitted"
                + " and r.exemptReason is null and r.escalatedAt is null and r.invitedAt is not null order by r.id", Long.class)
                .setParameter("round", roundId).setParameter("submitted", ReturnStatus.SUBMITTED).getResultList();
    }

    /** Invited, unsubmitted, not exempt returns of one sector (escalated ones too); in id order. */
    public List<Long> unsubmittedReturnIdsInSector(long roundId, String sectorCode) {
        return em.createQuery("select r.id from Return r where r.round.id = :round and r.agency.sector.code = :sector"
                + " and r.status <> :submitted and r.exemptReason is null and r.invitedAt is not null order by r.id", Long.class)
                .setParameter("round", roundId).setParameter("sector", sectorCode)
                .setParameter("submitted", ReturnStatus.SUBMITTED).getResultList();
    }

    /** A return with its agency, round and partnership, for the emails written about it. */
    public Optional<Return> returnWithAgencyAndRound(long returnId) {
        return em.createQuery("select r from Return r join fetch r.agency join fetch r.round rd join fetch rd.partnership"
                + " where r.id = :id", Return.class).setParameter("id", returnId).getResultStream().findFirst()
                .filter(r -> scope.sees(r.round.partnership.id));
    }

    /** The round's chaser steps as days from the due date, in order. */
    public List<Integer> chaserOffsets(long roundId) {
        return em.createQuery("select s.offsetDays from ChaserStep s where s.roundId = :round order by s.offsetDays",
                Integer.class).setParameter("round", roundId).getResultList();
    }

    public void deleteChaserSteps(long roundId) {
        ChaserStep.delete("roundId", roundId);
    }

    /** How many returns of the round match the filters (null: any); {@code today} decides "not returned". */
    public long dashboardCount(AuditRound round, String sector, String status, LocalDate today) {
        TypedQuery<Long> count = em.createQuery("select count(r) from Return r join r.agency a join a.sector s"
                + dashboardWhere(round, sector, status), Long.class);
        bindDashboard(count, round, sector, status, today);
        return count.getSingleResult();
    }

    /** One page of the round's returns that match the filters, in sector order, then by agency name. */
    public List<DashboardLine> dashboardLines(AuditRound round, String sector, String status, LocalDate today,
            int first, int max) {
        TypedQuery<Object[]> query = em.createQuery("select r.id, a.id, a.name, s.code, s.name, " + statusExpression(round)
                + ", r.submittedAt, r.late, r.invitedAt, a.leadEmail, r.cohortReason, r.cohortNote"
                + " from Return r join r.agency a join a.sector s" + dashboardWhere(round, sector, status)
                + " order by s.sortOrder, a.name, r.id", Object[].class);
        bindDashboard(query, round, sector, status, today);
        return query.setFirstResult(first).setMaxResults(max).getResultStream()
                .map(row -> new DashboardLine((Long) row[0], (Long) row[1], (String) row[2], (String) row[3],
                        (String) row[4], (String) row[5], (Instant) row[6], (Boolean) row[7], (Instant) row[8],
                        (String) row[9], row[10] == null ? null : row[10].toString(), (String) row[11]))
                .toList();
    }

    private static String dashboardWhere(AuditRound round, String sector, String status) {
        return " where r.round.id = :round" + (sector != null ? " and s.code = :sector" : "")
                + (status != null ? " and (" + statusExpression(round) + ") = :status" : "");
    }

    private static void bindDashboard(TypedQuery<?> query, AuditRound round, String sector, String status, LocalDate today) {
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

    /** The tally rows of the rounds, in sector order. */
    public List<SectorTally> sectorTallies(List<Long> roundIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.round_id, t.sector_code, s.name, t.cohort, t.returned, t.on_time,"
                + " t.exempt from round_sector_returns t join sector s on s.code = t.sector_code"
                + " where t.round_id in (:ids) order by s.sort_order").setParameter("ids", roundIds).getResultList();
        return rows.stream().map(row -> new SectorTally(number(row[0]), (String) row[1], (String) row[2],
                number(row[3]), number(row[4]), number(row[5]), number(row[6]))).toList();
    }

    /** The round and sector of a return: the tally row it counts in. */
    public TallyKey tallyKeyOf(long returnId) {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT r.round_id, a.sector_code FROM audit_return r JOIN agency a ON a.id = r.agency_id
                WHERE r.id = :r""").setParameter("r", returnId).getSingleResult();
        return new TallyKey(number(row[0]), (String) row[1]);
    }

    public void deleteTally(long roundId) {
        em.createNativeQuery("DELETE FROM round_sector_returns WHERE round_id = :round").setParameter("round", roundId)
                .executeUpdate();
    }

    public void insertTally(long roundId) {
        em.createNativeQuery(COUNT_TALLY + " GROUP BY r.round_id, a.sector_code").setParameter("round", roundId).executeUpdate();
    }

    public void deleteSectorTally(TallyKey key) {
        em.createNativeQuery("DELETE FROM round_sector_returns WHERE round_id = :round AND sector_code = :sector")
                .setParameter("round", key.roundId()).setParameter("sector", key.sectorCode()).executeUpdate();
    }

    public void insertSectorTally(TallyKey key) {
        em.createNativeQuery(COUNT_TALLY + " AND a.sector_code = :sector GROUP BY r.round_id, a.sector_code")
                .setParameter("round", key.roundId()).setParameter("sector", key.sectorCode()).executeUpdate();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}

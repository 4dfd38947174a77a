package org.compactaudit.round;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.compactaudit.round.ReturnReopened;
import org.compactaudit.round.ReturnSubmitted;

/**
 * Keeps {@code round_sector_returns} (cohort, returned, on time and exempt per round and sector) exact: each change
 * recounts the rows it touches from the returns themselves, so the tally cannot drift, and the cost of a recount is
 * that of one sector of one round, paid when a return is submitted rather than on every view of the dashboard or
 * the report.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ReturnFigureTally {

    private static final String COUNT = """
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

    void onCohortChanged(@Observes CohortChanged event) {
        recount(event.roundId());
    }

    void onSubmitted(@Observes ReturnSubmitted event) {
        recountSectorOf(event.returnId());
    }

    void onReopened(@Observes ReturnReopened event) {
        recountSectorOf(event.returnId());
    }

    /** Recounts every sector of the round. */
    public void recount(long roundId) {
        em.flush();
        em.createNativeQuery("DELETE FROM round_sector_returns WHERE round_id = :round").setParameter("round", roundId)
                .executeUpdate();
        em.createNativeQuery(COUNT + " GROUP BY r.round_id, a.sector_code").setParameter("round", roundId).executeUpdate();
    }

    private void recountSectorOf(long returnId) {
        em.flush();
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT r.round_id, a.sector_code FROM audit_return r JOIN agency a ON a.id = r.agency_id
                WHERE r.id = :r""").setParameter("r", returnId).getSingleResult();
        em.createNativeQuery("DELETE FROM round_sector_returns WHERE round_id = :round AND sector_code = :sector")
                .setParameter("round", row[0]).setParameter("sector", row[1]).executeUpdate();
        em.createNativeQuery(COUNT + " AND a.sector_code = :sector GROUP BY r.round_id, a.sector_code")
                .setParameter("round", row[0]).setParameter("sector", row[1]).executeUpdate();
    }
}

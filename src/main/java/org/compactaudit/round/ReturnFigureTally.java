package org.compactaudit.round;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Keeps {@code round_sector_returns} (cohort, returned, on time and exempt per round and sector) exact: each change
 * recounts the rows it touches from the returns themselves, so the tally cannot drift, and the cost of a recount is
 * that of one sector of one round, paid when a return is submitted rather than on every view of the dashboard or
 * the report.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ReturnFigureTally {

    @Inject
    RoundQueries queries;

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
        queries.deleteTally(roundId);
        queries.insertTally(roundId);
    }

    private void recountSectorOf(long returnId) {
        em.flush();
        RoundQueries.TallyKey key = queries.tallyKeyOf(returnId);
        queries.deleteSectorTally(key);
        queries.insertSectorTally(key);
    }
}

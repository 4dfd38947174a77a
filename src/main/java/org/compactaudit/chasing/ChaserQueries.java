package org.compactaudit.chasing;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Statements on the chaser table that other features read through Java. */
@ApplicationScoped
public class ChaserQueries {

    /** How many chasers a return has had and when the last one was queued. */
    public record ChasersSent(int count, Instant last) {
    }

    @Inject
    EntityManager em;

    /** Ids per statement, so a round of thousands of returns never binds thousands of parameters at once. */
    private static final int IDS_PER_QUERY = 1000;

    /** Those of the returns already chased for the step. */
    public Set<Long> chasedFor(String stepKey, List<Long> returnIds) {
        Set<Long> chased = new HashSet<>();
        for (int from = 0; from < returnIds.size(); from += IDS_PER_QUERY) {
            chased.addAll(em.createQuery("select c.returnId from Chaser c where c.stepKey = :key and c.returnId in :ids",
                    Long.class).setParameter("key", stepKey)
                    .setParameter("ids", returnIds.subList(from, Math.min(returnIds.size(), from + IDS_PER_QUERY)))
                    .getResultList());
        }
        return chased;
    }

    /** The chasers sent to each of the returns. */
    public Map<Long, ChasersSent> chasersSent(List<Long> returnIds) {
        Map<Long, ChasersSent> sent = new HashMap<>();
        if (!returnIds.isEmpty()) {
            em.createQuery("select c.returnId, count(c), max(c.createdAt) from Chaser c where c.returnId in :ids group by c.returnId",
                    Object[].class).setParameter("ids", returnIds).getResultStream()
                    .forEach(row -> sent.put((Long) row[0], new ChasersSent(((Number) row[1]).intValue(), (Instant) row[2])));
        }
        return sent;
    }
}

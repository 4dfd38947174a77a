package org.compactaudit.chasing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

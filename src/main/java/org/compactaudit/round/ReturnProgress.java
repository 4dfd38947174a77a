package org.compactaudit.round;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Percent complete of returns: graded answers over the questions of the return's tool version that apply to the
 * agency's sector, in one aggregate query for a page of returns. Stands in until the response feature's own
 * ReturnProgress is merged; then this delegates to it.
 */
@ApplicationScoped
public class ReturnProgress {

    @Inject
    EntityManager em;

    public Map<Long, Integer> percentComplete(List<Long> returnIds) {
        Map<Long, Integer> percent = new HashMap<>();
        if (returnIds.isEmpty()) {
            return percent;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT r.id,
                  (SELECT COUNT(*) FROM answer an WHERE an.return_id = r.id AND an.grade IS NOT NULL),
                  (SELECT COUNT(*) FROM question q JOIN standard st ON st.id = q.standard_id
                    WHERE st.tool_version_id = r.tool_version_id
                      AND (NOT EXISTS (SELECT 1 FROM question_sector qs WHERE qs.question_id = q.id)
                        OR EXISTS (SELECT 1 FROM question_sector qs2 WHERE qs2.question_id = q.id
                                   AND qs2.sector_code = a.sector_code)))
                FROM audit_return r JOIN agency a ON a.id = r.agency_id
                WHERE r.id IN (:ids)""").setParameter("ids", returnIds).getResultList();
        for (Object[] row : rows) {
            long answered = ((Number) row[1]).longValue();
            long questions = ((Number) row[2]).longValue();
            percent.put(((Number) row[0]).longValue(),
                    questions == 0 ? 0 : (int) Math.min(100, Math.floor(answered * 100.0 / questions)));
        }
        return percent;
    }
}

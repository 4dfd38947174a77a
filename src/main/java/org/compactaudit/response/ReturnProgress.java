package org.compactaudit.response;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** How far returns have got, for the rounds dashboard: many returns in one aggregate query. */
@ApplicationScoped
public class ReturnProgress {

    public record Progress(long returnId, int applicable, int complete) {
        public int percent() {
            return applicable == 0 ? 0 : (int) Math.floor(100.0 * complete / applicable);
        }
    }

    private static final String SQL = "select r.id, count(q.id), sum(case when " + AnswerCompleteness.COMPLETE_SQL
            + " then 1 else 0 end) from audit_return r"
            + " join agency ag on ag.id = r.agency_id"
            + " join standard s on s.tool_version_id = r.tool_version_id"
            + " join question q on q.standard_id = s.id"
            + " left join answer a on a.return_id = r.id and a.question_id = q.id"
            + " where r.id in (:ids) and (not exists (select 1 from question_sector x where x.question_id = q.id)"
            + " or exists (select 1 from question_sector y where y.question_id = q.id and y.sector_code = ag.sector_code))"
            + " group by r.id";

    @Inject
    EntityManager em;

    /** Applicable and complete question counts per return id; returns without questions are absent. */
    @SuppressWarnings("unchecked")
    public Map<Long, Progress> progress(Collection<Long> returnIds) {
        Map<Long, Progress> result = new HashMap<>();
        if (returnIds.isEmpty()) {
            return result;
        }
        List<Object[]> rows = em.createNativeQuery(SQL).setParameter("ids", returnIds).getResultList();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            result.put(id, new Progress(id, ((Number) row[1]).intValue(), row[2] == null ? 0 : ((Number) row[2]).intValue()));
        }
        return result;
    }

    /** Percent of applicable questions answered completely (rounded down), per return id; 0 when unknown. */
    public Map<Long, Integer> percentComplete(Collection<Long> returnIds) {
        Map<Long, Integer> percents = new HashMap<>();
        returnIds.forEach(id -> percents.put(id, 0));
        progress(returnIds).forEach((id, p) -> percents.put(id, p.percent()));
        return percents;
    }
}

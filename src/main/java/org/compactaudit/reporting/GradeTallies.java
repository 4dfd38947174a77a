package org.compactaudit.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.compactaudit.round.ReturnReopened;
import org.compactaudit.round.ReturnSubmitted;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.StandardGrade;

/**
 * Keeps the report tallies in step with submitted returns, inside the submitting or reopening transaction,
 * so a round report reads a few hundred tally rows whatever the number of returns, and the figures commit
 * (or roll back) with the return itself. Only submitted returns count: reopening takes a return's figures
 * out until it is submitted again.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class GradeTallies {

    /** One statement per return for the question level: adds (sign 1) or removes (sign -1) its answers. */
    private static final String QUESTION_TALLY = """
            INSERT INTO grade_tally (round_id, standard_key, question_key, sector_code, grade, answers)
            SELECT r.round_id, s.standard_key, q.question_key, c.sector_code, an.grade, :sign * COUNT(*)
            FROM answer an
            JOIN audit_return r ON r.id = an.return_id
            JOIN report_counted_return c ON c.return_id = r.id
            JOIN question q ON q.id = an.question_id
            JOIN standard s ON s.id = q.standard_id
            WHERE an.return_id = :returnId AND an.grade IS NOT NULL
            GROUP BY r.round_id, s.standard_key, q.question_key, c.sector_code, an.grade
            ON DUPLICATE KEY UPDATE answers = answers + VALUES(answers)""";

    private static final String STANDARD_TALLY = """
            INSERT INTO standard_grade_tally (round_id, standard_key, sector_code, grade, agencies)
            SELECT g.round_id, g.standard_key, c.sector_code, g.grade, :sign
            FROM return_standard_grade g JOIN report_counted_return c ON c.return_id = g.return_id
            WHERE g.return_id = :returnId
            ON DUPLICATE KEY UPDATE agencies = agencies + VALUES(agencies)""";

    /** A counted return's Not applicable answers, with the sector it is counted under; none given is ''. */
    private static final String NA_ANSWERS = """
            SELECT c.round_id, s.standard_key, q.question_key, c.sector_code, COALESCE(an.na_reason, '')
            FROM answer an
            JOIN report_counted_return c ON c.return_id = an.return_id
            JOIN question q ON q.id = an.question_id
            JOIN standard s ON s.id = q.standard_id
            WHERE an.return_id = :returnId AND an.grade = :na""";

    /** Lowest id first, so every writer adds to the same row once one exists. */
    private static final String NA_REASON_ROW = """
            SELECT id FROM na_reason_tally WHERE round_id = :round AND standard_key = :standard
            AND question_key = :question AND sector_code = :sector AND reason = :reason AND answers + :sign >= 0
            ORDER BY id""";

    @Inject
    EntityManager em;

    void onSubmitted(@Observes ReturnSubmitted event) {
        count(event.returnId());
    }

    void onReopened(@Observes ReturnReopened event) {
        uncount(event.returnId());
    }

    /** Adds a submitted return's answers to the tallies; a return already counted is replaced, never doubled. */
    public void count(long returnId) {
        em.flush();
        uncount(returnId);
        Object[] ret = (Object[]) em.createNativeQuery("""
                SELECT r.round_id, a.sector_code, a.name FROM audit_return r JOIN agency a ON a.id = r.agency_id
                WHERE r.id = :returnId""").setParameter("returnId", returnId).getSingleResult();
        long roundId = ((Number) ret[0]).longValue();
        em.createNativeQuery("INSERT INTO report_counted_return (return_id, round_id, sector_code) VALUES (:r, :round, :sector)")
                .setParameter("r", returnId).setParameter("round", roundId).setParameter("sector", ret[1])
                .executeUpdate();
        em.createNativeQuery(QUESTION_TALLY).setParameter("sign", 1).setParameter("returnId", returnId).executeUpdate();
        for (Map.Entry<String, Grade> standard : standardGrades(returnId).entrySet()) {
            em.createNativeQuery("""
                    INSERT INTO return_standard_grade (return_id, standard_key, round_id, grade, list_order, agency_name)
                    VALUES (:r, :standard, :round, :grade, :order, :name)""")
                    .setParameter("r", returnId).setParameter("standard", standard.getKey())
                    .setParameter("round", roundId).setParameter("grade", standard.getValue().code)
                    .setParameter("order", listOrder(standard.getValue())).setParameter("name", ret[2])
                    .executeUpdate();
        }
        em.createNativeQuery(STANDARD_TALLY).setParameter("sign", 1).setParameter("returnId", returnId).executeUpdate();
        notApplicableReasons(returnId, 1);
    }

    /** Takes a counted return's figures out of the tallies; does nothing for a return not counted. */
    public void uncount(long returnId) {
        em.flush();
        List<?> counted = em.createNativeQuery("SELECT round_id FROM report_counted_return WHERE return_id = :r")
                .setParameter("r", returnId).getResultList();
        if (counted.isEmpty()) {
            return;
        }
        long roundId = ((Number) counted.get(0)).longValue();
        em.createNativeQuery(QUESTION_TALLY).setParameter("sign", -1).setParameter("returnId", returnId).executeUpdate();
        em.createNativeQuery(STANDARD_TALLY).setParameter("sign", -1).setParameter("returnId", returnId).executeUpdate();
        notApplicableReasons(returnId, -1);
        em.createNativeQuery("DELETE FROM return_standard_grade WHERE return_id = :r").setParameter("r", returnId).executeUpdate();
        em.createNativeQuery("DELETE FROM report_counted_return WHERE return_id = :r").setParameter("r", returnId).executeUpdate();
        em.createNativeQuery("DELETE FROM grade_tally WHERE round_id = :round AND answers = 0")
                .setParameter("round", roundId).executeUpdate();
        em.createNativeQuery("DELETE FROM standard_grade_tally WHERE round_id = :round AND agencies = 0")
                .setParameter("round", roundId).executeUpdate();
        em.createNativeQuery("DELETE FROM na_reason_tally WHERE round_id = :round AND answers = 0")
                .setParameter("round", roundId).executeUpdate();
    }

    /**
     * Adds (sign 1) or removes (sign -1) the return's Not applicable answers to the reasons tally, one answer per
     * question: a few statements per return, since a reason is too long to key an upsert (see V90).
     */
    private void notApplicableReasons(long returnId, int sign) {
        @SuppressWarnings("unchecked")
        List<Object[]> answers = em.createNativeQuery(NA_ANSWERS).setParameter("returnId", returnId)
                .setParameter("na", Grade.NOT_APPLICABLE.code).getResultList();
        for (Object[] a : answers) {
            List<?> row = em.createNativeQuery(NA_REASON_ROW).setParameter("round", a[0]).setParameter("standard", a[1])
                    .setParameter("question", a[2]).setParameter("sector", a[3]).setParameter("reason", a[4])
                    .setParameter("sign", sign).setMaxResults(1).getResultList();
            if (!row.isEmpty()) {
                em.createNativeQuery("UPDATE na_reason_tally SET answers = answers + :sign WHERE id = :id")
                        .setParameter("sign", sign).setParameter("id", row.get(0)).executeUpdate();
            } else if (sign > 0) {
                em.createNativeQuery("""
                        INSERT INTO na_reason_tally (round_id, standard_key, question_key, sector_code, reason, answers)
                        VALUES (:round, :standard, :question, :sector, :reason, 1)""")
                        .setParameter("round", a[0]).setParameter("standard", a[1]).setParameter("question", a[2])
                        .setParameter("sector", a[3]).setParameter("reason", a[4]).executeUpdate();
            }
        }
    }

    /** The agency list's order (V91): weakest first, Not applicable last. */
    static int listOrder(Grade grade) {
        return grade.isGraded() ? grade.rank : 5;
    }

    private Map<String, Grade> standardGrades(long returnId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT s.standard_key, an.grade FROM answer an
                JOIN question q ON q.id = an.question_id JOIN standard s ON s.id = q.standard_id
                WHERE an.return_id = :r AND an.grade IS NOT NULL ORDER BY s.position""")
                .setParameter("r", returnId).getResultList();
        Map<String, List<Grade>> byStandard = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byStandard.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                    .add(Grade.fromCode((String) row[1]).orElseThrow());
        }
        Map<String, Grade> grades = new LinkedHashMap<>();
        byStandard.forEach((key, list) -> grades.put(key, StandardGrade.of(list)));
        return grades;
    }
}

package org.compactaudit.reporting;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.compactaudit.security.PartnershipScope;

/**
 * Every SQL statement of the reporting feature: the tallies kept by round and response, the round's tool versions,
 * and moderation's grades beside the self-assessed ones. Rows come back as the columns each statement selects.
 */
@ApplicationScoped
public class ReportQueries {

    @Inject
    EntityManager em;

    @Inject
    PartnershipScope scope;

    List<Object[]> standardTallies(long roundId) {
        return rows("""
                SELECT standard_key, sector_code, grade, agencies FROM standard_grade_tally WHERE round_id = :round""",
                Map.of("round", roundId));
    }

    List<Object[]> answerTalliesByStandard(long roundId) {
        return rows("""
                SELECT standard_key, sector_code, grade, SUM(answers) FROM grade_tally WHERE round_id = :round
                GROUP BY standard_key, sector_code, grade""",
                Map.of("round", roundId));
    }

    /** Each question's key, text and position per tool version of the round (key, version, title), newest first. */
    List<Object[]> questionTexts(long roundId, String standardKey) {
        return rows("""
                SELECT tv.tool_key, tv.version, tv.title, q.question_key, q.text, q.position FROM round_tool rt
                JOIN tool_version tv ON tv.id = rt.tool_version_id
                JOIN standard s ON s.tool_version_id = tv.id
                JOIN question q ON q.standard_id = s.id
                WHERE rt.round_id = :round AND s.standard_key = :standard
                ORDER BY tv.published_at DESC, tv.id DESC, q.position""",
                Map.of("round", roundId, "standard", standardKey));
    }

    List<Object[]> questionTallies(long roundId, String standardKey) {
        return rows("""
                SELECT question_key, sector_code, grade, answers FROM grade_tally
                WHERE round_id = :round AND standard_key = :standard""",
                Map.of("round", roundId, "standard", standardKey));
    }

    List<Object[]> standardTalliesOf(long roundId, String standardKey) {
        return rows("""
                SELECT sector_code, grade, agencies FROM standard_grade_tally
                WHERE round_id = :round AND standard_key = :standard""",
                Map.of("round", roundId, "standard", standardKey));
    }

    /** Every question of the round's tool versions, newest version first (its wording is the one reports use). */
    List<Object[]> questionsOfRound(long roundId) {
        return rows("""
                SELECT s.standard_key, q.question_key, q.text, q.position FROM question q
                JOIN standard s ON s.id = q.standard_id
                JOIN tool_version tv ON tv.id = s.tool_version_id
                WHERE tv.id IN (SELECT rt.tool_version_id FROM round_tool rt WHERE rt.round_id = :round)
                ORDER BY tv.published_at DESC, tv.id DESC""",
                Map.of("round", roundId));
    }

    /** The whole question-level tally of the round: at most questions × sectors × 5 rows. */
    List<Object[]> questionTalliesOfRound(long roundId) {
        return rows("""
                SELECT standard_key, question_key, sector_code, grade, answers FROM grade_tally WHERE round_id = :round""",
                Map.of("round", roundId));
    }

    /** Every Not applicable reason of the round, from the reasons tally. */
    List<Object[]> notApplicableReasonsOfRound(long roundId) {
        return rows("""
                SELECT standard_key, question_key, sector_code, reason, SUM(answers) FROM na_reason_tally
                WHERE round_id = :round GROUP BY standard_key, question_key, sector_code, reason""",
                Map.of("round", roundId));
    }

    /** Read from the reasons tally (V90), never the answers; '' is an answer with no reason given. */
    List<Object[]> notApplicableReasons(long roundId, String standardKey) {
        return rows("""
                SELECT question_key, sector_code, reason, SUM(answers) FROM na_reason_tally
                WHERE round_id = :round AND standard_key = :standard
                GROUP BY question_key, sector_code, reason""",
                Map.of("round", roundId, "standard", standardKey));
    }

    List<Object[]> agencyGradeTotals(long roundId, String standardKey) {
        return rows("""
                SELECT grade, SUM(agencies) FROM standard_grade_tally WHERE round_id = :round AND standard_key = :standard
                GROUP BY grade""",
                Map.of("round", roundId, "standard", standardKey));
    }

    List<Object[]> answerGradeTotals(long roundId, String standardKey) {
        return rows("""
                SELECT grade, SUM(answers) FROM grade_tally WHERE round_id = :round AND standard_key = :standard
                GROUP BY grade""",
                Map.of("round", roundId, "standard", standardKey));
    }

    /** Kept exact by round.ReturnFigureTally on every cohort change, submit and reopen. */
    List<Object[]> sectorReturns(long roundId) {
        return rows("""
                SELECT sector_code, cohort, returned, on_time FROM round_sector_returns WHERE round_id = :round AND cohort > 0""",
                Map.of("round", roundId));
    }

    /** Each standard-level moderated grade beside the agency's own grade for that standard. */
    List<Object[]> moderatedAgainstSelf(long roundId) {
        return rows("""
                SELECT mg.standard_key, mg.grade, g.grade FROM moderated_grade mg
                JOIN moderation_visit v ON v.id = mg.visit_id
                JOIN return_standard_grade g ON g.return_id = v.return_id AND g.standard_key = mg.standard_key
                WHERE v.round_id = :round AND mg.question_key = ''""",
                Map.of("round", roundId));
    }

    /** Newest tool version first, so the first row of a key carries the title reports use. */
    List<Object[]> standardsOfRound(long roundId) {
        return rows("""
                SELECT s.standard_key, s.title, s.position FROM standard s
                JOIN tool_version tv ON tv.id = s.tool_version_id
                JOIN round_tool rt ON rt.tool_version_id = tv.id
                WHERE rt.round_id = :round ORDER BY tv.published_at DESC, tv.id DESC""",
                Map.of("round", roundId));
    }

    /** The standards of every round (of the partnership, unless blank), newest round and tool version first. */
    List<Object[]> standardsOfRounds(String partnershipCode) {
        Set<Long> limit = scope.limit().orElse(null);
        return rows("""
                SELECT s.standard_key, s.title, s.position FROM audit_round r
                JOIN partnership p ON p.id = r.partnership_id
                JOIN round_tool rt ON rt.round_id = r.id
                JOIN tool_version tv ON tv.id = rt.tool_version_id
                JOIN standard s ON s.tool_version_id = tv.id
                WHERE (:partnership = '' OR p.code = :partnership) AND (:all OR r.partnership_id IN (:scope))
                ORDER BY r.opens_on DESC, r.id DESC, tv.published_at DESC, tv.id DESC""",
                Map.of("partnership", partnershipCode, "all", limit == null, "scope", limit == null ? Set.of(-1L) : limit));
    }

    /**
     * Agencies with their derived grade for the standard, weakest first: {@code size} of them from {@code first}.
     * The inner select reads the page along index ix_rsg_list (V91; its order by names every index column so H2
     * sees the index as sorted) and only those rows are joined.
     */
    List<Object[]> agencyGrades(long roundId, String standardKey, int first, int size) {
        return rows("""
                SELECT ag.id, ag.name, c.sector_code, g.grade FROM (
                    SELECT return_id, grade, list_order, agency_name FROM return_standard_grade
                    WHERE round_id = :round AND standard_key = :standard
                    ORDER BY round_id, standard_key, list_order, agency_name, return_id LIMIT :size OFFSET :first) g
                JOIN report_counted_return c ON c.return_id = g.return_id
                JOIN audit_return r ON r.id = g.return_id JOIN agency ag ON ag.id = r.agency_id
                ORDER BY g.list_order, g.agency_name, g.return_id""",
                Map.of("round", roundId, "standard", standardKey, "size", size, "first", first));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Map<String, Object> params) {
        var query = em.createNativeQuery(sql);
        params.forEach(query::setParameter);
        return query.getResultList();
    }
}

package org.compactaudit.reporting;

import static org.compactaudit.tool.Grade.GOOD;
import static org.compactaudit.tool.Grade.INADEQUATE;
import static org.compactaudit.tool.Grade.NOT_APPLICABLE;
import static org.compactaudit.tool.Grade.OUTSTANDING;
import static org.compactaudit.tool.Grade.REQUIRES_IMPROVEMENT;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.compactaudit.agency.CycleGroup;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnReopened;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.round.ReturnSubmitted;
import org.compactaudit.support.Fixtures;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.ToolVersion;

/**
 * The hand-computed round every reporting test reads. A tool with standards s1 and s2, each with questions
 * q1 (Not applicable allowed) and q2. Schools S1..S4 (S3 late, S4 never submits), GP practices G1..G4
 * (G4 exempt). The expected figures are written out in the tests beside each assertion.
 *
 * <pre>
 *        s1-q1  s1-q2  s2-q1  s2-q2   | s1 (lowest)  s2 (lowest)
 *   S1   O      G      N/A    RI      | G            RI
 *   S2   RI     I      G      G       | I            G
 *   S3   N/A    O      O      O       | O            O      (submitted late)
 *   G1   G      O      N/A    I       | G            I
 *   G2   N/A    RI     RI     G       | RI           RI
 *   G3   G      G      G      G       | G            G
 * </pre>
 */
@ApplicationScoped
public class ReportFixture {

    public static final Instant ON_TIME = Instant.parse("2018-06-01T10:00:00Z");
    public static final Instant LATE = Instant.parse("2018-07-05T10:00:00Z");

    @Inject
    Fixtures fixtures;

    @Inject
    org.compactaudit.round.ReturnFigureTally returnFigures;

    @Inject
    EntityManager em;

    @Inject
    Event<ReturnReopened> reopened;

    @Inject
    Event<ReturnSubmitted> submitted;

    public record Built(Partnership partnership, ToolVersion tool, AuditRound round, Map<String, Return> returns) {
    }

    public Built build() {
        Partnership partnership = fixtures.partnership();
        return build(partnership, fixtures.tool(2, 2));
    }

    public Built build(Partnership partnership, ToolVersion tool) {
        return build(partnership, tool, tool);
    }

    /** The same round, with the schools answering {@code schoolTool} (as a round with an education tool does). */
    public Built build(Partnership partnership, ToolVersion tool, ToolVersion schoolTool) {
        AuditRound round = fixtures.round(partnership, tool);
        if (schoolTool != tool) {
            useTool(round, "school", schoolTool);
        }
        Map<String, Return> returns = new LinkedHashMap<>();
        for (String name : new String[] {"S1", "S2", "S3", "S4"}) {
            returns.put(name, fixtures.returnFor(round, fixtures.agency("school", CycleGroup.A, partnership)));
        }
        for (String name : new String[] {"G1", "G2", "G3", "G4"}) {
            returns.put(name, fixtures.returnFor(round, fixtures.agency("gp-practice", CycleGroup.A, partnership)));
        }
        fixtures.submit(returns.get("S1"), grades(OUTSTANDING, GOOD, NOT_APPLICABLE, REQUIRES_IMPROVEMENT), ON_TIME);
        fixtures.submit(returns.get("S2"), grades(REQUIRES_IMPROVEMENT, INADEQUATE, GOOD, GOOD), ON_TIME);
        fixtures.submit(returns.get("S3"), grades(NOT_APPLICABLE, OUTSTANDING, OUTSTANDING, OUTSTANDING), LATE);
        fixtures.submit(returns.get("G1"), grades(GOOD, OUTSTANDING, NOT_APPLICABLE, INADEQUATE), ON_TIME);
        fixtures.submit(returns.get("G2"), grades(NOT_APPLICABLE, REQUIRES_IMPROVEMENT, REQUIRES_IMPROVEMENT, GOOD), ON_TIME);
        fixtures.submit(returns.get("G3"), grades(GOOD, GOOD, GOOD, GOOD), ON_TIME);
        exempt(returns.get("G4"));
        return new Built(partnership, tool, round, returns);
    }

    private static Map<String, Grade> grades(Grade s1q1, Grade s1q2, Grade s2q1, Grade s2q2) {
        return Map.of("s1-q1", s1q1, "s1-q2", s1q2, "s2-q1", s2q1, "s2-q2", s2q2);
    }

    @Transactional
    void useTool(AuditRound round, String sectorCode, ToolVersion tool) {
        AuditRound managed = AuditRound.findById(round.id);
        managed.tools.put(sectorCode, ToolVersion.findById(tool.id));
    }

    /** Exempts a return and recounts the round's return figures, as any change of the cohort does. */
    @Transactional
    void exempt(Return r) {
        Return managed = Return.findById(r.id);
        managed.exemptReason = "Closed down";
        returnFigures.recount(managed.round.id);
    }

    /** What the response feature does when the manager reopens a submitted return. */
    @Transactional
    public void reopen(Return r) {
        Return managed = Return.findById(r.id);
        managed.status = ReturnStatus.IN_PROGRESS;
        reopened.fire(new ReturnReopened(r.id));
    }

    /** Submits a reopened return again, with its answers unchanged. */
    @Transactional
    public void resubmit(Return r) {
        Return managed = Return.findById(r.id);
        managed.status = ReturnStatus.SUBMITTED;
        submitted.fire(new ReturnSubmitted(r.id));
    }

    /** A moderation visit to a return with moderated standard grades (question key '' = standard level). */
    @Transactional
    public void moderate(AuditRound round, Return r, Map<String, Grade> standardGrades) {
        em.createNativeQuery("""
                INSERT INTO moderation_visit (round_id, return_id, selection, status, version)
                VALUES (:round, :ret, 'SAMPLED', 'DONE', 0)""")
                .setParameter("round", round.id).setParameter("ret", r.id).executeUpdate();
        Number visit = (Number) em.createNativeQuery("SELECT id FROM moderation_visit WHERE return_id = :ret")
                .setParameter("ret", r.id).getSingleResult();
        standardGrades.forEach((key, grade) -> em.createNativeQuery("""
                INSERT INTO moderated_grade (visit_id, standard_key, question_key, grade) VALUES (:v, :s, '', :g)""")
                .setParameter("v", visit.longValue()).setParameter("s", key).setParameter("g", grade.code)
                .executeUpdate());
    }
}

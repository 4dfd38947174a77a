package org.compactaudit.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.response.Answer;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.ToolVersion;

@QuarkusTest
class FixturesTest {

    @Inject
    Fixtures fixtures;

    @Test
    @Transactional
    void aSubmittedFixtureReturnHasOneAnswerPerQuestionWithTheGradesAsked() {
        ToolVersion tool = fixtures.tool(2, 3);
        Partnership partnership = fixtures.partnership();
        Agency agency = fixtures.agency("school", CycleGroup.A, partnership);
        AuditRound round = fixtures.round(partnership, tool);
        Return r = fixtures.submit(fixtures.returnFor(round, agency),
                Map.of("s1-q1", Grade.NOT_APPLICABLE, "s2-q2", Grade.INADEQUATE), Instant.parse("2018-07-02T10:00:00Z"));

        assertEquals(6, Answer.count("agencyReturn.id", r.id));
        Answer inadequate = Answer.find("agencyReturn.id = ?1 and question.key = ?2", r.id, "s2-q2").firstResult();
        assertEquals(Grade.INADEQUATE, inadequate.grade);
        assertEquals("Review and retrain", inadequate.actionWhat);
        assertTrue(((Return) Return.findById(r.id)).late);
    }
}

package org.compactaudit.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.compactaudit.response.EvidenceChecks.Evidence;
import org.compactaudit.response.EvidenceChecks.Flag;
import org.compactaudit.tool.Grade;

class EvidenceChecksTest {

    private static final String GOOD_EVIDENCE = "Safeguarding policy version 4 approved by governors in March 2018;"
            + " the DSL logs every concern on the register and the head reviews it termly.";
    private static final String GUIDANCE = "Every member of staff can name the designated safeguarding lead, and the"
            + " lead's training certificates and supervision records are up to date.";

    private static Map<String, Set<Flag>> check(Evidence... answers) {
        return EvidenceChecks.check(List.of(answers), EvidenceChecks.Thresholds.DEFAULT);
    }

    private static Evidence answer(String key, Grade grade, String evidence) {
        return new Evidence(key, grade, evidence, null, null, GUIDANCE);
    }

    @Test
    void specificEvidenceOfTheRightLengthIsNotFlagged() {
        assertEquals(Map.of(), check(answer("q1", Grade.GOOD, GOOD_EVIDENCE)));
    }

    @Test
    void evidenceIsShortUnderFifteenWordsForGoodAndThirtyForOutstanding() {
        String fourteen = "The DSL keeps a register of concerns, reviewed in March by the head teacher.";
        assertEquals(14, EvidenceChecks.words(fourteen).size());
        assertTrue(check(answer("q1", Grade.GOOD, fourteen)).get("q1").contains(Flag.SHORT));
        assertFalse(check(answer("q1", Grade.GOOD, fourteen + " Yearly.")).getOrDefault("q1", Set.of()).contains(Flag.SHORT));
        assertTrue(check(answer("q1", Grade.OUTSTANDING, GOOD_EVIDENCE)).get("q1").contains(Flag.SHORT),
                "26 words is short for Outstanding");
        assertFalse(check(answer("q1", Grade.INADEQUATE, "No policy yet.")).getOrDefault("q1", Set.of()).contains(Flag.SHORT),
                "no minimum below Good");
    }

    @Test
    void evidencePastedIntoThreeQuestionsIsRepeatedButTwoIsNot() {
        String pasted = GOOD_EVIDENCE;
        Map<String, Set<Flag>> twice = check(answer("q1", Grade.GOOD, pasted), answer("q2", Grade.GOOD, pasted.toUpperCase()));
        assertEquals(Map.of(), twice);
        Map<String, Set<Flag>> thrice = check(answer("q1", Grade.GOOD, pasted), answer("q2", Grade.GOOD, pasted + " Also"),
                answer("q3", Grade.GOOD, "  " + pasted.replace(";", ",")), answer("q4", Grade.GOOD, GOOD_EVIDENCE
                        .replace("Safeguarding policy version 4", "Recruitment checks for all 23 staff")
                        .replace("logs every concern on the register", "keeps the single central record")));
        assertEquals(Set.of("q1", "q2", "q3"), thrice.keySet());
        thrice.values().forEach(flags -> assertEquals(Set.of(Flag.REPEATED), flags));
    }

    @Test
    void lastYearsEvidenceCarriedForwardIsFlaggedOnlyWhenTheGradeWentUp() {
        Evidence up = new Evidence("q1", Grade.GOOD, GOOD_EVIDENCE, Grade.REQUIRES_IMPROVEMENT, GOOD_EVIDENCE + " ", GUIDANCE);
        Evidence same = new Evidence("q1", Grade.GOOD, GOOD_EVIDENCE, Grade.GOOD, GOOD_EVIDENCE, GUIDANCE);
        Evidence rewritten = new Evidence("q1", Grade.GOOD, GOOD_EVIDENCE, Grade.REQUIRES_IMPROVEMENT, "Policy in draft.", GUIDANCE);
        assertEquals(Set.of(Flag.UNCHANGED), check(up).get("q1"));
        assertEquals(Map.of(), check(same));
        assertEquals(Map.of(), check(rewritten));
    }

    @Test
    void evidenceThatNamesNothingCheckableIsFlagged() {
        String vague = "We have a policy and everybody is aware of it and follows it carefully at all times here.";
        assertEquals(Set.of(Flag.NOTHING_CHECKABLE), check(answer("q1", Grade.GOOD, vague)).get("q1"));
        assertTrue(EvidenceChecks.checkable("Policy reviewed 12/03/2018"));
        assertTrue(EvidenceChecks.checkable("Mae'r cofnodion yn cael eu cadw gan yr arweinydd"));
        assertFalse(EvidenceChecks.checkable("We have a policy"));
    }

    @Test
    void outstandingThatMentionsNoneOfItsGuidanceIsUnsupported() {
        String unrelated = "Our building has secure doors, a signing in book at reception, visitor badges and CCTV"
                + " cameras, and the site manager checks the fences every Monday morning before children arrive in 2018.";
        String related = unrelated + " The designated lead's training certificates are filed.";
        assertTrue(check(answer("q1", Grade.OUTSTANDING, unrelated)).get("q1").contains(Flag.OUTSTANDING_UNSUPPORTED));
        assertFalse(check(answer("q1", Grade.OUTSTANDING, related)).getOrDefault("q1", Set.of())
                .contains(Flag.OUTSTANDING_UNSUPPORTED));
        assertFalse(check(answer("q1", Grade.GOOD, unrelated)).getOrDefault("q1", Set.of())
                .contains(Flag.OUTSTANDING_UNSUPPORTED), "only Outstanding is held to its guidance");
    }

    @Test
    void notApplicableAndUnansweredQuestionsAreNotChecked() {
        assertEquals(Map.of(), check(answer("q1", Grade.NOT_APPLICABLE, "We do not run this service."),
                answer("q2", null, null)));
    }
}

package org.compactaudit.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The pure rules behind what moderation pages say: people, the policy's percentage, drawing again. */
class ModerationWordingTest {

    @Test
    void anAttendeesRoleIsShownOnceEvenWhenTheNameAlreadyGivesIt() {
        assertEquals("Priya Shah (Partnerships Manager)",
                Views.attendeeLabel("Priya Shah (Partnerships Manager)", List.of("Partnerships Manager")));
        assertEquals("Priya Shah (Partnerships Manager)", Views.attendeeLabel("Priya Shah", List.of("Partnerships Manager")));
        assertEquals("Sam Lee (Partnerships Manager, Board or committee member)",
                Views.attendeeLabel("Sam Lee", List.of("Partnerships Manager", "Board or committee member")));
        assertEquals("Sam Lee (partnerships manager) (Board or committee member)",
                Views.attendeeLabel("Sam Lee (partnerships manager)", List.of("Partnerships Manager", "Board or committee member")));
    }

    @Test
    void thePolicyPercentageHasNoTrailingZeros() {
        assertEquals("10%", Views.policyPercent(new BigDecimal("10.00")));
        assertEquals("12.5%", Views.policyPercent(new BigDecimal("12.50")));
        assertEquals("100%", Views.policyPercent(new BigDecimal("100.00")));
        assertEquals("10.6%", Views.percent(9, 85));
    }

    @Test
    void aVisitIsUnderwayOnceItIsMoreThanTheDrawMadeIt() {
        assertFalse(drawn().isUnderway(false));
        assertTrue(drawn().isUnderway(true), "graded");
        ModerationVisit dated = drawn();
        dated.date = LocalDate.of(2027, 9, 12);
        assertTrue(dated.isUnderway(false));
        ModerationVisit added = drawn();
        added.selection = Selection.ADDED;
        assertTrue(added.isUnderway(false));
        ModerationVisit cancelled = drawn();
        cancelled.status = VisitStatus.CANCELLED;
        assertTrue(cancelled.isUnderway(false));
    }

    private static ModerationVisit drawn() {
        ModerationVisit visit = new ModerationVisit();
        visit.selection = Selection.SAMPLED;
        return visit;
    }
}

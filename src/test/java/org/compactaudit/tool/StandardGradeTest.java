package org.compactaudit.tool;

import static org.compactaudit.tool.Grade.GOOD;
import static org.compactaudit.tool.Grade.INADEQUATE;
import static org.compactaudit.tool.Grade.NOT_APPLICABLE;
import static org.compactaudit.tool.Grade.OUTSTANDING;
import static org.compactaudit.tool.Grade.REQUIRES_IMPROVEMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class StandardGradeTest {

    @Test
    void aStandardTakesItsLowestGradedAnswer() {
        assertEquals(REQUIRES_IMPROVEMENT, StandardGrade.of(List.of(OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, GOOD)));
        assertEquals(INADEQUATE, StandardGrade.of(List.of(OUTSTANDING, INADEQUATE, OUTSTANDING)));
    }

    @Test
    void notApplicableAnswersAreIgnored() {
        assertEquals(GOOD, StandardGrade.of(List.of(NOT_APPLICABLE, GOOD, NOT_APPLICABLE, OUTSTANDING)));
    }

    @Test
    void aStandardAnsweredNotApplicableThroughoutIsNotApplicable() {
        assertEquals(NOT_APPLICABLE, StandardGrade.of(List.of(NOT_APPLICABLE, NOT_APPLICABLE)));
    }

    @Test
    void unansweredQuestionsDoNotCount() {
        assertEquals(OUTSTANDING, StandardGrade.of(Arrays.asList(null, OUTSTANDING)));
        assertEquals(NOT_APPLICABLE, StandardGrade.of(List.of()));
    }
}

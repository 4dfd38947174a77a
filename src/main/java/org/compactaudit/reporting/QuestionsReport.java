package org.compactaudit.reporting;

import java.util.List;

import org.compactaudit.reporting.RoundReport.SectorFigures;
import org.compactaudit.reporting.RoundReport.SectorRef;

/**
 * Every question of a round at once: answers by grade, per sector and in all, read from the tallies. Each
 * {@code figures} carries its denominator ({@code graded}) with Not applicable counted apart.
 */
public record QuestionsReport(long roundId, String roundName, List<SectorRef> sectors, List<StandardQuestions> standards) {

    /** A standard of the round (newest tool version's title) and its questions in tool order. */
    public record StandardQuestions(String standardKey, String title, List<QuestionRow> questions) {
    }

    /** {@code text} is the newest tool version's wording of the question key. */
    public record QuestionRow(String standardKey, String questionKey, String text, List<SectorFigures> sectors,
            Distribution total) {
    }
}

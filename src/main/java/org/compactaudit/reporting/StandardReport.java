package org.compactaudit.reporting;

import java.util.List;

import org.compactaudit.reporting.RoundReport.SectorFigures;
import org.compactaudit.reporting.RoundReport.SectorRef;
import org.compactaudit.web.Page;

/** The drill-down into one standard of a round. */
public record StandardReport(long roundId, String roundName, String standardKey, String title,
        String standardGradeRule, List<SectorRef> sectors, List<SectorFigures> agencySectors, Distribution agencyTotal,
        List<QuestionFigures> questions, List<QuestionFigures> mostImprovementNeeded, Page<AgencyGrade> agencies) {

    /** A count in one sector, with the phrase the page prints ("14 schools"). */
    public record SectorCount(String sectorCode, String sectorName, long count, String phrase) {
    }

    public record NotApplicableReason(String sectorCode, String sectorName, String reason, long answers) {
    }

    /** One wording of a question and the tool versions (by title) that ask it so. */
    public record Wording(String text, List<String> tools) {
    }

    /**
     * {@code text} is the newest tool version's wording; {@code wordings} lists every wording with its tools when
     * the round's tool versions word the question differently (empty otherwise).
     */
    public record QuestionFigures(String questionKey, String text, List<Wording> wordings, List<SectorFigures> sectors,
            Distribution total,
            List<SectorCount> weakBySector, List<SectorCount> notApplicableBySector, String notApplicableSummary,
            List<NotApplicableReason> notApplicableReasons) {
    }

    public record AgencyGrade(long agencyId, String name, String sectorCode, String sectorName, String grade,
            String gradeLabel) {
    }
}

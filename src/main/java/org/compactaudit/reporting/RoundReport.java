package org.compactaudit.reporting;

import java.util.List;

/** The round overview: return figures, grades per standard and sector, the weakest standards, moderation. */
public record RoundReport(long roundId, String roundName, String partnershipCode, String partnershipName,
        String standardGradeRule, ReturnFigures returns, List<SectorRef> sectors, List<StandardFigures> standards,
        List<WeakStandard> weakestStandards, List<ModerationComparison> moderation) {

    public record SectorRef(String code, String name) {
    }

    /** Return figures for one sector (or all): cohort excludes exempt returns; on time = submitted and not late. */
    public record SectorReturns(String sectorCode, String sectorName, long cohort, long returned, long onTime) {
        public double getReturnRate() {
            return Distribution.percent(returned, cohort);
        }

        public double getOnTimeRate() {
            return Distribution.percent(onTime, cohort);
        }
    }

    public record ReturnFigures(List<SectorReturns> bySector, SectorReturns total) {
    }

    /** Figures for one sector: agencies by derived standard grade, or answers by grade. */
    public record SectorFigures(String sectorCode, String sectorName, Distribution figures) {
    }

    /**
     * One standard: {@code sectors}/{@code total} count agencies by their derived standard grade;
     * {@code answerSectors}/{@code answers} count the answers to its questions.
     */
    public record StandardFigures(String standardKey, String title, int position, List<SectorFigures> sectors,
            Distribution total, List<SectorFigures> answerSectors, Distribution answers) {
    }

    public record WeakStandard(int rank, String standardKey, String title, long weakServices, long graded,
            double weakShare) {
    }

    /** Self-assessed standard grade against the moderated one, for the visits of the round. */
    public record ModerationComparison(String standardKey, String title, long confirmed, long underScored,
            long overInflated) {
    }
}

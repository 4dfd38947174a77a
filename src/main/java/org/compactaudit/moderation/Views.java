package org.compactaudit.moderation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What pages and the API show of moderation: grades and statuses as their API codes, with labels for pages. */
public final class Views {

    private Views() {
    }

    public record Attendee(long id, String name, String email) {
    }

    public record Visit(long id, long returnId, long agencyId, String agencyName, String sectorCode, String sectorName,
            String selection, String selectionLabel, String selectionReason, Long replacedById, LocalDate date,
            String place, List<Attendee> attendees, String status, String statusLabel, String cancelReason,
            String summary, Instant completedAt) {
    }

    public record Stratum(String sectorCode, String sectorName, int returns, String quota, int seats) {
    }

    public record Sample(String policy, Integer size, BigDecimal percent, int minimum, long seed, Instant drawnAt,
            String drawnBy, long submittedReturns, List<Stratum> strata) {

        /** For pages: "10%" (the API keeps the number). */
        public String percentLabel() {
            return policyPercent(percent);
        }
    }

    /** {@code canDrawAgain}: whether the service would accept a new draw (no visit underway). */
    public record RoundModeration(long roundId, String roundName, Sample sample, List<Visit> visits,
            boolean canDrawAgain) {

        /** Said on the page in place of the sampling form when it is not offered. */
        public String drawAgainRefused() {
            return Sampling.DRAW_AGAIN_REFUSED;
        }
    }

    public record QuestionRecord(String questionKey, String text, String selfAssessedGrade, String selfAssessedLabel,
            String grade, String gradeLabel) {
    }

    public record StandardRecord(String standardKey, String title, String selfAssessedGrade, String selfAssessedLabel,
            String grade, String gradeLabel, String notes, String outcome, String outcomeLabel,
            List<QuestionRecord> questions) {
    }

    public record VisitDetail(Visit visit, long roundId, String roundName, String tool, List<StandardRecord> standards) {

        public boolean isAllGraded() {
            return standards.stream().allMatch(s -> s.grade() != null);
        }
    }

    /** Outcome counts over a set of moderated standards; shares are of the standards that could be compared. */
    public record Tally(String key, String label, int confirmed, int underScored, int overInflated, int notComparable) {

        @JsonProperty
        public int compared() {
            return confirmed + underScored + overInflated;
        }

        @JsonProperty
        public String confirmedPercent() {
            return percent(confirmed, compared());
        }

        @JsonProperty
        public String underScoredPercent() {
            return percent(underScored, compared());
        }

        @JsonProperty
        public String overInflatedPercent() {
            return percent(overInflated, compared());
        }

        Tally plus(Outcome outcome) {
            return new Tally(key, label, confirmed + (outcome == Outcome.CONFIRMED ? 1 : 0),
                    underScored + (outcome == Outcome.UNDER_SCORED ? 1 : 0),
                    overInflated + (outcome == Outcome.OVER_INFLATED ? 1 : 0),
                    notComparable + (outcome == Outcome.NOT_COMPARABLE ? 1 : 0));
        }
    }

    public record VisitOutcome(long visitId, String agencyName, String sectorName, String status, String statusLabel,
            LocalDate date, Tally outcomes) {
    }

    public record Report(long roundId, String roundName, long submittedReturns, Integer sampleSize, int visitsPlanned,
            int visitsDone, int visitsCancelled, String donePercentOfReturns, String commitment, Tally overall,
            List<Tally> bySector, List<Tally> byStandard, List<VisitOutcome> visits) {

        /** The overall tally as a one-row table for the page. */
        public List<Tally> overallRows() {
            return List.of(overall);
        }
    }

    /**
     * A person in a list of possible attendees: "Priya Shah (Partnerships Manager)". A role the name already gives
     * in brackets (older demo users were named so) is not added again.
     */
    public static String attendeeLabel(String name, List<String> roleLabels) {
        String lower = name.toLowerCase(Locale.UK);
        List<String> missing = roleLabels.stream()
                .filter(label -> !lower.contains("(" + label.toLowerCase(Locale.UK) + ")")).toList();
        return missing.isEmpty() ? name : name + " (" + String.join(", ", missing) + ")";
    }

    /** The sampling policy's percentage as people write it: "10%", "12.5%", never "10.00%". */
    public static String policyPercent(BigDecimal percent) {
        return percent == null ? "" : percent.stripTrailingZeros().toPlainString() + "%";
    }

    /** One decimal place, e.g. "10.6%"; "–" when there is nothing to divide by. */
    public static String percent(long part, long whole) {
        if (whole == 0) {
            return "–";
        }
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, java.math.RoundingMode.HALF_UP)
                .toPlainString() + "%";
    }
}

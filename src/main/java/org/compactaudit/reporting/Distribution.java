package org.compactaudit.reporting;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.compactaudit.tool.Grade;

/**
 * Counts by grade. Percentages are of the graded count (the four grades); Not applicable is counted apart
 * and never enters a denominator.
 */
public record Distribution(long outstanding, long good, long requiresImprovement, long inadequate, long notApplicable) {

    public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0);

    public static Distribution of(Map<Grade, Long> counts) {
        return new Distribution(counts.getOrDefault(Grade.OUTSTANDING, 0L), counts.getOrDefault(Grade.GOOD, 0L),
                counts.getOrDefault(Grade.REQUIRES_IMPROVEMENT, 0L), counts.getOrDefault(Grade.INADEQUATE, 0L),
                counts.getOrDefault(Grade.NOT_APPLICABLE, 0L));
    }

    public Distribution plus(Distribution o) {
        return new Distribution(outstanding + o.outstanding, good + o.good, requiresImprovement + o.requiresImprovement,
                inadequate + o.inadequate, notApplicable + o.notApplicable);
    }

    public Distribution plus(Grade grade, long n) {
        return plus(switch (grade) {
            case OUTSTANDING -> new Distribution(n, 0, 0, 0, 0);
            case GOOD -> new Distribution(0, n, 0, 0, 0);
            case REQUIRES_IMPROVEMENT -> new Distribution(0, 0, n, 0, 0);
            case INADEQUATE -> new Distribution(0, 0, 0, n, 0);
            case NOT_APPLICABLE -> new Distribution(0, 0, 0, 0, n);
        });
    }

    public long count(Grade grade) {
        return switch (grade) {
            case OUTSTANDING -> outstanding;
            case GOOD -> good;
            case REQUIRES_IMPROVEMENT -> requiresImprovement;
            case INADEQUATE -> inadequate;
            case NOT_APPLICABLE -> notApplicable;
        };
    }

    /** The denominator of every percentage. */
    @JsonProperty
    public long graded() {
        return outstanding + good + requiresImprovement + inadequate;
    }

    @JsonProperty
    public long total() {
        return graded() + notApplicable;
    }

    /** Requires Improvement + Inadequate. */
    @JsonProperty
    public long weak() {
        return requiresImprovement + inadequate;
    }

    /** Share of graded that is Requires Improvement or Inadequate, in percent to one decimal place. */
    @JsonProperty
    public double weakShare() {
        return percent(weak(), graded());
    }

    public double percentOf(Grade grade) {
        return percent(count(grade), graded());
    }

    /** For templates: the percentage of graded as text, e.g. "33.3%", or "–" when nothing was graded. */
    public String percentText(Grade grade) {
        return graded() == 0 ? "–" : percentOf(grade) + "%";
    }

    public static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(part * 1000.0 / whole) / 10.0;
    }
}

package org.compactaudit.reporting;

import java.time.LocalDate;
import java.util.List;

/** One standard, by its stable key, across a partnership's rounds. */
public record Trend(String partnershipCode, String partnershipName, String standardKey, String title,
        List<Point> rounds) {

    /** {@code changes} says how the standard's questions differ from the previous round's. */
    public record Point(long roundId, String roundName, LocalDate opensOn, List<String> toolVersions,
            Distribution agencies, Distribution answers, List<String> changes) {
    }
}

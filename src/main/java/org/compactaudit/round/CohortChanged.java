package org.compactaudit.round;

/** Fired (synchronously, inside the changing transaction) when a round's cohort is made or changed. */
public record CohortChanged(long roundId) {
}

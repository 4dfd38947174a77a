package org.compactaudit.round;

/** Why an agency is in a round's cohort. */
public enum CohortReason {
    /** Its cycle group is due this year. */
    CYCLE_GROUP,
    /** It did not return in the previous round, so it is carried into this one. */
    NOT_RETURNED_LAST_ROUND,
    /** The manager added it by hand (with a reason). */
    ADDED_BY_MANAGER
}

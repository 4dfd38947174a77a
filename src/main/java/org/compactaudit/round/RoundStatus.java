package org.compactaudit.round;

/** A round is drafted (cohort proposed and edited), then sent (open for returns), then closed. */
public enum RoundStatus {
    DRAFT, SENT, CLOSED
}

package org.compactaudit.round;

/** Where the agency is with its return; the dashboard derives invited, opened, late and escalated from the dates. */
public enum ReturnStatus {
    NOT_STARTED("not-started"), IN_PROGRESS("in-progress"), SUBMITTED("submitted");

    public final String code;

    ReturnStatus(String code) {
        this.code = code;
    }
}

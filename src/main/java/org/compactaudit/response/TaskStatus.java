package org.compactaudit.response;

/** A standard's state on the respondent's task list. */
public enum TaskStatus {
    NOT_STARTED("not-started", "Not started"), IN_PROGRESS("in-progress", "In progress"), COMPLETED("completed", "Completed");

    public final String code;
    public final String label;

    TaskStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }
}

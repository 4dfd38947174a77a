package org.compactaudit.response;

import java.time.LocalDate;

/** What the respondent sends for one question, from the page or the API; {@code version} is the one last seen. */
public record AnswerInput(String grade, String evidence, String naReason, Action action, Integer version) {

    public record Action(String what, String owner, LocalDate due) {
    }
}

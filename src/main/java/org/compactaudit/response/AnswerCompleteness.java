package org.compactaudit.response;

import org.compactaudit.tool.Grade;

/**
 * The one rule for "this question is answered", used by the task list, the submit check, the API and the
 * rounds dashboard's percent complete ({@link ReturnProgress} uses {@link #COMPLETE_SQL}, the same rule in SQL).
 */
public final class AnswerCompleteness {

    /**
     * SQL condition over the {@code answer} table aliased {@code a}; must stay equivalent to {@link #problem}.
     */
    public static final String COMPLETE_SQL = "(a.grade is not null and a.carried_forward = false and ("
            + "(a.grade = 'not-applicable' and trim(coalesce(a.na_reason, '')) <> '')"
            + " or (a.grade in ('outstanding', 'good') and trim(coalesce(a.evidence, '')) <> '')"
            + " or (a.grade in ('requires-improvement', 'inadequate') and trim(coalesce(a.evidence, '')) <> ''"
            + " and trim(coalesce(a.action_what, '')) <> '' and trim(coalesce(a.action_owner, '')) <> ''"
            + " and a.action_due is not null)))";

    private AnswerCompleteness() {
    }

    /** What is missing from the answer, as a sentence ending the phrase "This question ...", or null when complete. */
    public static String problem(Answer answer) {
        if (answer == null || answer.grade == null) {
            return "has no grade";
        }
        if (answer.carriedForward) {
            return "is from your last return and has not been confirmed";
        }
        if (answer.grade == Grade.NOT_APPLICABLE) {
            return blank(answer.naReason) ? "is Not applicable but has no reason" : null;
        }
        if (blank(answer.evidence)) {
            return "has no evidence";
        }
        if (answer.grade.needsAction()) {
            if (blank(answer.actionWhat)) {
                return "needs an action: what will be done";
            }
            if (blank(answer.actionOwner)) {
                return "needs an action: who will do it";
            }
            if (answer.actionDue == null) {
                return "needs an action: when it will be done by";
            }
        }
        return null;
    }

    public static boolean isComplete(Answer answer) {
        return problem(answer) == null;
    }

    /** Started means the respondent has put something in it themselves (carried-forward text alone does not count). */
    public static boolean isStarted(Answer answer) {
        return answer != null && !answer.carriedForward
                && (answer.grade != null || !blank(answer.evidence) || !blank(answer.naReason) || !blank(answer.actionWhat));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

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

    /**
     * What is missing from an answer. {@code field} is the API's name of the field at fault (the page's field id
     * is {@link #pageField()}); {@code text} ends the phrase "This question ..."; {@code fix} says what to do.
     */
    public record Problem(String field, String text, String fix) {
        public String pageField() {
            return AnswerCompleteness.pageField(field);
        }
    }

    /** The suffix of the page's input id after the question key for an API field: the first radio, a box, the date's day. */
    public static String pageField(String field) {
        return field.equals("action.due") ? "action-due-day" : field.replace('.', '-');
    }

    private static final Problem NO_GRADE = new Problem("grade", "has no grade", "choose a grade");
    private static final Problem NOT_CONFIRMED = new Problem("confirm",
            "is from your last return and has not been confirmed", "confirm the answer from your last return is still true");
    private static final Problem NO_REASON = new Problem("naReason", "is Not applicable but has no reason",
            "say why it does not apply to your agency");
    private static final Problem NO_EVIDENCE = new Problem("evidence", "has no evidence", "add your evidence");
    private static final Problem NO_WHAT = new Problem("action.what", "needs an action: what will be done",
            "say what will be done");
    private static final Problem NO_OWNER = new Problem("action.owner", "needs an action: who will do it",
            "say who will do it");
    private static final Problem NO_DUE = new Problem("action.due", "needs an action: when it will be done by",
            "enter the date the action will be done by");

    /** What is missing from the answer, or null when it is complete. */
    public static Problem problem(Answer answer) {
        if (answer == null || answer.grade == null) {
            return NO_GRADE;
        }
        if (answer.carriedForward) {
            return NOT_CONFIRMED;
        }
        if (answer.grade == Grade.NOT_APPLICABLE) {
            // Evidence is not asked for Not applicable: text posted in it (without JavaScript) is kept but not required.
            return blank(answer.naReason) ? NO_REASON : null;
        }
        if (blank(answer.evidence)) {
            return NO_EVIDENCE;
        }
        if (answer.grade.needsAction()) {
            if (blank(answer.actionWhat)) {
                return NO_WHAT;
            }
            if (blank(answer.actionOwner)) {
                return NO_OWNER;
            }
            if (answer.actionDue == null) {
                return NO_DUE;
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

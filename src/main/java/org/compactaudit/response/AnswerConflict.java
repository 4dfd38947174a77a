package org.compactaudit.response;

/** A save based on an older version of the answer than the one stored; nothing was applied. */
public class AnswerConflict extends RuntimeException {

    public final Answer current;

    public AnswerConflict(Answer current) {
        super("This answer was changed by someone else since you opened it");
        this.current = current;
    }
}

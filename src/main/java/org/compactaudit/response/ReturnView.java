package org.compactaudit.response;

import java.util.List;

import org.compactaudit.round.Return;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.Standard;

/**
 * A return as the respondent, the staff and the PDF see it: the standards and questions that apply to the
 * agency's sector, each question with its answer (or none) and what is missing from it.
 */
public record ReturnView(Return ret, boolean closed, List<StandardView> standards) {

    public record StandardView(Standard standard, TaskStatus status, List<QuestionView> questions) {
    }

    public record QuestionView(Question question, Answer answer, String problem) {
        public boolean complete() {
            return problem == null;
        }
    }

    /** Submitted, or the round has closed: the respondent can only read it. */
    public boolean readOnly() {
        return ret.isSubmitted() || closed;
    }

    public long completedStandards() {
        return standards.stream().filter(s -> s.status() == TaskStatus.COMPLETED).count();
    }

    public List<QuestionView> incomplete() {
        return standards.stream().flatMap(s -> s.questions().stream()).filter(q -> !q.complete()).toList();
    }

    public StandardView standard(String key) {
        return standards.stream().filter(s -> s.standard().key.equals(key)).findFirst()
                .orElseThrow(() -> org.compactaudit.common.DomainException.notFound("There is no standard " + key + " in this return"));
    }
}

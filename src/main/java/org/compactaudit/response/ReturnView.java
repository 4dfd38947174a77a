package org.compactaudit.response;

import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** {@code number} is the question's place in its standard as the agency sees it (1 = the first that applies). */
    public record QuestionView(Question question, int number, Answer answer, AnswerCompleteness.Problem problem) {
        public boolean complete() {
            return problem == null;
        }

        /** What to do, for the standard's own page: "Question 3: add your evidence". */
        public String fixHere() {
            return "Question " + number + ": " + problem.fix();
        }

        /** What to do, anywhere else: "Question 3 in Safe recruitment: add your evidence". */
        public String fix() {
            return "Question " + number + " in " + question.standard.title + ": " + problem.fix();
        }
    }

    /** What the evidence checks flag, by question key, over every answer of the return ({@link EvidenceChecks}). */
    public Map<String, Set<EvidenceChecks.Flag>> evidenceFlags() {
        return EvidenceChecks.check(standards.stream().flatMap(s -> s.questions().stream())
                .filter(q -> q.answer() != null).map(q -> EvidenceChecks.of(q.answer())).toList(),
                EvidenceChecks.Thresholds.DEFAULT);
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

package org.compactaudit.response;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.compactaudit.round.Return;

/** The API's view of a return; field names are the published contract. */
public record ReturnJson(AgencyJson agency, RoundJson round, ToolJson toolVersion, String status, boolean late,
        Instant submittedAt, List<StandardJson> standards) {

    public record AgencyJson(long id, String name, String sector) {
    }

    public record RoundJson(long id, String name, LocalDate dueOn, LocalDate closesOn) {
    }

    public record ToolJson(String toolKey, String version, String variant) {
    }

    public record StandardJson(String key, String title, String status, List<QuestionJson> questions) {
    }

    public record QuestionJson(String key, String text, boolean naAllowed, GuidanceJson guidance, AnswerJson answer) {
    }

    public record GuidanceJson(String outstanding, String good, String requiresImprovement, String inadequate) {
    }

    /**
     * {@code evidenceFlags}: the codes of {@link EvidenceChecks.Flag} the evidence raises, empty when none. In a whole
     * return every check runs; on one saved answer "short" and "nothing-checkable" (the others need the return or the
     * question's guidance).
     */
    public record AnswerJson(String grade, String evidence, String naReason, ActionJson action, boolean carriedForward,
            int version, Instant updatedAt, List<String> evidenceFlags) {

        public static AnswerJson of(Answer a) {
            if (a == null) {
                return null;
            }
            EvidenceChecks.Evidence evidence = EvidenceChecks.alone(a);
            return of(a, EvidenceChecks.check(List.of(evidence), EvidenceChecks.Thresholds.DEFAULT)
                    .getOrDefault(evidence.questionKey(), Set.of()));
        }

        static AnswerJson of(Answer a, Set<EvidenceChecks.Flag> flags) {
            if (a == null) {
                return null;
            }
            ActionJson action = a.actionWhat == null && a.actionOwner == null && a.actionDue == null ? null
                    : new ActionJson(a.actionWhat, a.actionOwner, a.actionDue);
            return new AnswerJson(a.grade == null ? null : a.grade.code, a.evidence, a.naReason, action, a.carriedForward,
                    a.seenVersion(), a.updatedAt, flags.stream().map(f -> f.code).toList());
        }
    }

    public record ActionJson(String what, String owner, LocalDate due) {
    }

    /** The body of a 409: the answer as stored now, so the client can show both versions. */
    public record ConflictJson(int status, String message, AnswerJson answer) {
    }

    /** The body of a 422 from submit. */
    public record IncompleteJson(int status, String message, List<IncompleteReturn.Item> incomplete) {
    }

    public static ReturnJson of(ReturnView view) {
        Return r = view.ret();
        Map<String, Set<EvidenceChecks.Flag>> flags = view.evidenceFlags();
        return new ReturnJson(new AgencyJson(r.agency.id, r.agency.name, r.agency.sector.code),
                new RoundJson(r.round.id, r.round.name, r.round.dueOn, r.round.closesOn),
                new ToolJson(r.toolVersion.toolKey, r.toolVersion.version, r.toolVersion.variant),
                r.status.code, r.late, r.submittedAt,
                view.standards().stream().map(s -> new StandardJson(s.standard().key, s.standard().title, s.status().code,
                        s.questions().stream().map(q -> new QuestionJson(q.question().key, q.question().text,
                                q.question().naAllowed, new GuidanceJson(q.question().guidanceOutstanding,
                                        q.question().guidanceGood, q.question().guidanceRequiresImprovement,
                                        q.question().guidanceInadequate),
                                AnswerJson.of(q.answer(), flags.getOrDefault(q.question().key, Set.of())))).toList()))
                        .toList());
    }
}

package org.compactaudit.response;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.DomainException;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnLinks;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.round.RoundQueries;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.ToolCatalogue;

/**
 * Saving answers: one at a time (the API and the page's autosave, through {@link AnswerWriter}) or a standard's
 * page at once, each with conflict detection on the answer's version.
 */
@ApplicationScoped
public class Answering {

    public record Conflict(String questionKey, Answer theirs, AnswerInput yours) {
    }

    /** What the save path needs of a question; tool versions never change once published, so this is cached. */
    record QuestionMeta(long id, String key, String standardKey, boolean naAllowed, Set<String> sectors) {
        boolean appliesTo(String sector) {
            return sectors.isEmpty() || sectors.contains(sector);
        }
    }

    private final Map<Long, Map<String, QuestionMeta>> questionsByTool = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    RoundQueries roundQueries;

    @Inject
    AnswerQueries answerQueries;

    @Inject
    ToolCatalogue catalogue;

    @Inject
    AnswerWriter writer;

    @Inject
    ReturnService returns;

    /**
     * Saves one answer (the API and the page's autosave). The version sent must be the one last seen; a save
     * over a newer answer is refused as a conflict unless it carries the same content.
     */
    @Transactional
    public Answer save(String token, String questionKey, AnswerInput input) {
        AnswerWriter.Target target = ReturnLinks.hashOf(token).flatMap(writer::target).orElse(null);
        if (target == null) {
            returns.byToken(token);
            throw new InvalidLink(null, null);
        }
        QuestionMeta question = applicableQuestion(target.toolVersionId(), target.sector(), questionKey);
        List<FieldError> problems = validate(question, input, "");
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems.get(0).message(), problems);
        }
        returns.ensureWritable(target.status() == ReturnStatus.SUBMITTED, target.roundStatus(), target.closesOn());
        Instant now = clock.instant();
        if (!writer.markSaved(target.returnId(), questionKey, now)) {
            throw DomainException.locked("This return has been submitted and can no longer be changed");
        }
        int seen = input.version() == null ? 0 : input.version();
        if (seen > 0 && writer.update(target.returnId(), question.id(), input, now, seen - 1)) {
            return AnswerWriter.written(input, now, seen);
        }
        if (seen == 0 && writer.insert(target.returnId(), question.id(), input, now)) {
            return AnswerWriter.written(input, now, 0);
        }
        Answer current = answerFor(target.returnId(), question.id());
        if (current == null) {
            if (writer.insert(target.returnId(), question.id(), input, now)) {
                return AnswerWriter.written(input, now, 0);
            }
            throw DomainException.conflict("This answer was first saved by someone else at the same moment; load it again");
        }
        // A repeated save of what is stored (a retry, or a carried-forward answer confirmed) is not a conflict.
        if (sameContent(current, input) && writer.update(target.returnId(), question.id(), input, now, current.version)) {
            return AnswerWriter.written(input, now, current.version + 1);
        }
        throw new AnswerConflict(current);
    }

    /**
     * Saves the questions of one standard posted by the page (only those posted). A question whose stored version
     * is newer than the one the page was built from is not applied but returned as a conflict. Carried-forward
     * answers posted unchanged stay unconfirmed unless the key is in {@code confirmed}.
     */
    @Transactional
    public List<Conflict> saveStandard(String token, String standardKey, Map<String, AnswerInput> inputs, Set<String> confirmed) {
        Return r = returns.byToken(token);
        List<FieldError> problems = new ArrayList<>();
        Map<QuestionMeta, AnswerInput> posted = new LinkedHashMap<>();
        inputs.forEach((key, input) -> {
            QuestionMeta q = applicableQuestion(r, key);
            if (!q.standardKey().equals(standardKey)) {
                throw DomainException.notFound("Question " + key + " is not in standard " + standardKey);
            }
            problems.addAll(validate(q, input, key + "-"));
            posted.put(q, input);
        });
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems.get(0).message(), problems);
        }
        returns.ensureWritable(r);
        List<Conflict> conflicts = new ArrayList<>();
        Set<String> saved = new LinkedHashSet<>();
        Map<Long, Answer> answers = returns.answersByQuestion(r.id);
        posted.forEach((q, input) -> {
            Answer current = answers.get(q.id());
            boolean unchanged = current == null ? isEmpty(input) : sameContent(current, input);
            if (unchanged && !(current != null && current.carriedForward && confirmed.contains(q.key()))) {
                return;
            }
            if (current != null && current.seenVersion() != (input.version() == null ? 0 : input.version()) && !unchanged) {
                conflicts.add(new Conflict(q.key(), current, input));
                return;
            }
            apply(r, q, current, input);
            saved.add(q.key());
        });
        if (!saved.isEmpty()) {
            markSaved(r, saved);
            try {
                em.flush();
            } catch (OptimisticLockException e) {
                throw DomainException.conflict("Someone else saved this standard at the same moment. Open it again to see their answers.");
            }
        }
        return conflicts;
    }

    private QuestionMeta applicableQuestion(Return r, String key) {
        return applicableQuestion(r.toolVersion.id, r.agency.sector.code, key);
    }

    private QuestionMeta applicableQuestion(long toolVersionId, String sector, String key) {
        Map<String, QuestionMeta> questions = questionsByTool.computeIfAbsent(toolVersionId, this::loadQuestions);
        QuestionMeta q = questions.get(key);
        if (q == null || !q.appliesTo(sector)) {
            throw DomainException.notFound("There is no question " + key + " in this return");
        }
        return q;
    }

    private Map<String, QuestionMeta> loadQuestions(long toolVersionId) {
        Map<String, QuestionMeta> result = new HashMap<>();
        catalogue.questionsOf(toolVersionId).forEach(q -> result.put(q.key, new QuestionMeta(q.id, q.key, q.standard.key, q.naAllowed, Set.copyOf(q.sectors))));
        return Map.copyOf(result);
    }

    /** Field-level problems with the input's form (not its completeness, which is only checked at submit). */
    static List<FieldError> validate(QuestionMeta q, AnswerInput in, String prefix) {
        List<FieldError> problems = new ArrayList<>();
        if (in.grade() != null && !in.grade().isEmpty()) {
            Grade grade = Grade.fromCode(in.grade()).orElse(null);
            if (grade == null) {
                problems.add(new FieldError(prefix + "grade", "Grade must be one of outstanding, good, requires-improvement,"
                        + " inadequate or not-applicable"));
            } else if (grade == Grade.NOT_APPLICABLE && !q.naAllowed()) {
                problems.add(new FieldError(prefix + "grade", "Not applicable is not an option for this question"));
            }
        }
        if (in.evidence() != null && in.evidence().codePointCount(0, in.evidence().length()) > Answer.MAX_EVIDENCE) {
            problems.add(new FieldError(prefix + "evidence", "Evidence must be 10,000 characters or fewer; it has "
                    + String.format("%,d", in.evidence().codePointCount(0, in.evidence().length())) + ". Nothing was saved"));
        }
        if (in.naReason() != null && in.naReason().length() > 2000) {
            problems.add(new FieldError(prefix + "naReason", "The reason must be 2,000 characters or fewer"));
        }
        if (in.action() != null) {
            if (in.action().what() != null && in.action().what().length() > 4000) {
                problems.add(new FieldError(prefix + "action.what", "The action must be 4,000 characters or fewer"));
            }
            if (in.action().owner() != null && in.action().owner().length() > 200) {
                problems.add(new FieldError(prefix + "action.owner", "Who will do it must be 200 characters or fewer"));
            }
        }
        return problems;
    }

    private Answer apply(Return r, QuestionMeta q, Answer current, AnswerInput in) {
        Answer a = current;
        if (a == null) {
            a = new Answer();
            a.agencyReturn = r;
            a.question = em.getReference(Question.class, q.id());
        }
        a.grade = in.grade() == null || in.grade().isEmpty() ? null : Grade.fromCode(in.grade()).orElseThrow();
        a.evidence = emptyToNull(in.evidence());
        a.naReason = emptyToNull(in.naReason());
        a.actionWhat = in.action() == null ? null : emptyToNull(in.action().what());
        a.actionOwner = in.action() == null ? null : emptyToNull(in.action().owner());
        a.actionDue = in.action() == null ? null : in.action().due();
        a.carriedForward = false;
        a.updatedAt = clock.instant();
        if (current == null) {
            a.persist();
        }
        return a;
    }

    /** Updates the return row first (a row lock), then coalesces the history: one "saved" line per return per minute. */
    private void markSaved(Return r, Set<String> keys) {
        returns.ensureWritable(r);
        Instant now = clock.instant();
        int updated = roundQueries.markSaved(r.id, now);
        if (updated == 0) {
            throw DomainException.locked("This return has been submitted and can no longer be changed");
        }
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        List<ReturnEvent> recent = ReturnEvent.find("agencyReturn.id = ?1 and kind = 'saved' and occurredAt >= ?2",
                r.id, minute).list();
        if (recent.isEmpty()) {
            returns.event(r, "saved", String.join(", ", keys), null);
            return;
        }
        ReturnEvent e = recent.get(0);
        Set<String> all = new LinkedHashSet<>(List.of(e.detail.split(", ")));
        if (all.addAll(keys)) {
            String detail = String.join(", ", all);
            e.detail = detail.length() > 2000 ? detail.substring(0, 1997) + "..." : detail;
        }
    }

    private Answer answerFor(long returnId, long questionId) {
        return answerQueries.answer(returnId, questionId).orElse(null);
    }

    static boolean sameContent(Answer a, AnswerInput in) {
        return Objects.equals(a.grade == null ? null : a.grade.code, emptyToNull(in.grade()))
                && Objects.equals(a.evidence, emptyToNull(in.evidence()))
                && Objects.equals(a.naReason, emptyToNull(in.naReason()))
                && Objects.equals(a.actionWhat, in.action() == null ? null : emptyToNull(in.action().what()))
                && Objects.equals(a.actionOwner, in.action() == null ? null : emptyToNull(in.action().owner()))
                && Objects.equals(a.actionDue, in.action() == null ? null : in.action().due());
    }

    private static boolean isEmpty(AnswerInput in) {
        return emptyToNull(in.grade()) == null && emptyToNull(in.evidence()) == null && emptyToNull(in.naReason()) == null
                && (in.action() == null || (emptyToNull(in.action().what()) == null
                        && emptyToNull(in.action().owner()) == null && in.action().due() == null));
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

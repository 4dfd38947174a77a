package org.compactaudit.response;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.Hibernate;

import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.ClockProducer;
import org.compactaudit.common.Dates;
import org.compactaudit.common.DomainException;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnLinks;
import org.compactaudit.round.ReturnReopened;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.round.ReturnSubmitted;
import org.compactaudit.round.RoundStatus;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.Standard;

/**
 * Completing a return: opening it by its link, saving answers (with conflict detection), carrying answers
 * forward from the last round, submitting, and the manager's reopen and link actions.
 */
@ApplicationScoped
public class ReturnService {

    /** Status answered when the return can no longer be changed (submitted, or the round has closed). */
    public static final int LOCKED = 423;

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
    ReturnLinks links;

    @Inject
    ReturnDocuments documents;

    @Inject
    AnswerWriter writer;

    @Inject
    Event<ReturnSubmitted> submittedEvent;

    @Inject
    Event<ReturnReopened> reopenedEvent;

    // ---- the respondent ----

    /** The return the token opens, with its round and agency, or {@link InvalidLink}. */
    public Return byToken(String token) {
        String hash = ReturnLinks.hashOf(token).orElse(null);
        if (hash != null) {
            List<Return> found = em.createQuery("select r from Return r join fetch r.round join fetch r.agency"
                    + " where r.tokenHash = :h", Return.class).setParameter("h", hash).getResultList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            RevokedLink revoked = RevokedLink.findById(hash);
            if (revoked != null) {
                Partnership p = ((Return) Return.findById(revoked.returnId)).round.partnership;
                throw new InvalidLink(p.contactName, p.contactEmail);
            }
        }
        throw new InvalidLink(null, null);
    }

    /** Opens the return by its link; the first opening is recorded and carries the last round's answers forward. */
    @Transactional
    public ReturnView open(String token) {
        Return r = byToken(token);
        if (r.firstOpenedAt == null) {
            r.firstOpenedAt = clock.instant();
            event(r, "opened", null, null);
            ReturnView before = view(r);
            if (!before.readOnly()) {
                carryForward(r, before);
            }
        }
        return view(r);
    }

    /**
     * Saves one answer (the API and the page's autosave). The version sent must be the one last seen; a save
     * over a newer answer is refused as a conflict unless it carries the same content.
     */
    @Transactional
    public Answer save(String token, String questionKey, AnswerInput input) {
        AnswerWriter.Target target = ReturnLinks.hashOf(token).flatMap(writer::target).orElse(null);
        if (target == null) {
            byToken(token);
            throw new InvalidLink(null, null);
        }
        QuestionMeta question = applicableQuestion(target.toolVersionId(), target.sector(), questionKey);
        List<FieldError> problems = validate(question, input, "");
        if (!problems.isEmpty()) {
            throw new DomainException(400, problems.get(0).message(), problems);
        }
        ensureWritable(target.status() == ReturnStatus.SUBMITTED, target.roundStatus(), target.closesOn());
        Instant now = clock.instant();
        if (!writer.markSaved(target.returnId(), questionKey, now)) {
            throw new DomainException(LOCKED, "This return has been submitted and can no longer be changed");
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
        Return r = byToken(token);
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
            throw new DomainException(400, problems.get(0).message(), problems);
        }
        ensureWritable(r);
        List<Conflict> conflicts = new ArrayList<>();
        Set<String> saved = new LinkedHashSet<>();
        Map<Long, Answer> answers = answersByQuestion(r.id);
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

    /** Submits the declared return, or refuses with every incomplete question; see {@link AnswerCompleteness}. */
    @Transactional
    public Return submit(String token, Declaration declaration) {
        Return r = byToken(token);
        // Lock the return row: saves update it first, so a save and a submit never interleave.
        em.refresh(r, LockModeType.PESSIMISTIC_WRITE);
        ensureWritable(r);
        ReturnView view = view(r);
        List<IncompleteReturn.Item> incomplete = view.incomplete().stream().map(IncompleteReturn.Item::of).toList();
        if (!incomplete.isEmpty()) {
            throw new IncompleteReturn(incomplete);
        }
        List<FieldError> problems = declaration.problems();
        if (!problems.isEmpty()) {
            throw new DomainException(400, problems.get(0).message(), problems);
        }
        Instant now = clock.instant();
        r.status = ReturnStatus.SUBMITTED;
        r.submittedAt = now;
        r.late = now.isAfter(endOfDay(r.round.dueOn));
        r.submittedByName = declaration.name().trim();
        r.submittedByRole = declaration.role().trim();
        r.submittedByEmail = declaration.email().trim();
        event(r, "submitted", r.submittedByName + " (" + r.submittedByRole + ", " + r.submittedByEmail + ")"
                + (r.late ? ", late" : ""), r.submittedByEmail);
        submittedEvent.fire(new ReturnSubmitted(r.id));
        documents.sendReceipt(view(r));
        return r;
    }

    @Transactional
    public byte[] pdf(String token) {
        return documents.pdf(view(byToken(token)));
    }

    // ---- staff ----

    @Transactional
    public ReturnView view(long returnId) {
        return view(find(returnId));
    }

    @Transactional
    public byte[] pdf(long returnId) {
        return documents.pdf(view(returnId));
    }

    public List<ReturnEvent> history(long returnId) {
        return ReturnEvent.list("agencyReturn.id = ?1 order by occurredAt, id", returnId);
    }

    /** Manager: back to in progress with a reason; the agency is emailed and the submission stays in the history. */
    @Transactional
    public void reopen(long returnId, String reason, String actor) {
        Return r = find(returnId);
        em.refresh(r, LockModeType.PESSIMISTIC_WRITE);
        if (!r.isSubmitted()) {
            throw DomainException.conflict("Only a submitted return can be reopened");
        }
        if (isClosed(r.round)) {
            throw DomainException.conflict("The round closed on " + Dates.date(r.round.closesOn) + "; a reopened return could not be changed");
        }
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason", "Enter why the return is being reopened");
        }
        if (reason.length() > 1000) {
            throw DomainException.invalid("reason", "The reason must be 1,000 characters or fewer");
        }
        String previous = r.submittedByName;
        String previousEmail = r.submittedByEmail;
        event(r, "reopened", reason.trim() + " (was submitted " + Dates.dateTime(r.submittedAt) + " by " + previous + ")", actor);
        r.status = ReturnStatus.IN_PROGRESS;
        r.submittedAt = null;
        r.late = false;
        r.submittedByName = null;
        r.submittedByRole = null;
        r.submittedByEmail = null;
        reopenedEvent.fire(new ReturnReopened(r.id));
        documents.sendReopened(r, reason.trim(), previousEmail);
    }

    /**
     * Manager: a new link emailed to the agency's lead; the old one stops working. Only the link's hash is stored,
     * so "resend" also means a new link ({@code kind} records which the manager asked for).
     */
    @Transactional
    public void sendNewLink(long returnId, String kind, String actor) {
        Return r = find(returnId);
        if (r.agency.leadEmail == null || r.agency.leadEmail.isBlank()) {
            throw DomainException.conflict("The agency has no lead email address to send the link to");
        }
        if (r.tokenHash != null) {
            RevokedLink revoked = new RevokedLink();
            revoked.tokenHash = r.tokenHash;
            revoked.returnId = r.id;
            revoked.revokedAt = clock.instant();
            revoked.persist();
        }
        String token = links.issue(r);
        event(r, kind, "Sent to " + r.agency.leadEmail, actor);
        documents.sendLink(r, links.url(token));
    }

    // ---- rules ----

    public boolean isClosed(AuditRound round) {
        return isClosed(round.status, round.closesOn);
    }

    private boolean isClosed(RoundStatus status, LocalDate closesOn) {
        return status == RoundStatus.CLOSED || LocalDate.now(clock).isAfter(closesOn);
    }

    static Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ClockProducer.ZONE).toInstant();
    }

    ReturnView view(Return r) {
        // Pages render after the transaction ends: load what every view shows now.
        Hibernate.initialize(r.toolVersion);
        Hibernate.initialize(r.round.partnership);
        Hibernate.initialize(r.agency.sector);
        List<Question> questions = em.createQuery("select distinct q from Question q join fetch q.standard s"
                + " left join fetch q.sectors where s.toolVersion.id = :t", Question.class)
                .setParameter("t", r.toolVersion.id).getResultList();
        Map<Long, Answer> answers = answersByQuestion(r.id);
        String sector = r.agency.sector.code;
        Map<Standard, List<Question>> byStandard = new LinkedHashMap<>();
        questions.stream().filter(q -> q.appliesTo(sector))
                .sorted(Comparator.comparingInt((Question q) -> q.standard.position).thenComparingInt(q -> q.position))
                .forEach(q -> byStandard.computeIfAbsent(q.standard, s -> new ArrayList<>()).add(q));
        List<ReturnView.StandardView> standards = new ArrayList<>();
        byStandard.forEach((standard, applying) -> {
            List<ReturnView.QuestionView> qs = new ArrayList<>();
            for (Question q : applying) {
                Answer a = answers.get(q.id);
                qs.add(new ReturnView.QuestionView(q, qs.size() + 1, a, AnswerCompleteness.problem(a)));
            }
            TaskStatus status = qs.stream().allMatch(ReturnView.QuestionView::complete) ? TaskStatus.COMPLETED
                    : qs.stream().anyMatch(q -> AnswerCompleteness.isStarted(q.answer())) ? TaskStatus.IN_PROGRESS
                    : TaskStatus.NOT_STARTED;
            standards.add(new ReturnView.StandardView(standard, status, qs));
        });
        return new ReturnView(r, isClosed(r.round), standards);
    }

    private void carryForward(Return r, ReturnView view) {
        AuditRound previous = AuditRound.find("partnership.id = ?1 and opensOn < ?2 order by opensOn desc, id desc",
                r.round.partnership.id, r.round.opensOn).firstResult();
        if (previous == null) {
            return;
        }
        Return last = Return.find("round.id = ?1 and agency.id = ?2 and status = ?3", previous.id, r.agency.id,
                ReturnStatus.SUBMITTED).firstResult();
        if (last == null) {
            return;
        }
        Map<String, Answer> lastByKey = new HashMap<>();
        em.createQuery("select a from Answer a join fetch a.question where a.agencyReturn.id = :r", Answer.class)
                .setParameter("r", last.id).getResultList().forEach(a -> lastByKey.put(a.question.key, a));
        Instant now = clock.instant();
        view.standards().stream().flatMap(s -> s.questions().stream())
                .filter(q -> q.answer() == null && lastByKey.containsKey(q.question().key))
                .forEach(q -> {
                    Answer old = lastByKey.get(q.question().key);
                    Answer a = new Answer();
                    a.agencyReturn = r;
                    a.question = q.question();
                    a.grade = old.grade == Grade.NOT_APPLICABLE && !q.question().naAllowed ? null : old.grade;
                    a.evidence = old.evidence;
                    a.naReason = old.naReason;
                    a.actionWhat = old.actionWhat;
                    a.actionOwner = old.actionOwner;
                    a.actionDue = old.actionDue;
                    a.carriedForward = true;
                    a.updatedAt = now;
                    a.persist();
                });
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
        em.createQuery("select distinct q from Question q join fetch q.standard s left join fetch q.sectors"
                + " where s.toolVersion.id = :t", Question.class).setParameter("t", toolVersionId).getResultList()
                .forEach(q -> result.put(q.key, new QuestionMeta(q.id, q.key, q.standard.key, q.naAllowed, Set.copyOf(q.sectors))));
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
        ensureWritable(r);
        Instant now = clock.instant();
        int updated = em.createNativeQuery("update audit_return set last_saved_at = :now, status = case when status = 'NOT_STARTED'"
                + " then 'IN_PROGRESS' else status end where id = :id and status <> 'SUBMITTED'")
                .setParameter("now", now).setParameter("id", r.id).executeUpdate();
        if (updated == 0) {
            throw new DomainException(LOCKED, "This return has been submitted and can no longer be changed");
        }
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        List<ReturnEvent> recent = ReturnEvent.find("agencyReturn.id = ?1 and kind = 'saved' and occurredAt >= ?2",
                r.id, minute).list();
        if (recent.isEmpty()) {
            event(r, "saved", String.join(", ", keys), null);
            return;
        }
        ReturnEvent e = recent.get(0);
        Set<String> all = new LinkedHashSet<>(List.of(e.detail.split(", ")));
        if (all.addAll(keys)) {
            String detail = String.join(", ", all);
            e.detail = detail.length() > 2000 ? detail.substring(0, 1997) + "..." : detail;
        }
    }

    private void ensureWritable(Return r) {
        ensureWritable(r.isSubmitted(), r.round.status, r.round.closesOn);
    }

    private void ensureWritable(boolean submitted, RoundStatus roundStatus, LocalDate closesOn) {
        if (submitted) {
            throw new DomainException(LOCKED, "This return has been submitted and can no longer be changed");
        }
        if (isClosed(roundStatus, closesOn)) {
            throw new DomainException(LOCKED, "The round closed on " + Dates.date(closesOn) + "; the return can no longer be changed");
        }
    }

    private Answer answerFor(long returnId, long questionId) {
        List<Answer> found = em.createQuery("select a from Answer a where a.agencyReturn.id = :r and a.question.id = :q", Answer.class)
                .setParameter("r", returnId).setParameter("q", questionId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private Map<Long, Answer> answersByQuestion(long returnId) {
        Map<Long, Answer> answers = new HashMap<>();
        em.createQuery("select a from Answer a where a.agencyReturn.id = :r", Answer.class).setParameter("r", returnId)
                .getResultList().forEach(a -> answers.put(a.question.id, a));
        return answers;
    }

    private Return find(long id) {
        Return r = Return.findById(id);
        if (r == null) {
            throw DomainException.notFound("There is no return " + id);
        }
        return r;
    }

    private void event(Return r, String kind, String detail, String actor) {
        ReturnEvent e = new ReturnEvent();
        e.agencyReturn = r;
        e.kind = kind;
        e.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...";
        e.actor = actor;
        e.occurredAt = clock.instant();
        e.persist();
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

package org.compactaudit.response;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.Hibernate;

import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.ClockProducer;
import org.compactaudit.common.Dates;
import org.compactaudit.common.DomainException;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.LinkQueries;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnLinks;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.round.ReturnSubmitted;
import org.compactaudit.round.RoundQueries;
import org.compactaudit.round.RoundStatus;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.Standard;
import org.compactaudit.tool.ToolCatalogue;

/**
 * A return as its respondent sees it: opening it by its link (carrying answers forward from the last round),
 * its view, submitting it, and the rules every change to it obeys. Saving answers is {@link Answering}; the
 * manager's actions are {@link StaffReturns}.
 */
@ApplicationScoped
public class ReturnService {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    RoundQueries roundQueries;

    @Inject
    LinkQueries linkQueries;

    @Inject
    AnswerQueries answerQueries;

    @Inject
    ToolCatalogue catalogue;

    @Inject
    ReturnDocuments documents;

    @Inject
    Event<ReturnSubmitted> submittedEvent;

    // ---- the respondent ----

    /** The return a live link's token opens, with its round and agency, or {@link InvalidLink}. */
    public Return byToken(String token) {
        String hash = ReturnLinks.hashOf(token).orElse(null);
        if (hash != null) {
            Optional<Return> found = linkQueries.returnByLiveHash(hash);
            if (found.isPresent()) {
                return found.get();
            }
            Optional<Partnership> revoked = linkQueries.partnershipOfRevoked(hash);
            if (revoked.isPresent()) {
                throw new InvalidLink(revoked.get().contactName, revoked.get().contactEmail);
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
            throw DomainException.invalid(problems.get(0).message(), problems);
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
        List<Question> questions = catalogue.questionsOf(r.toolVersion.id);
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
        AuditRound previous = roundQueries.roundBefore(r.round.partnership.id, r.round.opensOn).orElse(null);
        if (previous == null) {
            return;
        }
        Return last = Return.find("round.id = ?1 and agency.id = ?2 and status = ?3", previous.id, r.agency.id,
                ReturnStatus.SUBMITTED).firstResult();
        if (last == null) {
            return;
        }
        Map<String, Answer> lastByKey = new HashMap<>();
        answerQueries.answersWithQuestionOf(last.id).forEach(a -> lastByKey.put(a.question.key, a));
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

    void ensureWritable(Return r) {
        ensureWritable(r.isSubmitted(), r.round.status, r.round.closesOn);
    }

    void ensureWritable(boolean submitted, RoundStatus roundStatus, LocalDate closesOn) {
        if (submitted) {
            throw DomainException.locked("This return has been submitted and can no longer be changed");
        }
        if (isClosed(roundStatus, closesOn)) {
            throw DomainException.locked("The round closed on " + Dates.date(closesOn) + "; the return can no longer be changed");
        }
    }

    Map<Long, Answer> answersByQuestion(long returnId) {
        Map<Long, Answer> answers = new HashMap<>();
        answerQueries.answersOf(returnId).forEach(a -> answers.put(a.question.id, a));
        return answers;
    }

    Return find(long id) {
        return roundQueries.findReturn(id).orElseThrow(() -> DomainException.notFound("There is no return " + id));
    }

    void event(Return r, String kind, String detail, String actor) {
        ReturnEvent e = new ReturnEvent();
        e.agencyReturn = r;
        e.kind = kind;
        e.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...";
        e.actor = actor;
        e.occurredAt = clock.instant();
        e.persist();
    }


}

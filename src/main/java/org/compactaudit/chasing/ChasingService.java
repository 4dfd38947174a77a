package org.compactaudit.chasing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

import org.compactaudit.common.Dates;
import org.compactaudit.common.DomainException;
import org.compactaudit.mail.Outbox;
import org.compactaudit.mail.OutboxMessage;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.ChaserSettings;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnLinks;
import org.compactaudit.round.RoundQueries;
import org.compactaudit.round.RoundSending;
import org.compactaudit.round.RoundService;
import org.compactaudit.round.RoundStatus;

/**
 * Sends due chasers and escalates returns still missing after the last one. Each chaser is one transaction that
 * inserts the unique (return, step) chaser row together with its outbox message: a second run, or a second replica
 * running at the same moment, fails on that key and sends nothing, so no chaser goes twice.
 */
@ApplicationScoped
public class ChasingService {

    private static final Logger LOG = Logger.getLogger(ChasingService.class);

    public record RunResult(int chasersQueued, int escalated) {
    }

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    RoundService rounds;

    @Inject
    RoundQueries roundQueries;

    @Inject
    ChaserQueries chaserQueries;

    @Inject
    ReturnLinks links;

    @Inject
    ChaserSettings chaserSettings;

    @Location("mail/chaser.txt")
    Template chaserText;

    @Location("mail/chaser.html")
    Template chaserHtml;

    @Location("mail/escalation-letter.txt")
    Template letter;

    public ChaserSchedule scheduleOf(AuditRound round) {
        return ChaserSchedule.of(round.dueOn, chaserSettings.offsetsOf(round.id), round.chaserRepeatDays, round.chaserMax);
    }

    /** Every sent round's due chasers and escalations, as of the day. */
    public RunResult runAll(LocalDate today) {
        List<Long> ids = roundQueries.sentRoundIdsOpenOn(today);
        int chasers = 0;
        int escalated = 0;
        for (Long id : ids) {
            RunResult result = run(id, today);
            chasers += result.chasersQueued();
            escalated += result.escalated();
        }
        return new RunResult(chasers, escalated);
    }

    /** What is due for one round on the day; running it again the same day does nothing more. */
    public RunResult run(long roundId, LocalDate today) {
        AuditRound round = QuarkusTransaction.joiningExisting().call(() -> rounds.get(roundId));
        if (round.status != RoundStatus.SENT) {
            throw DomainException.conflict("The round has not been sent, so there is no one to chase");
        }
        ChaserSchedule schedule = QuarkusTransaction.joiningExisting().call(() -> scheduleOf(round));
        int queued = 0;
        var due = schedule.latestDue(today);
        if (due.isPresent()) {
            String key = due.get().key();
            List<Long> candidates = QuarkusTransaction.joiningExisting().call(() -> notYetChased(key,
                    roundQueries.owedReturnIds(roundId)));
            for (Long returnId : candidates) {
                if (once(() -> chase(returnId, key, false, null, today))) {
                    queued++;
                }
            }
        }
        int escalated = 0;
        if (!today.isBefore(schedule.escalationOn())) {
            List<Long> missing = QuarkusTransaction.joiningExisting().call(() -> roundQueries.owedReturnIds(roundId));
            for (Long returnId : missing) {
                if (once(() -> escalate(returnId))) {
                    escalated++;
                }
            }
        }
        return new RunResult(queued, escalated);
    }

    /** Chases one agency now, by hand, with replies to the manager. */
    public void chaseNow(long returnId, String managerEmail, LocalDate today) {
        visibleReturn(returnId);
        boolean sent = QuarkusTransaction.requiringNew().call(
                () -> chase(returnId, "manual-" + clock.millis(), true, managerEmail, today));
        if (!sent) {
            throw DomainException.conflict("This agency cannot be chased: it has submitted, is exempt, escalated or cannot be contacted");
        }
    }

    /** Chases by hand every late agency (past the due date, not submitted, not exempt) of one sector. */
    public int chaseLateInSector(long roundId, String sectorCode, String managerEmail, LocalDate today) {
        AuditRound round = QuarkusTransaction.joiningExisting().call(() -> rounds.get(roundId));
        if (!today.isAfter(round.dueOn)) {
            throw DomainException.invalid("sector", "No agency is late yet: returns are due on " + Dates.LONG_DATE.format(round.dueOn));
        }
        List<Long> late = QuarkusTransaction.joiningExisting().call(
                () -> roundQueries.unsubmittedReturnIdsInSector(roundId, sectorCode));
        String key = "manual-" + clock.millis();
        int count = 0;
        for (Long id : late) {
            if (once(() -> chase(id, key, true, managerEmail, today))) {
                count++;
            }
        }
        return count;
    }

    /** The step's chasers go once: returns already chased for it (by this run or another replica's) are left out. */
    private List<Long> notYetChased(String key, List<Long> owed) {
        Set<Long> chased = chaserQueries.chasedFor(key, owed);
        return owed.stream().filter(id -> !chased.contains(id)).toList();
    }

    /** Runs one unit of work in its own transaction; false when another run got there first (the unique key). */
    private boolean once(java.util.concurrent.Callable<Boolean> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work);
        } catch (PersistenceException e) {
            LOG.debugf("Skipped: already done by another run (%s)", e.getMessage());
            return false;
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException e) {
            // A commit refused (duplicate key or deadlock between replicas): the next run picks it up if still due.
            LOG.infof("Skipped after a refused commit: %s", e.getMessage());
            return false;
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    boolean chase(long returnId, String key, boolean manual, String managerEmail, LocalDate today) {
        Return r = roundQueries.returnWithAgencyAndRound(returnId).orElse(null);
        if (r == null || r.isSubmitted() || r.exemptReason != null || r.invitedAt == null
                || (!manual && r.escalatedAt != null) || !RoundSending.contactable(r.agency.leadEmail)
                || Chaser.count("returnId = ?1 and stepKey = ?2", returnId, key) > 0) {
            return false;
        }
        AuditRound round = r.round;
        Map<String, Object> data = new HashMap<>();
        data.put("agency", r.agency);
        data.put("partnership", round.partnership);
        data.put("roundName", round.name);
        data.put("dueOn", Dates.LONG_DATE.format(round.dueOn));
        data.put("overdue", today.isAfter(round.dueOn));
        data.put("link", Outbox.LINK);
        String subject = (today.isAfter(round.dueOn) ? "Overdue: " : "Reminder: ")
                + "Section 11 safeguarding audit " + round.name + " for " + r.agency.name;
        String replyTo = manual && managerEmail != null ? managerEmail : round.partnership.contactEmail;
        OutboxMessage message = outbox.enqueue(new Outbox.Email("chaser", r.agency.leadEmail.trim(), replyTo, subject,
                render(chaserText, data), render(chaserHtml, data), r.id, round.partnership.id,
                links.issue(r, "chaser")));
        Chaser chaser = new Chaser();
        chaser.returnId = returnId;
        chaser.stepKey = key;
        chaser.manual = manual;
        chaser.template = manual ? "chaser-manual" : "chaser";
        chaser.recipient = message.to;
        chaser.outboxMessageId = message.id;
        chaser.sentBy = managerEmail;
        chaser.createdAt = clock.instant();
        chaser.persist();
        // Hit the unique key now, inside this transaction, rather than at commit.
        em.flush();
        return true;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    boolean escalate(long returnId) {
        Return r = roundQueries.returnWithAgencyAndRound(returnId).orElseThrow();
        if (r.isSubmitted() || r.exemptReason != null || r.escalatedAt != null) {
            return false;
        }
        Instant now = clock.instant();
        r.escalatedAt = now;
        Map<String, Object> data = new HashMap<>();
        data.put("agency", r.agency);
        data.put("partnership", r.round.partnership);
        data.put("roundName", r.round.name);
        data.put("dueOn", Dates.LONG_DATE.format(r.round.dueOn));
        data.put("chasers", Chaser.count("returnId", returnId));
        Escalation escalation = new Escalation();
        escalation.returnId = returnId;
        escalation.escalatedAt = now;
        escalation.letterText = render(letter, data);
        escalation.persist();
        em.flush();
        return true;
    }

    /** The return when the user may see it. */
    public Return visibleReturn(long returnId) {
        return roundQueries.findReturn(returnId).orElseThrow(() -> DomainException.notFound("There is no return " + returnId));
    }

    /** The manager edits the drafted letter and records the meeting with the senior manager and its outcome. */
    @Transactional
    public Escalation updateEscalation(long returnId, String letterText, LocalDate meetingOn, String outcome) {
        visibleReturn(returnId);
        Escalation escalation = Escalation.<Escalation>find("returnId", returnId).firstResultOptional()
                .orElseThrow(() -> DomainException.notFound("This return has not been escalated"));
        if (letterText == null || letterText.isBlank()) {
            throw DomainException.invalid("letterText", "Enter the text of the letter");
        }
        if (outcome != null && outcome.length() > 4000) {
            throw DomainException.invalid("outcome", "The outcome must be 4000 characters or fewer");
        }
        escalation.letterText = letterText;
        escalation.meetingOn = meetingOn;
        escalation.outcome = outcome == null || outcome.isBlank() ? null : outcome.trim();
        return escalation;
    }

    private static String render(Template template, Map<String, Object> data) {
        var instance = template.instance();
        data.forEach(instance::data);
        return instance.render();
    }
}

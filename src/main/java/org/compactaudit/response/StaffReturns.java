package org.compactaudit.response;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.compactaudit.common.Dates;
import org.compactaudit.common.DomainException;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnLinks;
import org.compactaudit.round.ReturnReopened;
import org.compactaudit.round.ReturnStatus;

/** The manager's view of one return and its actions on it: reopen, and a new link. */
@ApplicationScoped
public class StaffReturns {

    @Inject
    EntityManager em;

    @Inject
    ReturnLinks links;

    @Inject
    ReturnDocuments documents;

    @Inject
    ReturnService returns;

    @Inject
    Event<ReturnReopened> reopenedEvent;

    @Transactional
    public ReturnView view(long returnId) {
        return returns.view(returns.find(returnId));
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
        Return r = returns.find(returnId);
        em.refresh(r, LockModeType.PESSIMISTIC_WRITE);
        if (!r.isSubmitted()) {
            throw DomainException.conflict("Only a submitted return can be reopened");
        }
        if (returns.isClosed(r.round)) {
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
        returns.event(r, "reopened", reason.trim() + " (was submitted " + Dates.dateTime(r.submittedAt) + " by " + previous + ")", actor);
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
     * Manager: a new link emailed to the agency's lead. Resending adds a link alongside the earlier ones; replacing
     * ({@code replace}) revokes every earlier link first, for a link that reached the wrong person.
     */
    @Transactional
    public void sendNewLink(long returnId, boolean replace, String eventKind, String actor) {
        Return r = returns.find(returnId);
        if (r.agency.leadEmail == null || r.agency.leadEmail.isBlank()) {
            throw DomainException.conflict("The agency has no lead email address to send the link to");
        }
        String url = replace ? links.replaceAll(r) : links.issue(r, "resent");
        returns.event(r, eventKind, "Sent to " + r.agency.leadEmail, actor);
        documents.sendLink(r, r.agency.leadEmail.trim(), url, replace ? ReturnDocuments.LinkEmail.REPLACED
                : ReturnDocuments.LinkEmail.RESENT);
    }
}

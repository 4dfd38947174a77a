package org.compactaudit.round;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

import org.compactaudit.common.Dates;
import org.compactaudit.common.DomainException;
import org.compactaudit.common.EmailAddress;
import org.compactaudit.mail.Outbox;
import org.compactaudit.partnership.Partnership;

/** Sending a round: the confirmation that names who cannot be contacted, and the invitations through the outbox. */
@ApplicationScoped
public class RoundSending {

    @Inject
    RoundsConfig config;

    public record SendResult(int invited, int cannotBeContacted) {
    }

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    RoundQueries queries;

    @Inject
    ReturnLinks links;

    @Inject
    Outbox outbox;

    @Location("mail/invitation.txt")
    Template invitationText;

    @Location("mail/invitation.html")
    Template invitationHtml;

    /** An agency can be invited or chased when its lead email is a valid address. */
    public static boolean contactable(String email) {
        return email != null && EmailAddress.isValid(email.trim());
    }

    /**
     * Sends the round (a long transaction for a big cohort, hence the longer timeout): one invitation per contactable agency, queued in the outbox in this transaction together
     * with each return's invitedAt and the round's SENT status, so either all are queued or none. Agencies
     * without a valid lead email are left uninvited and show as "cannot be contacted".
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public SendResult send(long roundId) {
        AuditRound round = queries.round(roundId);
        if (round.status != RoundStatus.DRAFT) {
            throw DomainException.conflict("The round " + round.name + " has already been sent");
        }
        List<Long> ids = queries.returnIds(roundId);
        if (ids.isEmpty()) {
            throw DomainException.invalid("cohort", "The cohort is empty: add agencies before sending");
        }
        Partnership partnership = round.partnership;
        Map<String, Object> common = new HashMap<>();
        common.put("partnership", partnership);
        common.put("roundName", round.name);
        common.put("dueOn", Dates.LONG_DATE.format(round.dueOn));
        String replyTo = partnership.contactEmail;
        String subject = "Section 11 safeguarding audit " + round.name + ": please return it by " + Dates.LONG_DATE.format(round.dueOn);
        Instant now = clock.instant();
        int invited = 0;
        int uncontactable = 0;
        for (int from = 0; from < ids.size(); from += config.batchSize()) {
            List<Return> batch = queries.returnsWithAgencyAndTool(ids.subList(from, Math.min(ids.size(), from + config.batchSize())));
            List<Outbox.Email> emails = new ArrayList<>();
            for (Return r : batch) {
                if (!contactable(r.agency.leadEmail)) {
                    uncontactable++;
                    continue;
                }
                Map<String, Object> data = new HashMap<>(common);
                data.put("agency", r.agency);
                data.put("toolTitle", r.toolVersion.title);
                data.put("link", Outbox.LINK);
                emails.add(new Outbox.Email("invitation", r.agency.leadEmail.trim(), replyTo, subject,
                        render(invitationText, data), render(invitationHtml, data), r.id, partnership.id,
                        links.issue(r, "invitation")));
                r.invitedAt = now;
                invited++;
            }
            outbox.enqueueAll(emails);
            em.flush();
            em.clear();
        }
        AuditRound sent = queries.round(roundId);
        sent.status = RoundStatus.SENT;
        sent.sentAt = now;
        return new SendResult(invited, uncontactable);
    }

    private static String render(Template template, Map<String, Object> data) {
        var instance = template.instance();
        data.forEach(instance::data);
        return instance.render();
    }
}

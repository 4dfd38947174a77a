package org.compactaudit.mail;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;

import org.compactaudit.common.DomainException;

/**
 * Delivers the outbox. A batch of due messages is claimed in its own short transaction by a conditional UPDATE
 * (only rows nobody holds), so two replicas never take the same row; each message is then sent outside any
 * transaction and its outcome written back. Failures retry with exponential back-off, then stay FAILED with
 * the SMTP error until the manager retries them. A message's secret link is put into its bodies only here, and
 * forgotten once it is sent.
 */
@ApplicationScoped
public class OutboxDelivery {

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);

    @Inject
    OutboxConfig config;

    public record DrainResult(int sent, int failed) {
    }

    /** What delivery needs of a message, copied out of the persistence context so memory stays flat. */
    private record Envelope(long id, String to, String replyTo, String subject, String text, String html,
            String attachmentName, String attachmentType, byte[] attachment, int attempts) {
    }

    @Inject
    Mailer mailer;

    @Inject
    OutboxQueries queries;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    private final String instance = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);

    /** Delivers everything due now. */
    public DrainResult drain() {
        return drain(clock.instant());
    }

    /** Delivers every message due at the instant, a batch at a time, until none is left. */
    public DrainResult drain(Instant now) {
        int sent = 0;
        int failed = 0;
        while (true) {
            Claim claim = claim(now);
            if (claim.candidates() == 0) {
                return new DrainResult(sent, failed);
            }
            for (Long id : claim.ids()) {
                if (deliver(id, now)) {
                    sent++;
                } else {
                    failed++;
                }
            }
        }
    }

    private record Claim(int candidates, List<Long> ids) {
    }

    private Claim claim(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Long> candidates = em.createQuery("select m.id from OutboxMessage m where m.status = :pending"
                    + " and m.nextAttemptAt <= :now and (m.claimedUntil is null or m.claimedUntil < :now) order by m.id", Long.class)
                    .setParameter("pending", OutboxStatus.PENDING).setParameter("now", now)
                    .setMaxResults(config.batchSize()).getResultList();
            if (candidates.isEmpty()) {
                return new Claim(0, List.of());
            }
            String token = instance + "-" + UUID.randomUUID().toString().substring(0, 8);
            // The WHERE is re-checked under the row lock: a row another replica claimed meanwhile is not taken.
            em.createQuery("update OutboxMessage m set m.claimedBy = :token, m.claimedUntil = :until"
                    + " where m.id in :ids and m.status = :pending and (m.claimedUntil is null or m.claimedUntil < :now)")
                    .setParameter("token", token).setParameter("until", now.plus(config.claimFor())).setParameter("ids", candidates)
                    .setParameter("pending", OutboxStatus.PENDING).setParameter("now", now).executeUpdate();
            List<Long> mine = em.createQuery("select m.id from OutboxMessage m where m.claimedBy = :token order by m.id", Long.class)
                    .setParameter("token", token).getResultList();
            return new Claim(candidates.size(), mine);
        });
    }

    /**
     * SMTP servers close idle pooled connections and answer the next command with 421; a second attempt gets a
     * fresh connection, so it is made at once rather than after the back-off.
     */
    private void sendRetryingAClosedConnection(Mail mail) {
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            if (!describe(e).contains("421")) {
                throw e;
            }
            LOG.infof("SMTP connection was closed by the server (%s); sending again on a new one", describe(e));
            mailer.send(mail);
        }
    }

    private boolean deliver(long id, Instant now) {
        Envelope envelope = QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage m = em.find(OutboxMessage.class, id);
            return new Envelope(m.id, m.to, m.replyTo, m.subject, withLink(m.bodyText, m.linkUrl, false),
                    withLink(m.bodyHtml, m.linkUrl, true), m.attachmentName, m.attachmentType,
                    m.attachmentName == null ? null : m.attachment, m.attempts);
        });
        Mail mail = Mail.withText(envelope.to(), envelope.subject(), envelope.text());
        if (envelope.html() != null) {
            mail.setHtml(envelope.html());
        }
        if (envelope.replyTo() != null) {
            mail.setReplyTo(envelope.replyTo());
        }
        if (envelope.attachment() != null) {
            mail.addAttachment(envelope.attachmentName(), envelope.attachment(), envelope.attachmentType());
        }
        String error = null;
        try {
            sendRetryingAClosedConnection(mail);
        } catch (RuntimeException e) {
            error = describe(e);
            LOG.warnf("Outbox message %d to %s not delivered (attempt %d): %s", id, envelope.to(), envelope.attempts() + 1, error);
        }
        String failure = error;
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage m = em.find(OutboxMessage.class, id);
            m.attempts++;
            m.claimedBy = null;
            m.claimedUntil = null;
            if (failure == null) {
                m.status = OutboxStatus.SENT;
                m.linkUrl = null;
                m.sentAt = clock.instant().isAfter(now) ? clock.instant() : now;
                m.lastError = null;
            } else {
                m.lastError = failure.length() > 2000 ? failure.substring(0, 2000) : failure;
                if (m.attempts >= config.maxAttempts()) {
                    m.status = OutboxStatus.FAILED;
                } else {
                    m.nextAttemptAt = now.plus(backoff(m.attempts));
                }
            }
        });
        return failure == null;
    }

    /** The body as mailed: the link in place of its stand-in (the words alone when the link is gone). */
    static String withLink(String body, String linkUrl, boolean html) {
        if (body == null) {
            return null;
        }
        String link = linkUrl == null ? Outbox.LINK_SHOWN : linkUrl;
        return body.replace(Outbox.LINK, html ? link.replace("&", "&amp;").replace("\"", "&quot;")
                .replace("<", "&lt;").replace(">", "&gt;") : link);
    }

    /** 1, 5, 25, 125... times the first retry delay. */
    Duration backoff(int attempts) {
        return config.firstRetry().multipliedBy((long) Math.pow(5, Math.max(0, attempts - 1)));
    }

    /** A failed message goes back in the queue with a fresh set of attempts. */
    public void retry(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage m = queries.get(id);
            if (m.status != OutboxStatus.FAILED) {
                throw DomainException.conflict("Only a failed message can be retried");
            }
            m.status = OutboxStatus.PENDING;
            m.attempts = 0;
            m.nextAttemptAt = clock.instant();
        });
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 2000; t = t.getCause()) {
            if (b.length() > 0) {
                b.append(": ");
            }
            b.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
            if (t.getCause() == t) {
                break;
            }
        }
        return b.toString();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "replica";
        }
    }
}

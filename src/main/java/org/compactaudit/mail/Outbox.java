package org.compactaudit.mail;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.compactaudit.common.Jdbc;

/**
 * Queues an email in the caller's transaction: if the change that caused it rolls back, so does the email,
 * and once committed it cannot be lost. Delivery happens later, in the outbox job.
 */
@ApplicationScoped
public class Outbox {

    /**
     * Stands in a stored body for the secret link {@link Email#linkUrl}, which is put in at delivery and then
     * forgotten: no stored body holds a working link, and staff reading the outbox never see one.
     */
    public static final String LINK = "{{link-to-the-return}}";

    /** How the outbox pages and API show the link in a body. */
    public static final String LINK_SHOWN = "(link to the return)";

    /**
     * {@code partnershipId}: whose staff see the message in the outbox (null: an admin's, about no partnership);
     * {@code linkUrl}: what {@link #LINK} in the bodies stands for, kept only until the message is sent.
     */
    public record Email(String kind, String to, String replyTo, String subject, String bodyText, String bodyHtml,
            Long returnId, Long partnershipId, String linkUrl) {

        /** An email without a secret link. */
        public Email(String kind, String to, String replyTo, String subject, String bodyText, String bodyHtml,
                Long returnId, Long partnershipId) {
            this(kind, to, replyTo, subject, bodyText, bodyHtml, returnId, partnershipId, null);
        }
    }

    public record Attachment(String name, String contentType, byte[] data) {
    }

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    /**
     * Queues many emails at once (a round's invitations) in JDBC batches: the same rows as {@link #enqueue}, without
     * an entity each.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<Email> emails) {
        Instant now = clock.instant();
        Jdbc.work(em, c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into outbox_message (kind, to_address, reply_to, subject,"
                    + " body_text, body_html, return_id, partnership_id, link_url, status, attempts, next_attempt_at,"
                    + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)")) {
                for (Email email : emails) {
                    ps.setString(1, email.kind());
                    ps.setString(2, email.to());
                    ps.setString(3, email.replyTo());
                    ps.setString(4, email.subject());
                    ps.setString(5, email.bodyText());
                    ps.setString(6, email.bodyHtml());
                    bindId(ps, 7, email.returnId());
                    bindId(ps, 8, email.partnershipId());
                    ps.setString(9, email.linkUrl());
                    Jdbc.bind(em, ps, 10, now);
                    Jdbc.bind(em, ps, 11, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxMessage enqueue(Email email) {
        return enqueue(email, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxMessage enqueue(Email email, Attachment attachment) {
        OutboxMessage message = new OutboxMessage();
        message.kind = email.kind();
        message.to = email.to();
        message.replyTo = email.replyTo();
        message.subject = email.subject();
        message.bodyText = email.bodyText();
        message.bodyHtml = email.bodyHtml();
        message.returnId = email.returnId();
        message.partnershipId = email.partnershipId();
        message.linkUrl = email.linkUrl();
        if (attachment != null) {
            message.attachmentName = attachment.name();
            message.attachmentType = attachment.contentType();
            message.attachment = attachment.data();
        }
        message.createdAt = clock.instant();
        message.nextAttemptAt = message.createdAt;
        message.persist();
        return message;
    }

    private static void bindId(PreparedStatement ps, int index, Long id) throws SQLException {
        if (id == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, id);
        }
    }
}

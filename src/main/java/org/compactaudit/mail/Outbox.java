package org.compactaudit.mail;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Queues an email in the caller's transaction: if the change that caused it rolls back, so does the email,
 * and once committed it cannot be lost. Delivery happens later, in the outbox job.
 */
@ApplicationScoped
public class Outbox {

    public record Email(String kind, String to, String replyTo, String subject, String bodyText, String bodyHtml,
            Long returnId) {
    }

    public record Attachment(String name, String contentType, byte[] data) {
    }

    @Inject
    Clock clock;

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
}

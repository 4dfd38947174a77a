package org.compactaudit.mail;

import java.time.Instant;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.tool.ToolVersion;

/** An email written in the transaction that caused it and delivered afterwards by the outbox job. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends IdentifiedEntity {

    /** What the email is for: invitation, chaser, receipt, reopened, visit, escalation... */
    @Column(nullable = false, length = 30)
    public String kind;

    @Column(name = "to_address", nullable = false, length = 254)
    public String to;

    @Column(name = "reply_to", length = 254)
    public String replyTo;

    @Column(nullable = false, length = 300)
    public String subject;

    @Column(name = "body_text", nullable = false, length = ToolVersion.LONG_TEXT)
    public String bodyText;

    @Column(name = "body_html", length = ToolVersion.LONG_TEXT)
    public String bodyHtml;

    @Column(name = "attachment_name", length = 200)
    public String attachmentName;

    @Column(name = "attachment_type", length = 100)
    public String attachmentType;

    @Basic(fetch = FetchType.LAZY)
    @Column(name = "attachment", length = 16_777_215)
    public byte[] attachment;

    /** The return the email concerns, if any (id only: the outbox must not load returns to deliver mail). */
    @Column(name = "return_id")
    public Long returnId;

    /** The partnership whose staff see the message; null for one about no partnership. */
    @Column(name = "partnership_id")
    public Long partnershipId;

    /** What {@link Outbox#LINK} in the bodies stands for; null once the message is sent. */
    @Column(name = "link_url", length = 500)
    public String linkUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public OutboxStatus status = OutboxStatus.PENDING;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error", length = 2000)
    public String lastError;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "claimed_by", length = 100)
    public String claimedBy;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** The text as staff may read it: the secret link, sent or not, shows as {@link Outbox#LINK_SHOWN}. */
    public String shownText() {
        return bodyText.replace(Outbox.LINK, Outbox.LINK_SHOWN);
    }
}

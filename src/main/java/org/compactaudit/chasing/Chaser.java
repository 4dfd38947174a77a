package org.compactaudit.chasing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;

/**
 * One chaser sent to one return. The unique (return, step key) row is written in the transaction that queues
 * the email, so a scheduled chaser goes once however many times or on however many replicas the job runs.
 */
@Entity
@Table(name = "chaser")
public class Chaser extends IdentifiedEntity {

    @Column(name = "return_id", nullable = false)
    public Long returnId;

    /** "due-14", "due+1"... for scheduled chasers; "manual-" and the instant for chasers sent by hand. */
    @Column(name = "step_key", nullable = false, length = 60)
    public String stepKey;

    @Column(nullable = false)
    public boolean manual;

    @Column(nullable = false, length = 40)
    public String template;

    @Column(nullable = false, length = 254)
    public String recipient;

    @Column(name = "outbox_message_id")
    public Long outboxMessageId;

    @Column(name = "sent_by", length = 254)
    public String sentBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}

package org.compactaudit.response;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.round.Return;

/** A line in a return's history: invited, opened, saved, submitted, reopened, link replaced. */
@Entity
@Table(name = "return_event")
public class ReturnEvent extends IdentifiedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "return_id", nullable = false)
    public Return agencyReturn;

    @Column(nullable = false, length = 30)
    public String kind;

    @Column(length = 2000)
    public String detail;

    @Column(length = 254)
    public String actor;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}

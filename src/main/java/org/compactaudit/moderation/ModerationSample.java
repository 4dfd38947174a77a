package org.compactaudit.moderation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.round.AuditRound;

/** The policy and seed a round's moderation sample was drawn with, kept so the draw can be repeated. */
@Entity
@Table(name = "moderation_sample")
public class ModerationSample extends IdentifiedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "round_id", nullable = false)
    public AuditRound round;

    /** "fixed" or "percent". */
    @Column(nullable = false, length = 20)
    public String policy;

    /** The number drawn (for a percent policy, the size it came to). */
    @Column
    public Integer size;

    @Column(precision = 5, scale = 2)
    public BigDecimal percent;

    @Column(nullable = false)
    public int minimum;

    @Column(nullable = false)
    public long seed;

    @Column(name = "drawn_at", nullable = false)
    public Instant drawnAt;

    @Column(name = "drawn_by", nullable = false, length = 254)
    public String drawnBy;

    public static Optional<ModerationSample> forRound(long roundId) {
        return find("round.id", roundId).firstResultOptional();
    }
}

package org.compactaudit.round;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One link to a return, kept only as the SHA-256 (hex) of its token. A return has as many live links as were sent
 * (invitation, chasers, requests); a revoked one opens nothing but lets its page name the partnership.
 */
@Entity
@Table(name = "return_link")
public class ReturnLink extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash", length = 64)
    public String tokenHash;

    @Column(name = "return_id", nullable = false)
    public long returnId;

    /** What the link was sent in: invitation, chaser, resent, replaced, requested. */
    @Column(nullable = false, length = 20)
    public String purpose;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}

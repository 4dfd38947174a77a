package org.compactaudit.response;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The fingerprint of a replaced link: it opens nothing, but lets the "not valid" page name the partnership. */
@Entity
@Table(name = "revoked_link")
public class RevokedLink extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash", length = 64)
    public String tokenHash;

    @Column(name = "return_id", nullable = false)
    public long returnId;

    @Column(name = "revoked_at", nullable = false)
    public Instant revokedAt;
}

package org.compactaudit.round;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.compactaudit.agency.Agency;
import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.round.AuditRound;
import org.compactaudit.tool.ToolVersion;

/** One agency's self-assessment in one round. A round's cohort is its returns. */
@Entity
@Table(name = "audit_return")
public class Return extends IdentifiedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "round_id", nullable = false)
    public AuditRound round;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "agency_id", nullable = false)
    public Agency agency;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tool_version_id", nullable = false)
    public ToolVersion toolVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "cohort_reason", nullable = false, length = 30)
    public CohortReason cohortReason;

    @Column(name = "cohort_note", length = 1000)
    public String cohortNote;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public ReturnStatus status = ReturnStatus.NOT_STARTED;

    /** Set when the manager exempts the agency from this round. */
    @Column(name = "exempt_reason", length = 1000)
    public String exemptReason;

    @Column(name = "invited_at")
    public Instant invitedAt;

    @Column(name = "first_opened_at")
    public Instant firstOpenedAt;

    @Column(name = "last_saved_at")
    public Instant lastSavedAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(nullable = false)
    public boolean late;

    @Column(name = "submitted_by_name", length = 200)
    public String submittedByName;

    @Column(name = "submitted_by_role", length = 200)
    public String submittedByRole;

    @Column(name = "submitted_by_email", length = 254)
    public String submittedByEmail;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Version
    @Column(nullable = false)
    public int version;

    public boolean isSubmitted() {
        return status == ReturnStatus.SUBMITTED;
    }
}

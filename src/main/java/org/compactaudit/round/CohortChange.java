package org.compactaudit.round;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;

/** The manager adding an agency to a round's cohort or removing one, with the reason. */
@Entity
@Table(name = "cohort_change")
public class CohortChange extends IdentifiedEntity {

    public static final String ADDED = "ADDED";
    public static final String REMOVED = "REMOVED";

    @Column(name = "round_id", nullable = false)
    public Long roundId;

    @Column(name = "agency_id", nullable = false)
    public Long agencyId;

    @Column(name = "change_kind", nullable = false, length = 20)
    public String changeKind;

    @Column(nullable = false, length = 1000)
    public String reason;

    @Column(name = "changed_by", nullable = false, length = 254)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}

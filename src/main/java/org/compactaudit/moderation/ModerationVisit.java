package org.compactaudit.moderation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.security.StaffUser;
import org.compactaudit.tool.ToolVersion;

/** A visit to one sampled agency to test the evidence behind its self-assessed grades. */
@Entity
@Table(name = "moderation_visit")
public class ModerationVisit extends IdentifiedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "round_id", nullable = false)
    public AuditRound round;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "return_id", nullable = false)
    public Return agencyReturn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Selection selection;

    /** Why the agency was added, or why the one it replaces was replaced. */
    @Column(name = "selection_reason", length = 1000)
    public String selectionReason;

    /** Set on a sampled visit that was replaced: the replacement visit's id. */
    @Column(name = "replaced_by_id")
    public Long replacedById;

    @Column(name = "visit_date")
    public LocalDate date;

    @Column(length = 300)
    public String place;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public VisitStatus status = VisitStatus.PLANNED;

    @Column(name = "cancel_reason", length = 1000)
    public String cancelReason;

    @Column(length = ToolVersion.LONG_TEXT)
    public String summary;

    @Column(name = "completed_at")
    public Instant completedAt;

    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(name = "visit_attendee", joinColumns = @JoinColumn(name = "visit_id"),
            inverseJoinColumns = @JoinColumn(name = "user_id"))
    public Set<StaffUser> attendees = new LinkedHashSet<>();

    @Version
    @Column(nullable = false)
    public int version;

    public boolean isReplaced() {
        return replacedById != null;
    }

    /** Counts against the commitment: neither cancelled nor replaced. */
    public boolean isActive() {
        return status != VisitStatus.CANCELLED;
    }

    /**
     * True once the visit is more than the draw made it: planned with a date, done, cancelled, replaced, added by
     * hand or given moderated grades. Drawing the sample again would throw that work away.
     */
    public boolean isUnderway(boolean graded) {
        return date != null || status != VisitStatus.PLANNED || selection != Selection.SAMPLED || graded;
    }

    public boolean attendedBy(String email) {
        return attendees.stream().anyMatch(u -> u.email.equals(email));
    }

    public static List<ModerationVisit> forRound(long roundId) {
        return list("select v from ModerationVisit v join fetch v.agencyReturn r join fetch r.agency a "
                + "join fetch a.sector where v.round.id = ?1 order by a.sector.sortOrder, a.name, v.id", roundId);
    }
}

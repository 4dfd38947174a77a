package org.compactaudit.round;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.compactaudit.agency.CycleGroup;
import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.tool.ToolVersion;

/** One year's audit for one partnership: its dates, the tool version each sector receives, and its returns. */
@Entity
@Table(name = "audit_round")
public class AuditRound extends IdentifiedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "partnership_id", nullable = false)
    public Partnership partnership;

    @Column(nullable = false, length = 80)
    public String name;

    /** The cycle group due this year; null when the round is not tied to the two-year cycle. */
    @Enumerated(EnumType.STRING)
    @Column(name = "cycle_group", length = 1)
    public CycleGroup cycleGroup;

    @Column(name = "opens_on", nullable = false)
    public LocalDate opensOn;

    @Column(name = "due_on", nullable = false)
    public LocalDate dueOn;

    @Column(name = "closes_on", nullable = false)
    public LocalDate closesOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public RoundStatus status = RoundStatus.DRAFT;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** After the scheduled chasers, one more every this many days... */
    @Column(name = "chaser_repeat_days", nullable = false)
    public int chaserRepeatDays = 7;

    /** ...up to this many chasers in all; after the last one the return is escalated. */
    @Column(name = "chaser_max", nullable = false)
    public int chaserMax = 5;

    /** Sector code to the tool version that sector's agencies complete. */
    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(name = "round_tool", joinColumns = @JoinColumn(name = "round_id"),
            inverseJoinColumns = @JoinColumn(name = "tool_version_id"))
    @MapKeyColumn(name = "sector_code", length = 40)
    public Map<String, ToolVersion> tools = new LinkedHashMap<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    @Column(nullable = false)
    public int version;
}

package org.compactaudit.agency;

import java.time.Instant;
import java.util.LinkedHashSet;
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
import org.compactaudit.partnership.Partnership;

/** An organisation with the Section 11 duty that completes the self-assessment. */
@Entity
@Table(name = "agency")
public class Agency extends IdentifiedEntity {

    @Column(nullable = false, length = 200)
    public String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "sector_code", nullable = false)
    public Sector sector;

    @Column(name = "sub_type", length = 120)
    public String subType;

    @Enumerated(EnumType.STRING)
    @Column(name = "cycle_group", nullable = false, length = 1)
    public CycleGroup cycleGroup;

    @Column(name = "lead_name", length = 200)
    public String leadName;

    @Column(name = "lead_email", length = 254)
    public String leadEmail;

    @Column(name = "senior_name", length = 200)
    public String seniorName;

    @Column(name = "senior_email", length = 254)
    public String seniorEmail;

    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(name = "agency_partnership",
            joinColumns = @JoinColumn(name = "agency_id"),
            inverseJoinColumns = @JoinColumn(name = "partnership_id"))
    public Set<Partnership> partnerships = new LinkedHashSet<>();

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public int version;
}

package org.compactaudit.tool;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;

/** A question within a standard, graded by the agency, with model answers for each grade. */
@Entity
@Table(name = "question")
public class Question extends IdentifiedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "standard_id", nullable = false)
    public Standard standard;

    @Column(name = "question_key", nullable = false, length = 80)
    public String key;

    @Column(nullable = false, length = 4000)
    public String text;

    @Column(name = "na_allowed", nullable = false)
    public boolean naAllowed;

    @Column(nullable = false)
    public int position;

    @Column(name = "guidance_outstanding", nullable = false, length = 4000)
    public String guidanceOutstanding;

    @Column(name = "guidance_good", nullable = false, length = 4000)
    public String guidanceGood;

    @Column(name = "guidance_requires_improvement", nullable = false, length = 4000)
    public String guidanceRequiresImprovement;

    @Column(name = "guidance_inadequate", nullable = false, length = 4000)
    public String guidanceInadequate;

    /** Empty means the question applies to every sector of its tool version. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "question_sector", joinColumns = @JoinColumn(name = "question_id"))
    @Column(name = "sector_code", length = 40)
    public Set<String> sectors = new LinkedHashSet<>();

    public boolean appliesTo(String sectorCode) {
        return sectors.isEmpty() || sectors.contains(sectorCode);
    }
}

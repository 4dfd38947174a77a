package org.compactaudit.tool;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;

/** One of the tool version's standards; its key is stable across versions so years can be compared. */
@Entity
@Table(name = "standard")
public class Standard extends IdentifiedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tool_version_id", nullable = false)
    public ToolVersion toolVersion;

    @Column(name = "standard_key", nullable = false, length = 80)
    public String key;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(nullable = false, length = 4000)
    public String description;

    @Column(nullable = false)
    public int position;

    @OneToMany(mappedBy = "standard", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Question> questions = new ArrayList<>();
}

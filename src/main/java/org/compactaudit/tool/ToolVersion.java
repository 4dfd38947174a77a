package org.compactaudit.tool;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.partnership.Partnership;

/** A published version of an audit tool. Never changes once published: a change is a new version. */
@Entity
@Table(name = "tool_version")
public class ToolVersion extends IdentifiedEntity {

    /** LONGTEXT columns: H2 in MariaDB mode stores them as VARCHAR, MariaDB as LONGTEXT; both accept this length. */
    public static final int LONG_TEXT = 1_048_576;

    @Column(name = "tool_key", nullable = false, length = 80)
    public String toolKey;

    @Column(nullable = false, length = 40)
    public String version;

    @Column(nullable = false, length = 20)
    public String variant;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(length = 4000)
    public String description;

    /** SHA-256 of the parsed definition, so comments and layout in the file do not count as a change. */
    @Column(name = "content_hash", nullable = false, length = 64)
    public String contentHash;

    @Column(name = "source_name", nullable = false, length = 300)
    public String sourceName;

    @Column(name = "source_yaml", nullable = false, length = LONG_TEXT)
    public String sourceYaml;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "published_by", length = 254)
    public String publishedBy;

    /** The partnership that uploaded it, which alone may use it; null for the shipped tools and an admin's uploads. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "partnership_id")
    public Partnership partnership;

    /** Whether a round of the partnership may use it. */
    public boolean availableTo(long partnershipId) {
        return partnership == null || partnership.id == partnershipId;
    }

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "tool_version_sector", joinColumns = @JoinColumn(name = "tool_version_id"))
    @Column(name = "sector_code", length = 40)
    public Set<String> sectors = new LinkedHashSet<>();

    @OneToMany(mappedBy = "toolVersion", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Standard> standards = new ArrayList<>();

    /** The reference used in rounds and the API: "toolKey/version". */
    public String reference() {
        return toolKey + "/" + version;
    }

    public static Optional<ToolVersion> findByKey(String toolKey, String version) {
        return find("toolKey = ?1 and version = ?2", toolKey, version).firstResultOptional();
    }

}

package org.compactaudit.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.partnership.Partnership;

/** A member of the partnership's staff who signs in: manager, MESC reviewer, moderator or admin. */
@Entity
@Table(name = "staff_user")
public class StaffUser extends IdentifiedEntity {

    @Column(nullable = false, length = 254)
    public String email;

    @Column(name = "display_name", nullable = false, length = 200)
    public String displayName;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    /** Comma-separated role names from {@link Role}. */
    @Column(nullable = false, length = 100)
    public String roles;

    @Column(nullable = false)
    public boolean active = true;

    /** The partnerships the user works for; an installation-wide admin may have none. */
    @ManyToMany
    @JoinTable(name = "staff_partnership", joinColumns = @JoinColumn(name = "staff_user_id"),
            inverseJoinColumns = @JoinColumn(name = "partnership_id"))
    public Set<Partnership> partnerships = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "password_changed_at")
    public Instant passwordChangedAt;

    public Set<String> roleSet() {
        return Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public void setRoles(Set<String> roleNames) {
        roles = String.join(",", roleNames);
    }

    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public static Optional<StaffUser> findByEmail(String email) {
        return find("email", normaliseEmail(email)).firstResultOptional();
    }
}

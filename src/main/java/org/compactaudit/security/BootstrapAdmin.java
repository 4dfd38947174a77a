package org.compactaudit.security;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * On a start with no users at all, creates the first admin. No fixed default password ever exists:
 * the password comes from configuration, or is random and logged once.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    @Inject
    BootstrapConfig config;

    @Inject
    Clock clock;

    @Transactional
    void onStart(@Observes @Priority(30) StartupEvent event) {
        createFirstAdminIfNoUsers();
    }

    /** Returns the password that was set, or empty when users already existed. */
    @Transactional
    public Optional<String> createFirstAdminIfNoUsers() {
        return createFirstAdmin(StaffUser.count(), config.adminEmail(), config.adminPassword());
    }

    /**
     * The rule itself, given how many users exist and what is configured; separate so that tests can check it
     * without emptying a database other tests use.
     */
    @Transactional
    Optional<String> createFirstAdmin(long existingUsers, Optional<String> configuredEmail,
            Optional<String> configuredPassword) {
        if (existingUsers > 0) {
            return Optional.empty();
        }
        String address = StaffUser.normaliseEmail(configuredEmail.filter(e -> !e.isBlank()).orElse("admin@localhost"));
        String chosen = configuredPassword.filter(p -> !p.isBlank()).orElse(null);
        if (chosen != null && Passwords.problem(chosen) != null) {
            throw new IllegalStateException("compact.bootstrap.admin-password: " + Passwords.problem(chosen));
        }
        String actual = chosen != null ? chosen : Passwords.random();
        StaffUser admin = new StaffUser();
        admin.email = address;
        admin.displayName = "Administrator";
        admin.passwordHash = Passwords.hash(actual);
        admin.setRoles(Set.of(Role.ADMIN));
        admin.createdAt = clock.instant();
        admin.persist();
        if (chosen == null) {
            LOG.warnf("No users existed: created admin %s with the one-time password %s — sign in and change it now.",
                    address, actual);
        } else {
            LOG.infof("No users existed: created admin %s from compact.bootstrap.admin-email.", address);
        }
        return Optional.of(actual);
    }
}

package org.compactaudit.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;

/** Reads staff users for sign-in, outside any HTTP request's context. */
@ApplicationScoped
public class StaffDirectory {

    public record Credentials(String email, String displayName, String passwordHash, Set<String> roles, boolean active) {
    }

    @ActivateRequestContext
    @Transactional
    public Optional<Credentials> credentials(String email) {
        return StaffUser.findByEmail(email)
                .map(u -> new Credentials(u.email, u.displayName, u.passwordHash, u.roleSet(), u.active));
    }
}

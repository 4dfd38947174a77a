package org.compactaudit.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;

/** Reads staff users for sign-in, outside any HTTP request's context. */
@ApplicationScoped
public class StaffDirectory {

    /** {@code partnerships}: the codes of the partnerships the user works for, by id. */
    public record Credentials(String email, String displayName, String passwordHash, Set<String> roles, boolean active,
            Map<Long, String> partnerships) {
    }

    @ActivateRequestContext
    @Transactional
    public Optional<Credentials> credentials(String email) {
        return StaffUser.findByEmail(email)
                .map(u -> new Credentials(u.email, u.displayName, u.passwordHash, u.roleSet(), u.active,
                        u.partnerships.stream().collect(Collectors.toUnmodifiableMap(p -> p.id, p -> p.code))));
    }
}

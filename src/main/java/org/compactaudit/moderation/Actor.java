package org.compactaudit.moderation;

import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.security.Role;

/** Who is acting, as the moderation rules need it: the manager does everything, a moderator only their visits. */
public record Actor(String email, boolean manager, boolean moderator) {

    public static Actor of(SecurityIdentity identity) {
        return new Actor(identity.getPrincipal().getName(), identity.hasRole(Role.MANAGER), identity.hasRole(Role.MODERATOR));
    }
}

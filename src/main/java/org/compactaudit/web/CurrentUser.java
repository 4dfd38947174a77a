package org.compactaudit.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

import org.compactaudit.security.Role;

/** The signed-in staff user as pages see it ({inject:currentUser} in templates). */
@Named("currentUser")
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    @Inject
    RoutingContext routing;

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public String getEmail() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public String getName() {
        String name = identity.getAttribute("displayName");
        return name != null ? name : getEmail();
    }

    public boolean isManager() {
        return identity.hasRole(Role.MANAGER);
    }

    public boolean isMesc() {
        return identity.hasRole(Role.MESC);
    }

    public boolean isModerator() {
        return identity.hasRole(Role.MODERATOR);
    }

    public boolean isAdmin() {
        return identity.hasRole(Role.ADMIN);
    }

    /**
     * False on error pages for requests refused before the CSRF filter ran (e.g. a 403 from @RolesAllowed):
     * there is no token to put in a form, so the layout leaves out its sign-out form.
     */
    public boolean isCsrfReady() {
        return routing.get("csrf_token") != null;
    }
}

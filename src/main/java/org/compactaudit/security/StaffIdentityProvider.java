package org.compactaudit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks a staff user's email and password (form login and API Basic auth alike); disabled users cannot sign in.
 * A check that succeeded is kept for a minute ({@link CredentialCache}), so bcrypt runs once per client, not per request.
 */
@ApplicationScoped
public class StaffIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    StaffDirectory directory;

    @Inject
    CredentialCache cache;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String password = new String(request.getPassword().getPassword());
        SecurityIdentity cached = cache.get(request.getUsername(), password).orElse(null);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return context.runBlocking(() -> {
            long generation = cache.generation();
            StaffDirectory.Credentials user = directory.credentials(request.getUsername())
                    .filter(u -> u.active() && Passwords.matches(password, u.passwordHash()))
                    .orElseThrow(() -> new AuthenticationFailedException("Email or password not recognised"));
            SecurityIdentity identity = identity(user);
            cache.put(request.getUsername(), password, user.email(), identity, generation);
            return identity;
        });
    }

    static SecurityIdentity identity(StaffDirectory.Credentials user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.email()))
                .addRoles(user.roles())
                .addAttribute("displayName", user.displayName())
                .build();
    }
}

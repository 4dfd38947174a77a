package org.compactaudit.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * Checks a staff user's email and password (form login and API Basic auth alike); disabled users cannot sign in.
 * A check that succeeded is kept for a minute ({@link CredentialCache}), so bcrypt runs once per client, not per request.
 */
@ApplicationScoped
public class StaffIdentityProvider extends StaffAuthentication<UsernamePasswordAuthenticationRequest> {

    @Inject
    CredentialCache cache;

    StaffIdentityProvider() {
        super(UsernamePasswordAuthenticationRequest.class, UsernamePasswordAuthenticationRequest::getUsername,
                (request, user) -> Passwords.matches(new String(request.getPassword().getPassword()), user.passwordHash()),
                "Email or password not recognised");
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String password = new String(request.getPassword().getPassword());
        Optional<SecurityIdentity> cached = cache.get(request.getUsername(), password);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        // Taken before the directory is read: a change made meanwhile makes this result too old to keep.
        long generation = cache.generation();
        return super.authenticate(request, context).invoke(identity -> cache.put(request.getUsername(), password,
                identity.getPrincipal().getName(), identity, generation));
    }
}

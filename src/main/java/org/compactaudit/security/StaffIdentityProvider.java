package org.compactaudit.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
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

    /** A hash to check against when the email is nobody's, so its answer takes as long as a wrong password's. */
    private static final String NOBODY = Passwords.hash(Passwords.random());

    @Inject
    CredentialCache cache;

    @Inject
    SignInThrottle throttle;

    StaffIdentityProvider() {
        super(UsernamePasswordAuthenticationRequest.class, UsernamePasswordAuthenticationRequest::getUsername,
                (request, user) -> Passwords.matches(new String(request.getPassword().getPassword()), user.passwordHash()),
                "Email or password not recognised");
    }

    @Override
    void unknownUser(UsernamePasswordAuthenticationRequest request) {
        Passwords.matches(new String(request.getPassword().getPassword()), NOBODY);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String password = new String(request.getPassword().getPassword());
        // Before the cache: once locked, not even a password someone used a minute ago is confirmed.
        if (throttle.locked(request.getUsername())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Too many wrong passwords; try again later"));
        }
        Optional<SecurityIdentity> cached = cache.get(request.getUsername(), password);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        // Taken before the directory is read: a change made meanwhile makes this result too old to keep.
        long generation = cache.generation();
        return super.authenticate(request, context).invoke(identity -> {
            throttle.succeeded(request.getUsername());
            cache.put(request.getUsername(), password, identity.getPrincipal().getName(), identity, generation);
        }).onFailure(AuthenticationFailedException.class).invoke(e -> throttle.failed(request.getUsername()));
    }
}

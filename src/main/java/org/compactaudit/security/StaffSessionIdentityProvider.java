package org.compactaudit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * Rebuilds the identity from the encrypted login cookie on each request, reading the user afresh so a
 * disabled account or a changed role takes effect at once rather than when the cookie expires.
 */
@ApplicationScoped
public class StaffSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Inject
    StaffDirectory directory;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> directory.credentials(request.getPrincipal())
                .filter(StaffDirectory.Credentials::active)
                .map(StaffIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("Account no longer active")));
    }
}

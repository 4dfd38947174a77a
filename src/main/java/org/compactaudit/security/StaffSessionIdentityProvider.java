package org.compactaudit.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.request.TrustedAuthenticationRequest;

/**
 * Rebuilds the identity from the encrypted login cookie on each request, reading the user afresh so a
 * disabled account or a changed role takes effect at once rather than when the cookie expires.
 */
@ApplicationScoped
public class StaffSessionIdentityProvider extends StaffAuthentication<TrustedAuthenticationRequest> {

    // The cookie was sealed by this service at sign-in: being active is all that is left to check.
    StaffSessionIdentityProvider() {
        super(TrustedAuthenticationRequest.class, TrustedAuthenticationRequest::getPrincipal, (request, user) -> true,
                "Account no longer active");
    }
}

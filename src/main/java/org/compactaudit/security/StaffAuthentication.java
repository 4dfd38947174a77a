package org.compactaudit.security;

import java.util.function.BiPredicate;
import java.util.function.Function;

import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Signs in a staff user read afresh from the directory, so a disabled account or a changed role counts at once.
 * The providers differ only in how the request names the user, what else it must prove, and the refusal.
 */
abstract class StaffAuthentication<R extends AuthenticationRequest> implements IdentityProvider<R> {

    @Inject
    StaffDirectory directory;

    private final Class<R> requestType;
    private final Function<R, String> email;
    private final BiPredicate<R, StaffDirectory.Credentials> proves;
    private final String refusal;

    StaffAuthentication(Class<R> requestType, Function<R, String> email, BiPredicate<R, StaffDirectory.Credentials> proves,
            String refusal) {
        this.requestType = requestType;
        this.email = email;
        this.proves = proves;
        this.refusal = refusal;
    }

    @Override
    public Class<R> getRequestType() {
        return requestType;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(R request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            var user = directory.credentials(email.apply(request));
            if (user.isEmpty()) {
                unknownUser(request);
            }
            return user.filter(u -> u.active() && proves.test(request, u))
                    .map(StaffAuthentication::identity)
                    .orElseThrow(() -> new AuthenticationFailedException(refusal));
        });
    }

    /** What a request for an email nobody has costs; nothing unless the provider checks a secret. */
    void unknownUser(R request) {
    }

    private static SecurityIdentity identity(StaffDirectory.Credentials user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.email()))
                .addRoles(user.roles())
                .addAttribute("displayName", user.displayName())
                .addAttribute(PartnershipScope.ATTRIBUTE, user.partnerships())
                .build();
    }
}

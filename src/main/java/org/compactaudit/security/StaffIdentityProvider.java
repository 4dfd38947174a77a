package org.compactaudit.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;

/** Checks a staff user's email and password (form login and API Basic auth alike); disabled users cannot sign in. */
@ApplicationScoped
public class StaffIdentityProvider extends StaffAuthentication<UsernamePasswordAuthenticationRequest> {

    StaffIdentityProvider() {
        super(UsernamePasswordAuthenticationRequest.class, UsernamePasswordAuthenticationRequest::getUsername,
                (request, user) -> Passwords.matches(new String(request.getPassword().getPassword()), user.passwordHash()),
                "Email or password not recognised");
    }
}

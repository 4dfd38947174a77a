package org.compactaudit.security;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.StaffUsers.UserView;
import org.compactaudit.web.FormErrors;

/** Every signed-in user's own account: who they are and a change of password. */
@Path("/account")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AccountResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(UserView user, FormErrors errors, boolean changed);
    }

    @Inject
    StaffUsers users;

    @Inject
    SecurityIdentity identity;

    @GET
    public TemplateInstance account(@RestQuery boolean changed) {
        return Templates.account(users.view(identity.getPrincipal().getName()), FormErrors.none(), changed);
    }

    @POST
    @Path("password")
    public Response changePassword(@RestForm String currentPassword, @RestForm String newPassword,
            @RestForm String confirmPassword) {
        String email = identity.getPrincipal().getName();
        try {
            users.changePassword(email, currentPassword, newPassword, confirmPassword);
            return Response.seeOther(URI.create("/account?changed=true")).build();
        } catch (DomainException e) {
            return Response.status(400)
                    .entity(Templates.account(users.view(email), UserResource.errors(e), false)).build();
        }
    }
}

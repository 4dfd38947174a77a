package org.compactaudit.security;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

import org.compactaudit.common.DomainException;
import org.compactaudit.web.Option;

/**
 * The header's choice of partnership for a user who works for several ({inject:partnershipPicker} in the layout):
 * one partnership, or all of theirs combined. Remembered in a cookie for the session; a code the user does not work
 * for is refused, and the scope ignores it anyway.
 */
@Named("partnershipPicker")
@RequestScoped
@Path("/partnership")
public class PartnershipPicker {

    @Inject
    PartnershipScope scope;

    /** Shown only to a user with more than one partnership. */
    @Transactional
    public List<Option> getChoices() {
        List<Option> mine = scope.memberships().stream().map(p -> new Option(p.code, p.name)).toList();
        return mine.size() > 1 ? mine : List.of();
    }

    public String getPicked() {
        return scope.picked().orElse("");
    }

    @POST
    @RolesAllowed({ Role.MANAGER, Role.MESC, Role.MODERATOR })
    @Transactional
    public Response pick(@RestForm String partnership, @RestHeader("Referer") String referer) {
        String code = partnership == null ? "" : partnership.strip();
        if (!code.isEmpty() && scope.memberships().stream().noneMatch(p -> p.code.equals(code))) {
            throw DomainException.notFound("You do not work for a partnership " + code);
        }
        NewCookie cookie = new NewCookie.Builder(PartnershipScope.COOKIE).value(code).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(code.isEmpty() ? 0 : -1).build();
        return Response.seeOther(URI.create(back(referer))).cookie(cookie).build();
    }

    /** Back to the page the choice was made on, when it is one of ours; pages of one record may now be out of view. */
    private static String back(String referer) {
        if (referer == null) {
            return "/";
        }
        URI uri = URI.create(referer);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return path.matches("/(rounds|agencies|reports|outbox|moderation|tools)?") ? path : "/";
    }
}

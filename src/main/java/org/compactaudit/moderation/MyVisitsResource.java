package org.compactaudit.moderation;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.round.AuditRound;
import org.compactaudit.security.Role;

/** The Moderation start page: a moderator's own visits, and for the manager each round's moderation. */
@Path("/moderation")
@Produces(MediaType.TEXT_HTML)
public class MyVisitsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mine(List<Views.Visit> visits, List<AuditRound> rounds, boolean manager);
    }

    @Inject
    ModerationViews views;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Role.MANAGER, Role.MODERATOR })
    public TemplateInstance mine() {
        boolean manager = identity.hasRole(Role.MANAGER);
        List<Views.Visit> visits = views.visitsAttendedBy(identity.getPrincipal().getName());
        List<AuditRound> rounds = manager ? views.rounds() : List.of();
        return Templates.mine(visits, rounds, manager);
    }
}

package org.compactaudit.response;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.Role;
import org.compactaudit.web.FormErrors;

/** Staff view of any return with its history; the manager can reopen it and send a new link. */
@Path("/returns/{id}")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ReturnStaffResource {

    /** What the manager asked for on the link page: both email a new link; replacing revokes the earlier ones. */
    public enum LinkAction {
        REPLACE("link-replaced", "Replace the link", "Every earlier link was revoked and a new one emailed"),
        RESEND("link-resent", "Resend the link", "A new link was emailed; earlier links still work");

        public final String eventKind;
        public final String title;
        public final String done;

        LinkAction(String eventKind, String title, String done) {
            this.eventKind = eventKind;
            this.title = title;
            this.done = done;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance view(ReturnView view, List<ReturnEvent> history, String done);

        static native TemplateInstance reopen(ReturnView view, String reason, FormErrors errors);

        static native TemplateInstance link(ReturnView view, LinkAction action);
    }

    @Inject
    StaffReturns service;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    public TemplateInstance view(@PathParam("id") long id, @QueryParam("done") String done) {
        String message = done == null ? null : switch (done) {
            case "reopened" -> "The return was reopened and the agency emailed";
            case "replace" -> LinkAction.REPLACE.done;
            case "resend" -> LinkAction.RESEND.done;
            default -> null;
        };
        return Templates.view(service.view(id), service.history(id), message);
    }

    @GET
    @Path("pdf")
    @Produces("application/pdf")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    public Response pdf(@PathParam("id") long id) {
        return RespondentPages.pdfResponse(service.pdf(id), ReturnDocuments.fileName(service.view(id).ret()));
    }

    @GET
    @Path("reopen")
    @RolesAllowed(Role.MANAGER)
    public TemplateInstance confirmReopen(@PathParam("id") long id) {
        return Templates.reopen(service.view(id), "", FormErrors.none());
    }

    @POST
    @Path("reopen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.MANAGER)
    public Response reopen(@PathParam("id") long id, @FormParam("reason") String reason) {
        try {
            service.reopen(id, reason, identity.getPrincipal().getName());
        } catch (DomainException e) {
            if (!(e instanceof DomainException.Invalid)) {
                throw e;
            }
            FormErrors errors = FormErrors.none();
            e.fields().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(Templates.reopen(service.view(id), reason, errors)).build();
        }
        return Response.seeOther(URI.create("/returns/" + id + "?done=reopened")).build();
    }

    @GET
    @Path("link/{action}")
    @RolesAllowed(Role.MANAGER)
    public TemplateInstance confirmLink(@PathParam("id") long id, @PathParam("action") String action) {
        return Templates.link(service.view(id), linkAction(action));
    }

    @POST
    @Path("link/{action}")
    @RolesAllowed(Role.MANAGER)
    public Response sendLink(@PathParam("id") long id, @PathParam("action") String action) {
        LinkAction a = linkAction(action);
        service.sendNewLink(id, a == LinkAction.REPLACE, a.eventKind, identity.getPrincipal().getName());
        return Response.seeOther(URI.create("/returns/" + id + "?done=" + action)).build();
    }

    private static LinkAction linkAction(String action) {
        return switch (action) {
            case "replace" -> LinkAction.REPLACE;
            case "resend" -> LinkAction.RESEND;
            default -> throw DomainException.notFound("Page not found");
        };
    }
}

package org.compactaudit.response;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

import org.compactaudit.common.DomainException;
import org.compactaudit.web.FormErrors;

/** "Get a new link": /respond without a token asks for an email address and answers alike whatever was typed. */
@Path("/respond")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class NewLinkPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ask(String email, FormErrors errors);

        static native TemplateInstance asked();
    }

    @Inject
    LinkRequests requests;

    @GET
    public TemplateInstance ask() {
        return Templates.ask("", FormErrors.none());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response request(@FormParam("email") String email, HttpServerRequest request) {
        try {
            LinkRequests.validate(email);
        } catch (DomainException.Invalid e) {
            FormErrors errors = FormErrors.none();
            e.fields().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(Templates.ask(email == null ? "" : email, errors)).build();
        }
        requests.request(email, RespondentErrors.client(request));
        return Response.ok(Templates.asked()).build();
    }
}

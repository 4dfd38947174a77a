package org.compactaudit.partnership;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import org.compactaudit.common.DomainException;
import org.compactaudit.partnership.Partnerships.PartnershipData;
import org.compactaudit.security.Role;
import org.compactaudit.web.FormErrors;
import org.compactaudit.web.Page;

/** The admin's pages for partnerships: list, add, change contact details. */
@Path("/partnerships")
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class PartnershipResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page<PartnershipData> partnerships, String banner);

        static native TemplateInstance form(PartnershipData form, FormErrors errors);
    }

    @Inject
    Partnerships partnerships;

    @GET
    public TemplateInstance list(@RestQuery Integer page, @RestQuery boolean saved) {
        return Templates.list(partnerships.list(page == null ? 1 : page, 25), saved ? "Partnership saved" : null);
    }

    @GET
    @Path("new")
    public TemplateInstance newPartnership() {
        return Templates.form(PartnershipData.empty(), FormErrors.none());
    }

    @GET
    @Path("{id}/edit")
    public TemplateInstance edit(@RestPath long id) {
        return Templates.form(partnerships.get(id), FormErrors.none());
    }

    @POST
    public Response create(@RestForm String code, @RestForm String name, @RestForm String contactName,
            @RestForm String contactEmail, @RestForm String contactPhone) {
        return save(new PartnershipData(null, code, name, contactName, contactEmail, contactPhone));
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath long id, @RestForm String code, @RestForm String name,
            @RestForm String contactName, @RestForm String contactEmail, @RestForm String contactPhone) {
        return save(new PartnershipData(id, code, name, contactName, contactEmail, contactPhone));
    }

    private Response save(PartnershipData form) {
        try {
            if (form.id() == null) {
                partnerships.create(form);
            } else {
                partnerships.update(form.id(), form);
            }
            return Response.seeOther(URI.create("/partnerships?saved=true")).build();
        } catch (DomainException e) {
            if (e.fields().isEmpty()) {
                throw e;
            }
            FormErrors errors = FormErrors.none();
            e.fields().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(Templates.form(form, errors)).build();
        }
    }
}

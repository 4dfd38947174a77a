package org.compactaudit.agency;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.Role;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.web.ErrorMappers;
import org.compactaudit.web.FormErrors;
import org.compactaudit.web.Option;

/** The agency directory pages: list, view, create, edit, deactivate, delete (without history), import, export. */
@Path("/agencies")
@Produces(MediaType.TEXT_HTML)
// Changing agencies is for managers and admins; the pages that only read say so, as the MESC reads them too.
@RolesAllowed(Role.MANAGER)
public class AgencyResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(AgencyListView view, String deleted);

        static native TemplateInstance view(Agency agency, List<Partnership> partnerships, List<AgencyReturns.Item> returns,
                boolean canDelete, String saved);

        static native TemplateInstance form(Long id, AgencyForm form, FormErrors errors, List<Option> sectors,
                List<Option> partnerships, boolean conflict);

        static native TemplateInstance confirmDeactivate(Agency agency);

        static native TemplateInstance confirmDelete(Agency agency);

        static native TemplateInstance importForm(FormErrors errors, ImportSummary summary, List<Option> sectors,
                String example);
    }

    @Inject
    AgencyService agencies;

    @Inject
    AgencyImporter importer;

    @Inject
    AgencyReturns returns;

    @GET
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    public TemplateInstance list(@QueryParam("q") String q, @QueryParam("sector") String sector,
            @QueryParam("cycleGroup") String cycleGroup, @QueryParam("partnership") String partnership,
            @QueryParam("status") @DefaultValue("active") String status, @QueryParam("sort") String sort,
            @QueryParam("page") @DefaultValue("1") int page, @QueryParam("deleted") String deleted) {
        AgencyCriteria criteria = criteria(q, sector, cycleGroup, partnership, status, sort, page);
        return Templates.list(new AgencyListView(agencies.search(criteria), criteria, normalStatus(status), sectorOptions(),
                partnershipOptions()), deleted);
    }

    @GET
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Path("export.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("q") String q, @QueryParam("sector") String sector,
            @QueryParam("cycleGroup") String cycleGroup, @QueryParam("partnership") String partnership,
            @QueryParam("status") @DefaultValue("active") String status, @QueryParam("sort") String sort) {
        List<AgencyListView.Row> found = agencies.searchAll(criteria(q, sector, cycleGroup, partnership, status, sort, 1));
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            AgencyCsv.write(writer, found);
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"agencies.csv\"").build();
    }

    @GET
    @Path("new")
    public TemplateInstance newForm() {
        return form(null, AgencyForm.blank(), FormErrors.none(), false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam AgencyForm form) {
        try {
            Agency agency = agencies.create(form);
            return redirect("/agencies/" + agency.id + "?saved=created");
        } catch (DomainException e) {
            return rerender(null, form, e);
        }
    }

    @GET
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Path("{id}")
    public TemplateInstance view(@PathParam("id") long id, @QueryParam("saved") String saved) {
        Agency agency = agencies.get(id);
        return Templates.view(agency, agencies.partnershipsInScope(agency), returns.of(id), agencies.canDelete(id), saved);
    }

    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@PathParam("id") long id) {
        return form(id, formOf(agencies.get(id)), FormErrors.none(), false);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, @BeanParam AgencyForm form) {
        try {
            agencies.update(id, form);
            return redirect("/agencies/" + id + "?saved=updated");
        } catch (DomainException e) {
            return rerender(id, form, e);
        }
    }

    @GET
    @Path("{id}/deactivate")
    public TemplateInstance confirmDeactivate(@PathParam("id") long id) {
        return Templates.confirmDeactivate(agencies.get(id));
    }

    @POST
    @Path("{id}/deactivate")
    public Response deactivate(@PathParam("id") long id) {
        agencies.setActive(id, false);
        return redirect("/agencies/" + id + "?saved=deactivated");
    }

    @POST
    @Path("{id}/reactivate")
    public Response reactivate(@PathParam("id") long id) {
        agencies.setActive(id, true);
        return redirect("/agencies/" + id + "?saved=reactivated");
    }

    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@PathParam("id") long id) {
        Agency agency = agencies.get(id);
        if (!agencies.canDelete(id)) {
            throw DomainException.conflict(agency.name + " has returns in audit rounds, so it cannot be deleted. "
                    + "Deactivate it instead.");
        }
        return Templates.confirmDelete(agency);
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("id") long id) {
        String name = agencies.get(id).name;
        agencies.delete(id);
        return redirect("/agencies?deleted=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    @GET
    @Path("import")
    public TemplateInstance importForm(@QueryParam("created") Integer created, @QueryParam("updated") Integer updated,
            @QueryParam("unchanged") Integer unchanged) {
        ImportSummary summary = created == null ? null
                : new ImportSummary(created, updated == null ? 0 : updated, unchanged == null ? 0 : unchanged, List.of());
        return importPage(FormErrors.none(), summary);
    }

    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importCsv(@RestForm("file") FileUpload file) throws IOException {
        if (file == null || file.fileName() == null || file.fileName().isBlank()) {
            return Response.status(400).entity(importPage(
                    FormErrors.none().add("file", "Select a CSV file of agencies"), null)).build();
        }
        if (file.size() > AgencyImporter.MAX_BYTES) {
            return Response.status(400).entity(importPage(FormErrors.none().add("file",
                    "The file is larger than 5 MB. Split it into smaller files and import each."), null)).build();
        }
        try {
            ImportSummary summary = importer.importCsv(Files.readAllBytes(file.uploadedFile()));
            if (!summary.ok()) {
                return Response.status(422).entity(importPage(FormErrors.none(), summary)).build();
            }
            return redirect("/agencies/import?created=" + summary.created() + "&updated=" + summary.updated()
                    + "&unchanged=" + summary.unchanged());
        } catch (DomainException e) {
            return Response.status(ErrorMappers.status(e)).entity(importPage(FormErrors.none().add("file", e.getMessage()), null))
                    .build();
        }
    }

    private TemplateInstance importPage(FormErrors errors, ImportSummary summary) {
        return Templates.importForm(errors, summary, sectorOptions(), AgencyCsv.EXAMPLE);
    }

    private Response rerender(Long id, AgencyForm form, DomainException e) {
        if (e instanceof DomainException.Conflict && id != null) {
            // Show what the other person saved, so the manager re-applies their change to the latest details.
            FormErrors errors = FormErrors.none().add("name", e.getMessage());
            return Response.status(409).entity(form(id, formOf(agencies.get(id)), errors, true)).build();
        }
        if (!(e instanceof DomainException.Invalid)) {
            throw e;
        }
        FormErrors errors = FormErrors.none();
        e.fields().forEach(f -> errors.add(f.field(), f.message()));
        return Response.status(400).entity(form(id, form, errors, false)).build();
    }

    private TemplateInstance form(Long id, AgencyForm form, FormErrors errors, boolean conflict) {
        return Templates.form(id, form, errors, sectorOptions(), partnershipOptions(), conflict);
    }

    private AgencyCriteria criteria(String q, String sector, String cycleGroup, String partnership, String status,
            String sort, int page) {
        Boolean active = switch (normalStatus(status)) {
            case "inactive" -> false;
            case "all" -> null;
            default -> true;
        };
        // An unknown group in a hand-edited address shows everything rather than an error page.
        String group = CycleGroup.parse(cycleGroup).map(Enum::name).orElse(null);
        return new AgencyCriteria(q, sector, group, partnership, active, sort, page, AgencyCriteria.PAGE_SIZE);
    }

    private static String normalStatus(String status) {
        return "inactive".equals(status) || "all".equals(status) ? status : "active";
    }

    private List<Option> sectorOptions() {
        return agencies.sectors().stream().map(s -> new Option(s.code, s.name)).toList();
    }

    private List<Option> partnershipOptions() {
        return agencies.partnerships().stream().map(p -> new Option(p.code, p.name)).toList();
    }

    private static Response redirect(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    private AgencyForm formOf(Agency agency) {
        return AgencyForm.of(agency, agencies.partnershipsInScope(agency).stream().map(p -> p.code).toList());
    }
}

package org.compactaudit.tool;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.Role;
import org.compactaudit.web.Counts;
import org.compactaudit.web.FormErrors;
import org.compactaudit.web.Option;
import org.compactaudit.web.Page;

/** Staff pages: the list of tool versions, one version, the comparison of two, and publishing a file. */
@Path("/tools")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Role.MANAGER, Role.MESC, Role.ADMIN })
public class ToolResource {

    private static final int PAGE_SIZE = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page<ToolCatalogue.ToolRow> page);

        static native TemplateInstance view(ToolVersion tool, ToolDefinition definition, Map<String, String> sectorNames,
                String publishedOn, String outcome);

        static native TemplateInstance compare(List<Option> versions, String from, String to, ToolComparison comparison,
                FormErrors errors);

        static native TemplateInstance upload(FormErrors errors, String fileName, List<ToolProblem> problems,
                ToolComparison changes);
    }

    @Inject
    ToolCatalogue catalogue;

    @Inject
    ToolPublisher publisher;

    @Inject
    SecurityIdentity identity;

    @GET
    public TemplateInstance list(@QueryParam("page") @DefaultValue("1") int page) {
        return Templates.list(catalogue.page(page, PAGE_SIZE));
    }

    @GET
    @Path("{toolKey}/{version}")
    public TemplateInstance view(@PathParam("toolKey") String toolKey, @PathParam("version") String version,
            @QueryParam("outcome") String outcome) {
        ToolVersion tool = catalogue.find(toolKey, version);
        String shown = "published".equals(outcome) || "unchanged".equals(outcome) ? outcome : null;
        return Templates.view(tool, catalogue.definition(tool), catalogue.sectorNames(),
                ToolCatalogue.date(tool.publishedAt), shown);
    }

    /**
     * The compare form, and the comparison once both versions are chosen. Opened without both fields (from the
     * menu, or a version's "compare with another" link) it only asks; submitted, a missing or repeated version is
     * an error beside its field.
     */
    @GET
    @Path("compare")
    public Response compare(@QueryParam("from") String from, @QueryParam("to") String to, @Context UriInfo uri) {
        List<Option> versions = catalogue.list().stream()
                .map(t -> new Option(t.reference(), t.title() + " (" + t.reference() + ")")).toList();
        // An empty field comes as null like an absent one: only the query itself tells a submitted form.
        boolean submitted = uri.getQueryParameters().containsKey("from") && uri.getQueryParameters().containsKey("to");
        if (!submitted) {
            return Response.ok(Templates.compare(versions, from, to, null, FormErrors.none())).build();
        }
        FormErrors errors = FormErrors.none()
                .require(!blank(from), "from", "Choose the earlier version")
                .require(!blank(to), "to", "Choose the later version");
        if (errors.isEmpty() && from.trim().equals(to.trim())) {
            errors.add("to", "Choose a later version that is not the earlier one: both are " + to.trim());
        }
        if (errors.isEmpty()) {
            try {
                return Response.ok(Templates.compare(versions, from, to, catalogue.compare(from, to), errors)).build();
            } catch (DomainException e) {
                e.fields().forEach(f -> errors.add(f.field(), f.message()));
            }
        }
        return Response.status(400).entity(Templates.compare(versions, from, to, null, errors)).build();
    }

    @GET
    @Path("upload")
    @RolesAllowed({ Role.MANAGER, Role.ADMIN })
    public TemplateInstance uploadForm() {
        return Templates.upload(FormErrors.none(), null, List.of(), null);
    }

    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({ Role.MANAGER, Role.ADMIN })
    public Response upload(@RestForm("file") FileUpload file) {
        if (file == null || file.size() == 0) {
            return uploadError("Choose a tool file to upload", null, List.of(), null);
        }
        String name = file.fileName() == null || file.fileName().isBlank() ? "uploaded file" : file.fileName();
        String yaml;
        try {
            yaml = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file.uploadedFile())))
                    .toString();
        } catch (CharacterCodingException e) {
            return uploadError(name + " must be UTF-8 text", name, List.of(), null);
        } catch (IOException e) {
            return uploadError("The file could not be read; try again", name, List.of(), null);
        }
        ToolPublisher.Result result = publisher.publish(name, yaml, identity.getPrincipal().getName());
        return switch (result.outcome()) {
            case PUBLISHED, UNCHANGED -> Response.seeOther(URI.create("/tools/" + result.reference() + "?outcome="
                    + result.outcome().code())).build();
            case REFUSED -> result.changes() == null ? uploadError(result.message(), name, List.of(), null)
                    : uploadError(name + ": " + result.reference() + " is already published with different content. "
                            + "Published versions never change: give the changed tool a new version",
                    name, List.of(), result.changes());
            case INVALID -> result.problems().isEmpty() ? uploadError(result.message(), name, List.of(), null) : uploadError(name + " is not a valid audit tool file: it has "
                    + Counts.of(result.problems().size(), "problem", "problems") + ", listed below", name,
                    result.problems(), null);
        };
    }

    private static Response uploadError(String message, String fileName, List<ToolProblem> problems,
            ToolComparison changes) {
        FormErrors errors = FormErrors.none().add("file", message);
        return Response.status(changes == null ? 400 : 409)
                .entity(Templates.upload(errors, fileName, problems, changes)).build();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

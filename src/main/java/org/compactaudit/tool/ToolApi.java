package org.compactaudit.tool;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.common.ApiError;
import org.compactaudit.common.DomainException;
import org.compactaudit.security.Role;

/** Audit tool versions: list, read, compare and publish (a YAML tool file as the body). */
@Path("/api/v1/tools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit tools")
// Reading is for every staff role that sees tools; publishing says its own, narrower roles.
@RolesAllowed({ Role.MANAGER, Role.MESC, Role.ADMIN })
public class ToolApi {

    /** What happened to a posted file: outcome is "published" or "unchanged". */
    public record PublishResponse(String outcome, String toolKey, String version, String message) {
    }

    @Inject
    ToolCatalogue catalogue;

    @Inject
    ToolPublisher publisher;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "List published tool versions")
    public List<ToolCatalogue.ToolSummary> list() {
        return catalogue.list();
    }

    @GET
    @Path("compare")
    @Operation(summary = "Compare two tool versions given as toolKey/version: standards and questions added, removed, reworded")
    public ToolComparison compare(@QueryParam("from") String from, @QueryParam("to") String to) {
        return catalogue.compare(from, to);
    }

    @GET
    @Path("{toolKey}/{version}")
    @Operation(summary = "Read a tool version with its standards, questions and guidance")
    public ToolDefinition get(@PathParam("toolKey") String toolKey, @PathParam("version") String version) {
        return catalogue.definition(toolKey, version);
    }

    @POST
    @Consumes({ "application/yaml", "text/yaml", "application/x-yaml" })
    @RolesAllowed({ Role.MANAGER, Role.ADMIN })
    @Operation(summary = "Publish a tool file: 201 published, 200 unchanged, 409 a published version with different content, 400 malformed")
    public Response publish(String yaml, @QueryParam("filename") String filename) {
        String source = filename == null || filename.isBlank() ? "request body" : filename;
        ToolPublisher.Result result = publisher.publish(source, yaml == null ? "" : yaml, identity.getPrincipal().getName());
        PublishResponse body = new PublishResponse(result.outcome().code(), result.toolKey(), result.version(),
                result.message());
        return switch (result.outcome()) {
            case PUBLISHED -> Response.created(URI.create("/api/v1/tools/" + result.reference())).entity(body).build();
            case UNCHANGED -> Response.ok(body).build();
            case REFUSED -> throw DomainException.conflict(result.message(), result.changes() == null ? List.of()
                    : result.changes().changes().stream().map(c -> new ApiError.FieldError(changedField(c), c.summary())).toList());
            case INVALID -> throw result.problems().isEmpty() ? DomainException.invalid(result.message())
                    : DomainException.invalid(source + " is not a valid audit tool file",
                    result.problems().stream().map(p -> new ApiError.FieldError(p.field().isEmpty() ? "file" : p.field(),
                            (p.place().isEmpty() ? "" : p.place() + ": ") + p.message())).toList());
        };
    }

    /** The changed part of the tool, e.g. "standards.safe-recruitment.questions.temporary-agency-staff.text". */
    private static String changedField(ToolComparison.Change change) {
        StringBuilder field = new StringBuilder();
        if (change.standard() != null) {
            field.append("standards.").append(change.standard());
        }
        if (change.question() != null) {
            field.append(".questions.").append(change.question());
        }
        if (change.field() != null) {
            field.append(field.isEmpty() ? "" : ".").append(change.field());
        }
        return field.toString();
    }
}

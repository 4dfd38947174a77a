package org.compactaudit.agency;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.Role;
import org.compactaudit.web.Page;

/**
 * Sectors and the agency directory for scripts. Lists answer a JSON array with the total in
 * {@code X-Total-Count} and first/prev/next/last links in {@code Link}. Each agency carries its version as
 * an ETag; a PUT with {@code If-Match} is refused (409) when someone else changed the agency meanwhile.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AgencyApi {

    public record SectorJson(String code, String name) {
    }

    @Inject
    AgencyService agencies;

    @Inject
    AgencyImporter importer;

    @Context
    UriInfo uri;

    @GET
    @Path("sectors")
    @RolesAllowed({ Role.MANAGER, Role.MESC, Role.ADMIN })
    @Operation(summary = "List the sectors in display order")
    public List<SectorJson> sectors() {
        return agencies.sectors().stream().map(s -> new SectorJson(s.code, s.name)).toList();
    }

    @GET
    @Path("agencies")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Operation(summary = "Search agencies (q, sector, cycleGroup, partnership, active, sort=name|sector|group "
            + "with - for descending, page from 1, size up to 500); total in X-Total-Count, links in Link")
    public Response list(@QueryParam("q") String q, @QueryParam("sector") String sector,
            @QueryParam("cycleGroup") String cycleGroup, @QueryParam("partnership") String partnership,
            @QueryParam("active") Boolean active, @QueryParam("sort") String sort,
            @QueryParam("page") @DefaultValue("1") int page,
            @QueryParam("size") @DefaultValue("" + AgencyCriteria.PAGE_SIZE) int size) {
        Page<AgencyListView.Row> result = agencies.search(new AgencyCriteria(q, sector, cycleGroup, partnership, active,
                sort, page, size));
        List<AgencyJson> body = result.items().stream().map(r -> AgencyJson.of(r.agency(), r.partnerships())).toList();
        return Response.ok(body).header("X-Total-Count", result.total()).header("Link", links(result)).build();
    }

    @GET
    @Path("agencies/{id}")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Operation(summary = "One agency; its version is the ETag")
    public Response get(@PathParam("id") long id) {
        return withTag(Response.ok(), agencies.get(id));
    }

    @POST
    @Path("agencies")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "Create an agency; 201 with Location")
    public Response create(AgencyJson body) {
        Agency agency = agencies.create(required(body).toForm(null));
        return withTag(Response.created(URI.create("/api/v1/agencies/" + agency.id)), agency);
    }

    @PUT
    @Path("agencies/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "Replace an agency's details; send If-Match with the ETag to refuse a stale edit (409)")
    public Response update(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, AgencyJson body) {
        return withTag(Response.ok(), agencies.update(id, required(body).toForm(version(ifMatch))));
    }

    @POST
    @Path("agencies/import")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "Import agencies from CSV, all or nothing: 200 with the summary, or 422 with every bad "
            + "line and nothing imported")
    public Response importCsv(InputStream body) throws IOException {
        byte[] content = body.readNBytes(AgencyImporter.MAX_BYTES + 1);
        ImportSummary summary = importer.importCsv(content);
        return Response.status(summary.ok() ? 200 : 422).entity(summary).build();
    }

    private Response withTag(Response.ResponseBuilder builder, Agency agency) {
        AgencyJson json = AgencyJson.of(agency, agencies.partnershipsInScope(agency).stream().map(p -> p.code).toList());
        return builder.entity(json).tag(new EntityTag(Integer.toString(agency.version))).build();
    }

    private static AgencyJson required(AgencyJson body) {
        if (body == null) {
            throw DomainException.invalid("Send the agency as a JSON object");
        }
        return body;
    }

    private static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Integer.valueOf(tag);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("If-Match", "If-Match must be the agency's ETag, like \"3\"");
        }
    }

    private String links(Page<?> page) {
        List<String> links = new ArrayList<>();
        links.add(link(1, "first"));
        if (page.hasPrevious()) {
            links.add(link(page.number() - 1, "prev"));
        }
        if (page.hasNext()) {
            links.add(link(page.number() + 1, "next"));
        }
        links.add(link(page.getPages(), "last"));
        return String.join(", ", links);
    }

    private String link(int page, String rel) {
        return "<" + uri.getRequestUriBuilder().replaceQueryParam("page", page).build() + ">; rel=\"" + rel + "\"";
    }
}

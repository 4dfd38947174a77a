package org.compactaudit.partnership;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import org.compactaudit.partnership.Partnerships.PartnershipData;
import org.compactaudit.security.Role;

/** Partnerships for scripts: {id, code, name, contactName, contactEmail, contactPhone}. */
@Path("/api/v1/partnerships")
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnershipApi {

    @Inject
    Partnerships partnerships;

    @GET
    @Operation(summary = "All partnerships, by name")
    public List<PartnershipData> list() {
        return partnerships.all();
    }

    @POST
    @Operation(summary = "Add a partnership; 400 names the fields at fault")
    public Response create(PartnershipData body) {
        PartnershipData created = partnerships.create(body == null ? PartnershipData.empty() : body);
        return Response.created(URI.create("/api/v1/partnerships/" + created.id())).entity(created).build();
    }
}

package org.compactaudit.reporting;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.compactaudit.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/trends")
@RolesAllowed({Role.MANAGER, Role.MESC})
@Produces(MediaType.APPLICATION_JSON)
public class TrendApi {

    @Inject
    ReportService reports;

    @GET
    @Operation(summary = "One standard, by its stable key, across a partnership's rounds, with question changes between tool versions")
    public Trend trend(@QueryParam("partnership") String partnership, @QueryParam("standard") String standard) {
        return reports.trend(partnership, standard);
    }
}

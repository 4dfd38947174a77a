package org.compactaudit.reporting;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.compactaudit.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The MESC figures as JSON. */
@Path("/api/v1/rounds/{id}/report")
@RolesAllowed({Role.MANAGER, Role.MESC})
@Produces(MediaType.APPLICATION_JSON)
public class ReportApi {

    @Inject
    ReportService reports;

    @Inject
    QuestionsReports questions;

    @GET
    @Operation(summary = "A round's figures: per standard and sector counts by grade, Not applicable, totals; weakest standards; return figures")
    public RoundReport report(@PathParam("id") long id) {
        return reports.roundReport(id);
    }

    @GET
    @Path("questions")
    @Operation(summary = "Every question of the round: answers by grade, per sector and in all, Not applicable apart,"
            + " with the denominator (graded), read from the tallies")
    public QuestionsReport questions(@PathParam("id") long id) {
        return questions.questions(id);
    }

    @GET
    @Path("standards/{standardKey}")
    @Operation(summary = "Drill-down into one standard: its questions, Not applicable reasons by sector, agencies")
    public StandardReport standard(@PathParam("id") long id, @PathParam("standardKey") String standardKey,
            @QueryParam("page") @DefaultValue("1") int page) {
        return reports.standardReport(id, standardKey, page);
    }
}

package org.compactaudit.reporting;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.compactaudit.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The round's downloads. The path names the file exactly ({@code export.csv}, {@code .xlsx}, {@code .pdf}) so
 * this class never shadows another feature's {@code /api/v1/rounds/{id}/...} resources.
 */
@Path("/api/v1/rounds/{id}/{file: export\\.(csv|xlsx|pdf)}")
@RolesAllowed({Role.MANAGER, Role.MESC})
public class ExportApi {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    ReportService reports;

    @Inject
    ReportExports exports;

    @GET
    @Operation(summary = "Every answer of the round's submitted returns as CSV (long format, streamed), "
            + "the figures as an XLSX workbook, or the MESC report as PDF")
    public Response export(@PathParam("id") long id, @PathParam("file") String file) {
        reports.round(id);
        String name = "round-" + id + "-";
        return switch (file) {
            case "export.csv" -> download((StreamingOutput) out -> exports.writeCsv(id, out), "text/csv; charset=UTF-8",
                    name + "answers.csv");
            case "export.xlsx" -> download(exports.xlsx(id), XLSX, name + "report.xlsx");
            default -> download(exports.pdf(id), "application/pdf", name + "mesc-report.pdf");
        };
    }

    private static Response download(Object entity, String type, String filename) {
        return Response.ok(entity, type).header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}

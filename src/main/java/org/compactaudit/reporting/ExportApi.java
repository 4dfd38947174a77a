package org.compactaudit.reporting;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.compactaudit.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The round's downloads. The path names the file exactly ({@code export.csv}, {@code .xlsx}, {@code .pdf}) so
 * this class never shadows another feature's {@code /api/v1/rounds/{id}/...} resources. The report page links to
 * the same files under {@code /rounds/{id}/report/} (form sign-in), see {@link ReportResource}.
 */
@Path("/api/v1/rounds/{id}/{file: (export\\.(csv|xlsx|pdf)|export-wide\\.(csv|xlsx))}")
@RolesAllowed({Role.MANAGER, Role.MESC})
public class ExportApi {

    @Inject
    ReportExports exports;

    @GET
    @Operation(summary = "Every answer of the round's submitted returns as CSV (long format, streamed), the figures as"
            + " an XLSX workbook, or the MESC report as PDF; export-wide.csv and export-wide.xlsx: one row per agency with"
            + " a grade column per question (streamed), ?include=evidence,actions adds their texts")
    public Response export(@PathParam("id") long id, @PathParam("file") String file,
            @QueryParam("include") List<String> include) {
        return exports.download(id, file, include);
    }
}

package org.compactaudit.reporting;

import java.util.List;

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
import org.compactaudit.tool.Grade;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The MESC pages of one round: the overview and the drill-down into a standard. */
@Path("/rounds/{id}/report")
@RolesAllowed({Role.MANAGER, Role.MESC})
@Produces(MediaType.TEXT_HTML)
public class ReportResource {

    /** The four grades, in the order every table and chart shows them. */
    static final List<Grade> GRADED = List.of(Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(RoundReport report, List<Grade> grades, String chart, boolean pdf);

        static native TemplateInstance overviewPdf(RoundReport report, List<Grade> grades, String chart, boolean pdf);

        static native TemplateInstance standard(StandardReport report, List<Grade> grades);
    }

    @Inject
    ReportService reports;

    @GET
    public TemplateInstance overview(@PathParam("id") long id) {
        RoundReport report = reports.roundReport(id);
        return Templates.overview(report, GRADED, GradeChart.svg("grade-chart", report.standards()), false);
    }

    @GET
    @Path("standards/{standardKey}")
    public TemplateInstance standard(@PathParam("id") long id, @PathParam("standardKey") String standardKey,
            @QueryParam("page") @DefaultValue("1") int page) {
        return Templates.standard(reports.standardReport(id, standardKey, page), GRADED);
    }
}

package org.compactaudit.reporting;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compactaudit.tool.Grade;
import org.compactaudit.web.CurrentUser;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.security.Authenticated;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;

/** The MESC pages of one round: the overview and the drill-down into a standard. */
@Path("/rounds/{id}/report")
// Roles are checked in the methods, not with @RolesAllowed: a request refused before the CSRF filter has run
// cannot render the 403 page (the layout's sign-out form needs the CSRF token).
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ReportResource {

    /** The four grades, in the order every table and chart shows them. */
    static final List<Grade> GRADED = List.of(Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(RoundReport report, List<Grade> grades, String chart, boolean pdf);

        static native TemplateInstance overviewPdf(RoundReport report, List<Grade> grades, String chart, boolean pdf);

        static native TemplateInstance standard(StandardReport report, List<Grade> grades);

        static native TemplateInstance questions(QuestionsReport report, List<Grade> grades);
    }

    @Inject
    ReportService reports;

    @Inject
    ReportExports exports;

    @Inject
    QuestionsReports questions;

    @Inject
    CurrentUser user;

    @GET
    public TemplateInstance overview(@PathParam("id") long id) {
        requireReader(user);
        RoundReport report = reports.roundReport(id);
        return Templates.overview(report, GRADED, GradeChart.svg("grade-chart", report.standards()), false);
    }

    /**
     * The downloads the overview links to, for a browser signed in with the form; the API's
     * {@code /api/v1/rounds/{id}/export.*} take HTTP Basic only.
     */
    @GET
    @Path("{file: (export\\.(csv|xlsx|pdf)|export-wide\\.(csv|xlsx))}")
    @Produces({"text/csv", ReportExports.XLSX, "application/pdf"})
    public Response export(@PathParam("id") long id, @PathParam("file") String file,
            @QueryParam("include") List<String> include) {
        requireReader(user);
        return exports.download(id, file, include);
    }

    @GET
    @Path("questions")
    public TemplateInstance questions(@PathParam("id") long id) {
        requireReader(user);
        return Templates.questions(questions.questions(id), GRADED);
    }

    @GET
    @Path("standards/{standardKey}")
    public TemplateInstance standard(@PathParam("id") long id, @PathParam("standardKey") String standardKey,
            @QueryParam("page") @DefaultValue("1") int page) {
        requireReader(user);
        return Templates.standard(reports.standardReport(id, standardKey, page), GRADED);
    }

    /** Managers and MESC reviewers only: the drill-down names agencies. */
    static void requireReader(CurrentUser user) {
        if (!user.isManager() && !user.isMesc()) {
            throw new ForbiddenException();
        }
    }
}

package org.compactaudit.reporting;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.compactaudit.common.DomainException;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.RoundService;
import org.compactaudit.web.CurrentUser;
import org.compactaudit.web.ErrorMappers;
import org.compactaudit.web.FormErrors;
import org.compactaudit.web.Option;
import org.compactaudit.web.Page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.security.Authenticated;
import io.quarkus.qute.TemplateInstance;

/** Where MESC starts: the rounds with a report, and the year-on-year view of a standard. */
@Path("/reports")
// Roles are checked in the methods, not with @RolesAllowed: a request refused before the CSRF filter has run
// cannot render the 403 page (the layout's sign-out form needs the CSRF token).
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ReportsResource {

    static final int ROUNDS_PER_PAGE = 20;

    /** The trends form's input, never bound onto an entity. */
    public record TrendForm(String partnership, String standard) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(Page<AuditRound> rounds);

        static native TemplateInstance trends(TrendForm form, FormErrors errors, List<Option> partnerships,
                List<Option> standards, Trend trend);
    }

    @Inject
    ReportService reports;

    @Inject
    CurrentUser user;

    @Inject
    RoundService rounds;

    @Context
    UriInfo uri;

    @GET
    public TemplateInstance index(@QueryParam("page") @DefaultValue("1") int page) {
        ReportResource.requireReader(user);
        int number = Math.max(1, page);
        return Templates.index(rounds.roundsNewestFirst(number, ROUNDS_PER_PAGE));
    }

    @GET
    @Path("trends")
    public Response trends(@QueryParam("partnership") String partnership, @QueryParam("standard") String standard) {
        ReportResource.requireReader(user);
        TrendForm form = new TrendForm(partnership, standard);
        FormErrors errors = FormErrors.none();
        // The report's link names only the partnership: nothing has been chosen yet, so no error. (A submitted
        // form always sends the field, blank or not; a blank parameter arrives here as null.)
        if (!uri.getQueryParameters().containsKey("standard")) {
            return Response.ok(page(form, errors, null)).build();
        }
        errors.require(partnership != null && !partnership.isBlank(), "partnership", "Choose a partnership")
                .require(standard != null && !standard.isBlank(), "standard", "Choose a standard");
        if (errors.any()) {
            return Response.status(400).entity(page(form, errors, null)).build();
        }
        try {
            return Response.ok(page(form, errors, reports.trend(partnership, standard))).build();
        } catch (DomainException e) {
            errors.add(e.fields().isEmpty() ? "standard" : e.fields().get(0).field(), e.getMessage());
            return Response.status(e instanceof DomainException.NotFound ? 400 : ErrorMappers.status(e)).entity(page(form, errors, null)).build();
        }
    }

    private TemplateInstance page(TrendForm form, FormErrors errors, Trend trend) {
        List<Option> partnerships = reports.partnerships().stream()
                .map(p -> new Option(p.code, p.name)).toList();
        List<Option> standards = reports.standardTitles(form.partnership()).stream()
                .map(s -> new Option(s.standardKey(), s.title())).toList();
        return Templates.trends(form, errors, partnerships, standards, trend);
    }
}

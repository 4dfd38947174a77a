package org.compactaudit.moderation;

import java.math.BigDecimal;
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

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.common.ApiError;
import org.compactaudit.common.DomainException;
import org.compactaudit.round.Return;
import org.compactaudit.security.Role;
import org.compactaudit.web.FormErrors;
import org.compactaudit.web.Option;

/**
 * The round's moderation pages: the sample, replacing and adding agencies, the report. Rooted at the round's
 * moderation path so it is matched before the rounds pages' own root.
 */
@Path("/rounds/{id}/moderation")
@Produces(MediaType.TEXT_HTML)
// Moderation is the manager's; the MESC may read the report.
@RolesAllowed(Role.MANAGER)
public class ModerationResource {

    /** The sampling form as typed, so a rejected form comes back as the user left it. */
    public record SampleForm(String policy, String size, String percent, String minimum, String seed) {

        static SampleForm defaults() {
            return new SampleForm(Sampling.PERCENT, String.valueOf(Sampling.DEFAULT_SIZE),
                    Sampling.DEFAULT_PERCENT.toPlainString(), String.valueOf(Sampling.DEFAULT_MINIMUM), "");
        }
    }

    public record ChoiceForm(String returnId, String reason) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance round(Views.RoundModeration m, SampleForm form, FormErrors errors, String banner);

        static native TemplateInstance replace(Views.RoundModeration m, Views.Visit visit, List<Option> returns,
                ChoiceForm form, FormErrors errors);

        static native TemplateInstance add(Views.RoundModeration m, List<Option> returns, ChoiceForm form, FormErrors errors);

        static native TemplateInstance report(Views.Report report);
    }

    @Inject
    Sampling sampling;

    @Inject
    ModerationViews views;

    @Inject
    ModerationReport report;

    @Inject
    SecurityIdentity identity;

    @GET
    public TemplateInstance round(@RestPath long id, @RestQuery String done) {
        return Templates.round(views.roundModeration(id), SampleForm.defaults(), FormErrors.none(), banner(done));
    }

    private static String banner(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "drawn" -> "Sample drawn";
            case "replaced" -> "Agency replaced";
            case "added" -> "Agency added to the visits";
            default -> null;
        };
    }

    @POST
    @Path("sample")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sample(@RestPath long id, @RestForm String policy, @RestForm String size, @RestForm String percent,
            @RestForm String minimum, @RestForm String seed) {
        SampleForm form = new SampleForm(policy, size, percent, minimum, seed);
        FormErrors errors = FormErrors.none();
        Integer sizeValue = integer(size, "size", "The sample size must be a whole number", errors);
        Integer minimumValue = integer(minimum, "minimum", "The minimum must be a whole number", errors);
        BigDecimal percentValue = null;
        try {
            percentValue = blank(percent) ? null : new BigDecimal(percent.trim());
        } catch (NumberFormatException e) {
            errors.add("percent", "The percentage must be a number, like 10");
        }
        Long seedValue = null;
        try {
            seedValue = blank(seed) ? null : Long.valueOf(seed.trim());
        } catch (NumberFormatException e) {
            errors.add("seed", "The seed must be a whole number, or leave it empty for a new one");
        }
        if (errors.isEmpty()) {
            try {
                sampling.draw(id, new Sampling.SampleRequest(policy, sizeValue, percentValue, minimumValue, seedValue),
                        identity.getPrincipal().getName());
                return seeOther("/rounds/" + id + "/moderation?done=drawn");
            } catch (DomainException e) {
                if (e instanceof DomainException.NotFound) {
                    throw e;
                }
                toForm(e, errors);
            }
        }
        return Response.status(400).entity(Templates.round(views.roundModeration(id), form, errors, null)).build();
    }

    @GET
    @Path("visits/{visitId}/replace")
    public TemplateInstance replaceForm(@RestPath long id, @RestPath long visitId) {
        ModerationViews.ReplacePage page = views.replacePage(id, visitId);
        return Templates.replace(page.moderation(), page.visit(), options(page.unvisitedReturns()),
                new ChoiceForm("", ""), FormErrors.none());
    }

    @POST
    @Path("visits/{visitId}/replace")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replace(@RestPath long id, @RestPath long visitId, @RestForm String returnId, @RestForm String reason) {
        FormErrors errors = FormErrors.none();
        try {
            sampling.replace(id, visitId, reason, id(returnId));
            return seeOther("/rounds/" + id + "/moderation?done=replaced");
        } catch (DomainException e) {
            toForm(e, errors);
        }
        ModerationViews.ReplacePage page = views.replacePage(id, visitId);
        return Response.status(errors.isEmpty() ? 409 : 400).entity(Templates.replace(page.moderation(), page.visit(),
                options(page.unvisitedReturns()), new ChoiceForm(returnId, reason), errors)).build();
    }

    @GET
    @Path("add")
    public TemplateInstance addForm(@RestPath long id) {
        ModerationViews.AddPage page = views.addPage(id);
        return Templates.add(page.moderation(), options(page.unvisitedReturns()), new ChoiceForm("", ""), FormErrors.none());
    }

    @POST
    @Path("add")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@RestPath long id, @RestForm String returnId, @RestForm String reason) {
        FormErrors errors = FormErrors.none();
        try {
            sampling.add(id, id(returnId), reason);
            return seeOther("/rounds/" + id + "/moderation?done=added");
        } catch (DomainException e) {
            toForm(e, errors);
        }
        ModerationViews.AddPage page = views.addPage(id);
        return Response.status(400).entity(Templates.add(page.moderation(), options(page.unvisitedReturns()),
                new ChoiceForm(returnId, reason), errors)).build();
    }

    @GET
    @Path("report")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    public TemplateInstance report(@RestPath long id) {
        return Templates.report(report.report(id));
    }

    @GET
    @Path("report.csv")
    @RolesAllowed({ Role.MANAGER, Role.MESC })
    @Produces("text/csv")
    public Response reportCsv(@RestPath long id) {
        return ReportCsv.response(report.report(id));
    }

    private static List<Option> options(List<Return> returns) {
        return returns.stream().map(r -> new Option(String.valueOf(r.id), r.agency.name + " (" + r.agency.sector.name + ")"))
                .toList();
    }

    static void toForm(DomainException e, FormErrors errors) {
        if (e.fields().isEmpty()) {
            if (e instanceof DomainException.NotFound || e instanceof DomainException.Forbidden) {
                throw e;
            }
            errors.add("form", e.getMessage());
        }
        for (ApiError.FieldError f : e.fields()) {
            errors.add(f.field(), f.message());
        }
    }

    private static Integer integer(String value, String field, String message, FormErrors errors) {
        try {
            return blank(value) ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            errors.add(field, message);
            return null;
        }
    }

    /** A chosen id; one that is not a number is treated as none chosen, and the service says so. */
    private static Long id(String value) {
        try {
            return blank(value) ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}

package org.compactaudit.moderation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.Role;
import org.compactaudit.tool.Grade;
import org.compactaudit.web.FormErrors;
import org.compactaudit.web.Option;

/** One moderation visit's page: plan it, record the moderated grades beside the self-assessed ones, complete it. */
@Path("/moderation/visits/{visitId}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Role.MANAGER, Role.MODERATOR })
public class VisitResource {

    /** The plan form as typed: GOV.UK date input parts, place and the chosen attendees' ids. */
    public record PlanForm(String day, String month, String year, String place, Set<String> attendees) {
    }

    public record QuestionRow(Views.QuestionRecord question, String value) {
    }

    /** A standard on the recording form, with the values to show (saved, or as typed when the form was refused). */
    public record StandardRow(Views.StandardRecord standard, String grade, String notes, List<QuestionRow> questions) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance visit(Views.VisitDetail d, boolean canPlan, PlanForm plan, List<Option> people,
                List<StandardRow> rows, List<Option> grades, String summary, FormErrors errors, String banner);

        static native TemplateInstance cancel(Views.VisitDetail d, String reason, FormErrors errors);
    }

    private static final List<Option> GRADES = java.util.Arrays.stream(Grade.values())
            .map(g -> new Option(g.code, g.label)).toList();

    @Inject
    Visits visits;

    @Inject
    Grading grading;

    @Inject
    ModerationViews views;

    @Inject
    SecurityIdentity identity;

    @GET
    public TemplateInstance visit(@RestPath long visitId, @RestQuery String done) {
        ModerationViews.VisitPage visitPage = views.visitPage(visitId, actor());
        String banner = done == null ? null : switch (done) {
            case "planned" -> "Visit planned; the agency has been emailed the date";
            case "graded" -> "Moderated grades saved";
            case "completed" -> "Visit completed; the agency has been emailed the outcome";
            case "reopened" -> "Visit reopened";
            case "cancelled" -> "Visit cancelled";
            default -> null;
        };
        return page(visitPage, null, null, null, FormErrors.none(), banner);
    }

    private Actor actor() {
        return Actor.of(identity);
    }

    private TemplateInstance page(ModerationViews.VisitPage visitPage, PlanForm plan, Map<String, String> typed,
            String summary, FormErrors errors, String banner) {
        Views.VisitDetail d = visitPage.detail();
        Views.Visit visit = d.visit();
        PlanForm shownPlan = plan != null ? plan : new PlanForm(
                visit.date() == null ? "" : String.valueOf(visit.date().getDayOfMonth()),
                visit.date() == null ? "" : String.valueOf(visit.date().getMonthValue()),
                visit.date() == null ? "" : String.valueOf(visit.date().getYear()),
                visit.place() == null ? "" : visit.place(),
                visit.attendees().stream().map(u -> String.valueOf(u.id())).collect(Collectors.toSet()));
        List<Option> people = visitPage.possibleAttendees().stream()
                .map(u -> new Option(String.valueOf(u.id), Views.attendeeLabel(u.displayName, u.roleSet().stream()
                        .filter(r -> r.equals(Role.MANAGER) || r.equals(Role.MODERATOR)).map(Role::label).toList())))
                .toList();
        List<StandardRow> rows = d.standards().stream().map(s -> new StandardRow(s,
                typed != null ? typed.get("grade-" + s.standardKey()) : s.grade(),
                typed != null ? typed.get("notes-" + s.standardKey()) : s.notes(),
                s.questions().stream().map(q -> new QuestionRow(q,
                        typed != null ? typed.get("question-" + q.questionKey()) : q.grade())).toList()))
                .toList();
        return Templates.visit(d, actor().manager(), shownPlan, people, rows, GRADES,
                summary != null ? summary : (visit.summary() == null ? "" : visit.summary()), errors, banner);
    }

    @POST
    @Path("plan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response plan(@RestPath long visitId, @RestForm("date-day") String day, @RestForm("date-month") String month,
            @RestForm("date-year") String year, @RestForm String place, @RestForm List<String> attendees) {
        PlanForm form = new PlanForm(day, month, year, place, Set.copyOf(attendees));
        FormErrors errors = FormErrors.none();
        LocalDate date = date(day, month, year, errors);
        if (errors.isEmpty()) {
            try {
                visits.plan(visitId, new Visits.VisitPlan(date, place,
                        attendees.stream().map(Long::valueOf).toList()), actor());
                return ModerationResource.seeOther("/moderation/visits/" + visitId + "?done=planned");
            } catch (DomainException e) {
                ModerationResource.toForm(e, errors);
            } catch (NumberFormatException e) {
                errors.add("attendees", "Choose the attendees from the list");
            }
        }
        return Response.status(400).entity(page(views.visitPage(visitId, actor()), form, null, null, errors, null)).build();
    }

    /** Blank parts are "no date"; anything else must make a real date. */
    private static LocalDate date(String day, String month, String year, FormErrors errors) {
        if (ModerationResource.blank(day) && ModerationResource.blank(month) && ModerationResource.blank(year)) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(year.trim()), Integer.parseInt(month.trim()), Integer.parseInt(day.trim()));
        } catch (NumberFormatException | DateTimeException | NullPointerException e) {
            errors.add("date", "The date of the visit must be a real date, for example 12 9 2027");
            return null;
        }
    }

    @POST
    @Path("grades")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response grades(@RestPath long visitId, MultivaluedMap<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        form.forEach((key, values) -> typed.put(key, values.isEmpty() ? null : values.get(0)));
        FormErrors errors = FormErrors.none();
        try {
            grading.recordForm(visitId, typed, actor());
            return ModerationResource.seeOther("/moderation/visits/" + visitId + "?done=graded");
        } catch (DomainException e) {
            ModerationResource.toForm(e, errors);
        }
        return Response.status(400).entity(page(views.visitPage(visitId, actor()), null, typed, null, errors, null)).build();
    }

    @POST
    @Path("complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response complete(@RestPath long visitId, @RestForm String summary) {
        FormErrors errors = FormErrors.none();
        try {
            visits.complete(visitId, summary, actor());
            return ModerationResource.seeOther("/moderation/visits/" + visitId + "?done=completed");
        } catch (DomainException e) {
            ModerationResource.toForm(e, errors);
        }
        return Response.status(400).entity(page(views.visitPage(visitId, actor()), null, null, summary, errors, null))
                .build();
    }

    @GET
    @Path("cancel")
    @RolesAllowed(Role.MANAGER)
    public TemplateInstance cancelForm(@RestPath long visitId) {
        return Templates.cancel(views.visitDetail(visitId, actor()), "", FormErrors.none());
    }

    @POST
    @Path("cancel")
    @RolesAllowed(Role.MANAGER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@RestPath long visitId, @RestForm String cancelReason) {
        FormErrors errors = FormErrors.none();
        try {
            visits.cancel(visitId, cancelReason, actor());
            return ModerationResource.seeOther("/moderation/visits/" + visitId + "?done=cancelled");
        } catch (DomainException e) {
            ModerationResource.toForm(e, errors);
        }
        return Response.status(400).entity(Templates.cancel(views.visitDetail(visitId, actor()), cancelReason, errors))
                .build();
    }

    @POST
    @Path("reopen")
    @RolesAllowed(Role.MANAGER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reopen(@RestPath long visitId) {
        visits.reopen(visitId, actor());
        return ModerationResource.seeOther("/moderation/visits/" + visitId + "?done=reopened");
    }
}

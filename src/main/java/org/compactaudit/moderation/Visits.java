package org.compactaudit.moderation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.compactaudit.common.ApiError;
import org.compactaudit.common.DomainException;
import org.compactaudit.security.Role;
import org.compactaudit.security.StaffUser;

/**
 * A moderation visit's life: who may see it, planning it (date, place, attendees), completing, cancelling and
 * reopening it, with the emails to the agency. Recording the grades is {@link Grading}'s.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Visits {

    @Inject
    ModerationQueries queries;

    public record VisitPlan(LocalDate date, String place, List<Long> attendees) {
    }

    /**
     * The API's change to a visit: any of the plan, and the status to move it to with its reason or summary. The
     * OpenAPI schema keeps the name the request body was published under.
     */
    @Schema(name = "VisitBody")
    public record VisitUpdate(LocalDate date, String place, List<Long> attendees, String status, String cancelReason,
            String summary) {
    }

    @Inject
    Clock clock;

    @Inject
    ModerationMail mail;

    static void requireOpen(ModerationVisit visit) {
        if (visit.status == VisitStatus.DONE) {
            throw DomainException.conflict("This visit is completed and read-only; the Partnerships Manager can reopen it");
        }
        if (visit.status == VisitStatus.CANCELLED) {
            throw DomainException.conflict("This visit is cancelled");
        }
    }

    private static void requireManager(Actor actor, String what) {
        if (!actor.manager()) {
            throw DomainException.forbidden("Only the Partnerships Manager can " + what);
        }
    }

    static void requireText(String text, String field, String message) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(field, message);
        }
        if (text.length() > 900) {
            throw DomainException.invalid(field, "The reason must be 900 characters or fewer");
        }
    }

    /** Sets the date, place and attendees; emails the agency's lead when the date or place is new. */
    @Transactional
    public ModerationVisit plan(long visitId, VisitPlan plan, Actor actor) {
        ModerationVisit visit = queries.visitFor(visitId, actor);
        requireManager(actor, "plan visits");
        requireOpen(visit);
        applyPlan(visit, plan);
        return visit;
    }

    private void applyPlan(ModerationVisit visit, VisitPlan plan) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (plan.date() == null) {
            errors.add(new ApiError.FieldError("date", "Enter the date of the visit"));
        }
        if (plan.place() == null || plan.place().isBlank()) {
            errors.add(new ApiError.FieldError("place", "Enter where the visit takes place"));
        } else if (plan.place().trim().length() > 300) {
            errors.add(new ApiError.FieldError("place", "The place must be 300 characters or fewer"));
        }
        Set<StaffUser> attendees = new LinkedHashSet<>();
        List<StaffUser> allowed = queries.possibleAttendees(visit.round);
        for (Long id : plan.attendees() == null ? List.<Long>of() : plan.attendees()) {
            StaffUser user = allowed.stream().filter(u -> u.id.equals(id)).findFirst().orElse(null);
            if (user == null) {
                errors.add(new ApiError.FieldError("attendees",
                        "Attendee " + id + " is not an active Partnerships Manager or board or committee member"));
            } else {
                attendees.add(user);
            }
        }
        if (attendees.stream().noneMatch(u -> u.roleSet().contains(Role.MANAGER))) {
            errors.add(new ApiError.FieldError("attendees", "Choose the Partnerships Manager who attends"));
        }
        if (attendees.stream().noneMatch(u -> u.roleSet().contains(Role.MODERATOR))) {
            errors.add(new ApiError.FieldError("attendees", "Choose at least one board or committee member"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors.get(0).message(), errors);
        }
        boolean news = !plan.date().equals(visit.date) || !plan.place().trim().equals(visit.place);
        visit.date = plan.date();
        visit.place = plan.place().trim();
        visit.attendees.clear();
        visit.attendees.addAll(attendees);
        String to = leadEmail(visit);
        if (news && to != null) {
            mail.visitPlanned(to, visit.agencyReturn.id, visit.round.partnership.id, letter(visit));
        }
    }

    private static String leadEmail(ModerationVisit visit) {
        var agency = visit.agencyReturn.agency;
        return agency.leadEmail != null ? agency.leadEmail : agency.seniorEmail;
    }

    private static ModerationMail.VisitLetter letter(ModerationVisit visit) {
        var agency = visit.agencyReturn.agency;
        var partnership = visit.round.partnership;
        return new ModerationMail.VisitLetter(agency.name, agency.leadName, visit.round.name, partnership.name,
                partnership.contactName, partnership.contactEmail, visit.date, visit.place,
                visit.attendees.stream().map(u -> u.displayName).toList());
    }

    /** Completes the visit: needs a date, a summary and a moderated grade for every standard; emails the outcome. */
    @Transactional
    public ModerationVisit complete(long visitId, String summary, Actor actor) {
        ModerationVisit visit = queries.visitFor(visitId, actor);
        requireOpen(visit);
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (visit.date == null) {
            errors.add(new ApiError.FieldError("date", "Plan the visit's date before completing it"));
        }
        if (summary == null || summary.isBlank()) {
            errors.add(new ApiError.FieldError("summary", "Enter a summary of the visit"));
        }
        List<Views.StandardRecord> standards = ModerationViews.standards(visit);
        for (Views.StandardRecord s : standards) {
            if (s.grade() == null) {
                errors.add(new ApiError.FieldError("grade-" + s.standardKey(),
                        "Choose the moderated grade for " + s.title()));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors.get(0).message(), errors);
        }
        visit.summary = summary.trim();
        visit.status = VisitStatus.DONE;
        visit.completedAt = clock.instant();
        String to = leadEmail(visit);
        if (to != null) {
            mail.visitOutcome(to, visit.agencyReturn.id, visit.round.partnership.id, letter(visit), standards,
                    visit.summary);
        }
        return visit;
    }

    @Transactional
    public ModerationVisit cancel(long visitId, String reason, Actor actor) {
        ModerationVisit visit = queries.visitFor(visitId, actor);
        requireManager(actor, "cancel visits");
        requireOpen(visit);
        requireText(reason, "cancelReason", "Enter why the visit is cancelled");
        visit.status = VisitStatus.CANCELLED;
        visit.cancelReason = reason.trim();
        return visit;
    }

    /** Makes a done or cancelled (not replaced) visit planned again, so it can be changed. */
    @Transactional
    public ModerationVisit reopen(long visitId, Actor actor) {
        ModerationVisit visit = queries.visitFor(visitId, actor);
        requireManager(actor, "reopen visits");
        if (visit.isReplaced()) {
            throw DomainException.conflict("A replaced visit cannot be reopened");
        }
        visit.status = VisitStatus.PLANNED;
        visit.completedAt = null;
        visit.cancelReason = null;
        return visit;
    }

    /**
     * The API's single update: reopen, plan, complete or cancel, by the status asked for; answers with the visit
     * as changed, in the same transaction.
     */
    @Transactional
    public Views.VisitDetail update(long visitId, VisitUpdate update, Actor actor) {
        ModerationVisit visit = queries.visitFor(visitId, actor);
        VisitStatus status = update.status() == null ? visit.status : VisitStatus.fromCode(update.status())
                .orElseThrow(() -> DomainException.invalid("status", "Status must be planned, done or cancelled"));
        if (status == VisitStatus.PLANNED && visit.status != VisitStatus.PLANNED) {
            reopen(visitId, actor);
        }
        boolean planChanged = update.date() != null || update.place() != null || update.attendees() != null;
        if (planChanged && !samePlan(visit, update)) {
            plan(visitId, new VisitPlan(
                    update.date() != null ? update.date() : visit.date,
                    update.place() != null ? update.place() : visit.place,
                    update.attendees() != null ? update.attendees() : visit.attendees.stream().map(u -> u.id).toList()),
                    actor);
        }
        if (status == VisitStatus.DONE) {
            complete(visitId, update.summary(), actor);
        } else if (status == VisitStatus.CANCELLED) {
            cancel(visitId, update.cancelReason(), actor);
        }
        return ModerationViews.detail(visit);
    }

    private static boolean samePlan(ModerationVisit visit, VisitUpdate update) {
        return (update.date() == null || update.date().equals(visit.date))
                && (update.place() == null || update.place().trim().equals(visit.place))
                && (update.attendees() == null || new HashSet<>(update.attendees())
                        .equals(visit.attendees.stream().map(u -> u.id).collect(Collectors.toSet())));
    }
}

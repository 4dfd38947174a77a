package org.compactaudit.moderation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.agency.Sector;
import org.compactaudit.common.ApiError;
import org.compactaudit.common.DomainException;
import org.compactaudit.response.Answer;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.security.Role;
import org.compactaudit.security.StaffUser;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.Standard;
import org.compactaudit.tool.StandardGrade;
import org.compactaudit.web.Counts;

/**
 * Moderation of a round: the reproducible, stratified sample; the visits; the moderated grades recorded beside the
 * self-assessed ones; and the report of how they differ. Every rule lives here, so pages and API agree.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ModerationService {

    public static final String FIXED = "fixed";
    public static final String PERCENT = "percent";
    public static final int DEFAULT_SIZE = 12;
    public static final BigDecimal DEFAULT_PERCENT = BigDecimal.TEN;
    public static final int DEFAULT_MINIMUM = 1;
    /** Seeds the service picks stay below a billion so people can read them out and type them back. */
    private static final int SEED_BOUND = 1_000_000_000;

    public record SampleRequest(String policy, Integer size, BigDecimal percent, Integer minimum, Long seed) {
    }

    public record VisitPlan(LocalDate date, String place, List<Long> attendees) {
    }

    public record VisitUpdate(LocalDate date, String place, List<Long> attendees, String status, String cancelReason,
            String summary) {
    }

    public record StandardGradeRequest(String grade, String notes, Map<String, String> questions) {
    }

    @Inject
    Clock clock;

    @Inject
    ModerationMail mail;

    /** Why the sample may no longer be drawn: shown on the page in place of the form and given by the API. */
    public static final String DRAW_AGAIN_REFUSED = "Visits are planned, replaced, added or recorded, so the sample "
            + "cannot be drawn again. Replace or add agencies instead.";

    private final SecureRandom seeds = new SecureRandom();

    // ---- Sampling ----

    public AuditRound round(long roundId) {
        AuditRound round = AuditRound.findById(roundId);
        if (round == null) {
            throw DomainException.notFound("Audit round " + roundId + " not found");
        }
        return round;
    }

    List<Sampler.Candidate> candidates(long roundId) {
        List<Object[]> rows = Return.getEntityManager().createQuery(
                "select r.id, r.agency.sector.code from Return r where r.round.id = ?1 and r.status = ?2", Object[].class)
                .setParameter(1, roundId).setParameter(2, ReturnStatus.SUBMITTED).getResultList();
        return rows.stream().map(row -> new Sampler.Candidate((Long) row[0], (String) row[1])).toList();
    }

    private static List<String> sectorOrder() {
        return Sector.listInOrder().stream().map(s -> ((Sector) s).code).toList();
    }

    /** The sample size the policy comes to for this many submitted returns; refuses bad input field by field. */
    public static int sampleSize(SampleRequest request, long submitted) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        String policy = request.policy() == null ? "" : request.policy();
        int minimum = request.minimum() == null ? DEFAULT_MINIMUM : request.minimum();
        if (minimum < 0) {
            errors.add(new ApiError.FieldError("minimum", "The minimum must be 0 or more"));
        }
        int size = 0;
        if (submitted == 0) {
            errors.add(new ApiError.FieldError("policy",
                    "No return has been submitted in this round yet: the sample is drawn from submitted returns"));
        } else if (FIXED.equals(policy)) {
            int requested = request.size() == null ? DEFAULT_SIZE : request.size();
            if (requested < 1) {
                errors.add(new ApiError.FieldError("size", "The sample size must be 1 or more"));
            }
            size = Math.max(requested, minimum);
            if (requested >= 1 && size > submitted) {
                errors.add(new ApiError.FieldError(requested >= minimum ? "size" : "minimum", "The sample size (" + size
                        + ") is larger than the " + Counts.of(submitted, "submitted return", "submitted returns")));
            }
        } else if (PERCENT.equals(policy)) {
            BigDecimal percent = request.percent() == null ? DEFAULT_PERCENT : request.percent();
            if (percent.compareTo(BigDecimal.ONE) < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                errors.add(new ApiError.FieldError("percent", "The percentage must be between 1 and 100"));
            } else {
                // Round up: 10% of 85 returns is 8.5, so 9 visits.
                int share = BigDecimal.valueOf(submitted).multiply(percent)
                        .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValueExact();
                size = Math.max(share, minimum);
                if (size > submitted) {
                    errors.add(new ApiError.FieldError("minimum", "The minimum (" + minimum + ") is larger than the "
                            + Counts.of(submitted, "submitted return", "submitted returns")));
                }
            }
        } else {
            errors.add(new ApiError.FieldError("policy", "Choose a fixed number or a percentage of submitted returns"));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, errors.get(0).message(), errors);
        }
        return size;
    }

    /** Draws (or draws again, while no visit has been planned or recorded) the round's sample and its visits. */
    @Transactional
    public ModerationSample draw(long roundId, SampleRequest request, String drawnBy) {
        AuditRound round = round(roundId);
        List<Sampler.Candidate> candidates = candidates(roundId);
        int size = sampleSize(request, candidates.size());
        List<ModerationVisit> existing = ModerationVisit.list("round.id", roundId);
        if (!canDrawAgain(existing)) {
            throw DomainException.conflict(DRAW_AGAIN_REFUSED);
        }
        existing.forEach(v -> v.delete());
        ModerationSample sample = ModerationSample.forRound(roundId).orElseGet(ModerationSample::new);
        sample.round = round;
        sample.policy = request.policy();
        sample.size = size;
        sample.percent = PERCENT.equals(request.policy())
                ? (request.percent() == null ? DEFAULT_PERCENT : request.percent()) : null;
        sample.minimum = request.minimum() == null ? DEFAULT_MINIMUM : request.minimum();
        sample.seed = request.seed() != null ? request.seed() : seeds.nextInt(SEED_BOUND);
        sample.drawnAt = clock.instant();
        sample.drawnBy = drawnBy;
        sample.persist();
        // Hibernate inserts before it deletes: flush the old visits away first, their returns are unique.
        Return.flush();
        for (Sampler.Stratum stratum : Sampler.draw(candidates, sectorOrder(), size, sample.seed)) {
            for (Long returnId : stratum.drawn()) {
                newVisit(round, Return.findById(returnId), Selection.SAMPLED, null);
            }
        }
        return sample;
    }

    /** The one rule for drawing again, used by the draw and by the page that offers it: no visit is underway. */
    static boolean canDrawAgain(List<ModerationVisit> visits) {
        return visits.stream().noneMatch(v -> v.isUnderway(ModeratedGrade.count("visit.id", v.id) > 0));
    }

    private static ModerationVisit newVisit(AuditRound round, Return agencyReturn, Selection selection, String reason) {
        ModerationVisit visit = new ModerationVisit();
        visit.round = round;
        visit.agencyReturn = agencyReturn;
        visit.selection = selection;
        visit.selectionReason = reason;
        visit.persist();
        return visit;
    }

    /**
     * Replaces a planned visit's agency, with a reason: by the return the manager picks, or else by the next
     * return in the same sector's seeded order that has no visit.
     */
    @Transactional
    public ModerationVisit replace(long visitId, String reason, Long returnId) {
        ModerationVisit visit = visit(visitId);
        if (visit.status != VisitStatus.PLANNED || ModeratedGrade.count("visit.id", visit.id) > 0) {
            throw DomainException.conflict("Only a planned visit with nothing recorded can be replaced");
        }
        requireText(reason, "reason", "Enter why the agency is being replaced");
        Return replacement;
        if (returnId != null) {
            replacement = unvisitedReturn(visit.round.id, returnId, "returnId");
        } else {
            ModerationSample sample = ModerationSample.forRound(visit.round.id).orElseThrow(
                    () -> DomainException.conflict("Draw the sample before replacing from it"));
            String sector = visit.agencyReturn.agency.sector.code;
            Set<Long> visited = visitedReturns(visit.round.id);
            Long next = Sampler.order(candidates(visit.round.id), sector, sample.seed).stream()
                    .filter(id -> !visited.contains(id)).findFirst()
                    .orElseThrow(() -> DomainException.invalid("returnId", "No other submitted return in the "
                            + visit.agencyReturn.agency.sector.name + " sector is left to draw: pick one by hand"));
            replacement = Return.findById(next);
        }
        ModerationVisit added = newVisit(visit.round, replacement, Selection.REPLACEMENT, reason.trim());
        visit.status = VisitStatus.CANCELLED;
        visit.cancelReason = "Replaced: " + reason.trim();
        visit.replacedById = added.id;
        return added;
    }

    /** Adds an agency outside the sample, e.g. after a concern, with the reason. */
    @Transactional
    public ModerationVisit add(long roundId, Long returnId, String reason) {
        AuditRound round = round(roundId);
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (returnId == null) {
            errors.add(new ApiError.FieldError("returnId", "Choose the agency to add"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new ApiError.FieldError("reason", "Enter why the agency is being added"));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, errors.get(0).message(), errors);
        }
        return newVisit(round, unvisitedReturn(roundId, returnId, "returnId"), Selection.ADDED, reason.trim());
    }

    private static Return unvisitedReturn(long roundId, long returnId, String field) {
        Return r = Return.findById(returnId);
        if (r == null || !r.round.id.equals(roundId) || !r.isSubmitted()) {
            throw DomainException.invalid(field, "Choose a submitted return of this round");
        }
        if (ModerationVisit.count("agencyReturn.id", returnId) > 0) {
            throw DomainException.invalid(field, r.agency.name + " already has a moderation visit in this round");
        }
        return r;
    }

    private static Set<Long> visitedReturns(long roundId) {
        return ModerationVisit.<ModerationVisit>list("round.id", roundId).stream()
                .map(v -> v.agencyReturn.id).collect(Collectors.toSet());
    }

    // ---- Visits ----

    public ModerationVisit visit(long visitId) {
        ModerationVisit visit = ModerationVisit.findById(visitId);
        if (visit == null) {
            throw DomainException.notFound("Moderation visit " + visitId + " not found");
        }
        return visit;
    }

    /** The visit if the actor may see it: the manager any, a moderator only those they attend. */
    public ModerationVisit visitFor(long visitId, Actor actor) {
        ModerationVisit visit = visit(visitId);
        if (!actor.manager() && !(actor.moderator() && visit.attendedBy(actor.email()))) {
            throw new DomainException(403, "Only the visit's attendees and the Partnerships Manager can see this visit");
        }
        return visit;
    }

    private static void requireOpen(ModerationVisit visit) {
        if (visit.status == VisitStatus.DONE) {
            throw DomainException.conflict("This visit is completed and read-only; the Partnerships Manager can reopen it");
        }
        if (visit.status == VisitStatus.CANCELLED) {
            throw DomainException.conflict("This visit is cancelled");
        }
    }

    private static void requireManager(Actor actor, String what) {
        if (!actor.manager()) {
            throw new DomainException(403, "Only the Partnerships Manager can " + what);
        }
    }

    /** Staff who can attend visits: active managers and board or committee members of the round's partnership. */
    public List<StaffUser> possibleAttendees(AuditRound round) {
        return StaffUser.<StaffUser>list("active = true and (partnership is null or partnership.id = ?1) "
                + "order by displayName, email", round.partnership.id).stream()
                .filter(u -> u.roleSet().contains(Role.MANAGER) || u.roleSet().contains(Role.MODERATOR)).toList();
    }

    /** Sets the date, place and attendees; emails the agency's lead when the date or place is new. */
    @Transactional
    public ModerationVisit plan(long visitId, VisitPlan plan, Actor actor) {
        ModerationVisit visit = visitFor(visitId, actor);
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
        Set<StaffUser> attendees = new java.util.LinkedHashSet<>();
        List<StaffUser> allowed = possibleAttendees(visit.round);
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
            throw new DomainException(400, errors.get(0).message(), errors);
        }
        boolean news = !plan.date().equals(visit.date) || !plan.place().trim().equals(visit.place);
        visit.date = plan.date();
        visit.place = plan.place().trim();
        visit.attendees.clear();
        visit.attendees.addAll(attendees);
        String to = leadEmail(visit);
        if (news && to != null) {
            mail.visitPlanned(to, visit.agencyReturn.id, letter(visit));
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

    /** Records a standard's moderated grade and notes, and any question-level grades given. */
    @Transactional
    public Views.StandardRecord recordStandard(long visitId, String standardKey, StandardGradeRequest request, Actor actor) {
        ModerationVisit visit = visitFor(visitId, actor);
        requireOpen(visit);
        Standard standard = standard(visit, standardKey);
        List<ApiError.FieldError> errors = validate(visit, standard, request);
        if (!errors.isEmpty()) {
            throw new DomainException(400, errors.get(0).message(), errors);
        }
        apply(visit, standard, request);
        return standards(visit).stream().filter(s -> s.standardKey().equals(standardKey)).findFirst().orElseThrow();
    }

    /**
     * The visit page's one form: every standard given a grade is recorded, all or nothing. Error fields are named
     * as the page names its inputs: grade-{standard}, notes-{standard}, question-{question}.
     */
    @Transactional
    public void recordAll(long visitId, Map<String, StandardGradeRequest> requests, Actor actor) {
        ModerationVisit visit = visitFor(visitId, actor);
        requireOpen(visit);
        List<ApiError.FieldError> errors = new ArrayList<>();
        Map<Standard, StandardGradeRequest> valid = new LinkedHashMap<>();
        requests.forEach((key, request) -> {
            Standard standard = standard(visit, key);
            for (ApiError.FieldError e : validate(visit, standard, request)) {
                String field = e.field().startsWith("questions.") ? "question-" + e.field().substring(10)
                        : e.field() + "-" + key;
                errors.add(new ApiError.FieldError(field, e.message()));
            }
            valid.put(standard, request);
        });
        if (!errors.isEmpty()) {
            throw new DomainException(400, errors.get(0).message(), errors);
        }
        valid.forEach((standard, request) -> apply(visit, standard, request));
    }

    private static List<ApiError.FieldError> validate(ModerationVisit visit, Standard standard, StandardGradeRequest request) {
        String sector = visit.agencyReturn.agency.sector.code;
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (request.grade() == null || Grade.fromCode(request.grade()).isEmpty()) {
            errors.add(new ApiError.FieldError("grade",
                    "Choose the moderated grade for " + standard.title + " (outstanding, good, requires-improvement, "
                            + "inadequate or not-applicable)"));
        }
        if (request.notes() != null && request.notes().length() > 4000) {
            errors.add(new ApiError.FieldError("notes", "Notes on " + standard.title + " must be 4000 characters or fewer"));
        }
        Map<String, String> asked = request.questions() == null ? Map.of() : request.questions();
        asked.forEach((key, value) -> {
            boolean inStandard = standard.questions.stream().anyMatch(q -> q.key.equals(key) && q.appliesTo(sector));
            if (!inStandard) {
                errors.add(new ApiError.FieldError("questions." + key,
                        "Question " + key + " is not in " + standard.title + " for this agency"));
            } else if (value != null && !value.isBlank() && Grade.fromCode(value).isEmpty()) {
                errors.add(new ApiError.FieldError("questions." + key, "Unknown grade " + value + " for question " + key));
            }
        });
        return errors;
    }

    private static void apply(ModerationVisit visit, Standard standard, StandardGradeRequest request) {
        upsert(visit, standard.key, ModeratedGrade.STANDARD_LEVEL, Grade.fromCode(request.grade()).orElseThrow(),
                blankToNull(request.notes()));
        Map<String, String> asked = request.questions() == null ? Map.of() : request.questions();
        asked.forEach((key, value) -> upsert(visit, standard.key, key,
                value == null || value.isBlank() ? null : Grade.fromCode(value).orElseThrow(), null));
    }

    private static void upsert(ModerationVisit visit, String standardKey, String questionKey, Grade grade, String notes) {
        ModeratedGrade row = ModeratedGrade.<ModeratedGrade>find("visit.id = ?1 and standardKey = ?2 and questionKey = ?3",
                visit.id, standardKey, questionKey).firstResult();
        if (grade == null) {
            if (row != null) {
                row.delete();
            }
            return;
        }
        if (row == null) {
            row = new ModeratedGrade();
            row.visit = visit;
            row.standardKey = standardKey;
            row.questionKey = questionKey;
        }
        row.grade = grade;
        row.notes = notes;
        row.persist();
    }

    private static Standard standard(ModerationVisit visit, String standardKey) {
        return visit.agencyReturn.toolVersion.standards.stream().filter(s -> s.key.equals(standardKey)).findFirst()
                .orElseThrow(() -> DomainException.notFound("Standard " + standardKey + " is not in this agency's tool ("
                        + visit.agencyReturn.toolVersion.reference() + ")"));
    }

    /** Completes the visit: needs a date, a summary and a moderated grade for every standard; emails the outcome. */
    @Transactional
    public ModerationVisit complete(long visitId, String summary, Actor actor) {
        ModerationVisit visit = visitFor(visitId, actor);
        requireOpen(visit);
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (visit.date == null) {
            errors.add(new ApiError.FieldError("date", "Plan the visit's date before completing it"));
        }
        if (summary == null || summary.isBlank()) {
            errors.add(new ApiError.FieldError("summary", "Enter a summary of the visit"));
        }
        List<Views.StandardRecord> standards = standards(visit);
        for (Views.StandardRecord s : standards) {
            if (s.grade() == null) {
                errors.add(new ApiError.FieldError("grade-" + s.standardKey(),
                        "Choose the moderated grade for " + s.title()));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, errors.get(0).message(), errors);
        }
        visit.summary = summary.trim();
        visit.status = VisitStatus.DONE;
        visit.completedAt = clock.instant();
        String to = leadEmail(visit);
        if (to != null) {
            mail.visitOutcome(to, visit.agencyReturn.id, letter(visit), standards, visit.summary);
        }
        return visit;
    }

    @Transactional
    public ModerationVisit cancel(long visitId, String reason, Actor actor) {
        ModerationVisit visit = visitFor(visitId, actor);
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
        ModerationVisit visit = visitFor(visitId, actor);
        requireManager(actor, "reopen visits");
        if (visit.isReplaced()) {
            throw DomainException.conflict("A replaced visit cannot be reopened");
        }
        visit.status = VisitStatus.PLANNED;
        visit.completedAt = null;
        visit.cancelReason = null;
        return visit;
    }

    /** The API's single update: reopen, plan, complete or cancel, by the status asked for. */
    @Transactional
    public ModerationVisit update(long visitId, VisitUpdate update, Actor actor) {
        ModerationVisit visit = visitFor(visitId, actor);
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
        return visit;
    }

    private static boolean samePlan(ModerationVisit visit, VisitUpdate update) {
        return (update.date() == null || update.date().equals(visit.date))
                && (update.place() == null || update.place().trim().equals(visit.place))
                && (update.attendees() == null || new HashSet<>(update.attendees())
                        .equals(visit.attendees.stream().map(u -> u.id).collect(Collectors.toSet())));
    }

    // ---- Views ----

    /** The visit's standards: self-assessed grades (questions and derived standard grade) beside the moderated ones. */
    public List<Views.StandardRecord> standards(ModerationVisit visit) {
        Return r = visit.agencyReturn;
        String sector = r.agency.sector.code;
        Map<String, Grade> selfAssessed = new HashMap<>();
        Answer.<Answer>list("select a from Answer a join fetch a.question where a.agencyReturn.id = ?1", r.id)
                .forEach(a -> selfAssessed.put(a.question.key, a.grade));
        Map<String, ModeratedGrade> moderated = new HashMap<>();
        ModeratedGrade.forVisit(visit.id).forEach(g -> moderated.put(g.standardKey + "/" + g.questionKey, g));
        List<Views.StandardRecord> records = new ArrayList<>();
        for (Standard standard : r.toolVersion.standards) {
            List<Question> questions = standard.questions.stream().filter(q -> q.appliesTo(sector)).toList();
            List<Views.QuestionRecord> questionRecords = questions.stream().map(q -> {
                Grade self = selfAssessed.get(q.key);
                ModeratedGrade m = moderated.get(standard.key + "/" + q.key);
                return new Views.QuestionRecord(q.key, q.text, code(self), label(self),
                        m == null ? null : m.grade.code, m == null ? null : m.grade.label);
            }).toList();
            Grade self = StandardGrade.of(questions.stream().map(q -> selfAssessed.get(q.key)).toList());
            ModeratedGrade m = moderated.get(standard.key + "/" + ModeratedGrade.STANDARD_LEVEL);
            Outcome outcome = m == null ? null : Outcome.of(self, m.grade);
            records.add(new Views.StandardRecord(standard.key, standard.title, self.code, self.label,
                    m == null ? null : m.grade.code, m == null ? null : m.grade.label, m == null ? null : m.notes,
                    outcome == null ? null : outcome.code, outcome == null ? null : outcome.label, questionRecords));
        }
        return records;
    }

    public Views.VisitDetail detail(ModerationVisit visit) {
        return new Views.VisitDetail(view(visit), visit.round.id, visit.round.name,
                visit.agencyReturn.toolVersion.reference(), standards(visit));
    }

    public static Views.Visit view(ModerationVisit v) {
        var agency = v.agencyReturn.agency;
        return new Views.Visit(v.id, v.agencyReturn.id, agency.id, agency.name, agency.sector.code, agency.sector.name,
                v.selection.code, v.selection.label, v.selectionReason, v.replacedById, v.date, v.place,
                v.attendees.stream().sorted(Comparator.comparing(u -> u.displayName))
                        .map(u -> new Views.Attendee(u.id, u.displayName, u.email)).toList(),
                v.status.code, v.replacedById != null ? "Replaced" : v.status.label, v.cancelReason, v.summary,
                v.completedAt);
    }

    public Views.RoundModeration roundModeration(long roundId) {
        AuditRound round = round(roundId);
        List<Sampler.Candidate> candidates = candidates(roundId);
        Views.Sample sample = ModerationSample.forRound(roundId).map(s -> {
            Map<String, String> names = new HashMap<>();
            Sector.<Sector>listAll().forEach(sector -> names.put(sector.code, sector.name));
            List<Views.Stratum> strata = Sampler.draw(candidates, sectorOrder(), Math.min(s.size, candidates.size()), s.seed)
                    .stream().map(st -> new Views.Stratum(st.sectorCode(), names.get(st.sectorCode()), st.returns(),
                            BigDecimal.valueOf(st.quota()).setScale(2, RoundingMode.HALF_UP).toPlainString(), st.seats()))
                    .toList();
            return new Views.Sample(s.policy, s.size, s.percent, s.minimum, s.seed, s.drawnAt, s.drawnBy,
                    candidates.size(), strata);
        }).orElse(null);
        List<ModerationVisit> visits = ModerationVisit.forRound(roundId);
        return new Views.RoundModeration(round.id, round.name, sample,
                visits.stream().map(ModerationService::view).toList(), canDrawAgain(visits));
    }

    /** Submitted returns of the round without a visit, for adding or replacing by hand. */
    public List<Return> unvisitedReturns(long roundId) {
        Set<Long> visited = visitedReturns(roundId);
        return Return.<Return>list("select r from Return r join fetch r.agency a join fetch a.sector "
                + "where r.round.id = ?1 and r.status = ?2 order by a.sector.sortOrder, a.name", roundId, ReturnStatus.SUBMITTED)
                .stream().filter(r -> !visited.contains(r.id)).toList();
    }

    /** The visits a moderator attends, newest round first. */
    public List<ModerationVisit> visitsAttendedBy(String email) {
        return ModerationVisit.list("select distinct v from ModerationVisit v join v.attendees u "
                + "where u.email = ?1 order by v.round.id desc, v.id", email);
    }

    // ---- Report ----

    /** The round's moderation report: visits against the commitment and how moderated grades differ. */
    public Views.Report report(long roundId) {
        AuditRound round = round(roundId);
        long submitted = candidates(roundId).size();
        Integer sampleSize = ModerationSample.forRound(roundId).map(s -> s.size).orElse(null);
        List<ModerationVisit> visits = ModerationVisit.forRound(roundId);
        int done = 0;
        int planned = 0;
        int cancelled = 0;
        Views.Tally overall = new Views.Tally("all", "All standards", 0, 0, 0, 0);
        Map<String, Views.Tally> bySector = new LinkedHashMap<>();
        Map<String, Views.Tally> byStandard = new LinkedHashMap<>();
        Map<String, Integer> standardPosition = new HashMap<>();
        List<Views.VisitOutcome> outcomes = new ArrayList<>();
        for (ModerationVisit visit : visits) {
            if (visit.isReplaced()) {
                continue;
            }
            Views.Tally visitTally = new Views.Tally(String.valueOf(visit.id), visit.agencyReturn.agency.name, 0, 0, 0, 0);
            switch (visit.status) {
                case DONE -> done++;
                case PLANNED -> planned++;
                case CANCELLED -> cancelled++;
            }
            if (visit.status == VisitStatus.DONE) {
                var sector = visit.agencyReturn.agency.sector;
                for (Standard standard : visit.agencyReturn.toolVersion.standards) {
                    standardPosition.putIfAbsent(standard.key, standard.position);
                }
                for (Views.StandardRecord s : standards(visit)) {
                    if (s.outcome() == null) {
                        continue;
                    }
                    Outcome outcome = Outcome.fromCode(s.outcome());
                    overall = overall.plus(outcome);
                    visitTally = visitTally.plus(outcome);
                    bySector.merge(sector.code, new Views.Tally(sector.code, sector.name, 0, 0, 0, 0).plus(outcome),
                            (a, b) -> a.plus(outcome));
                    byStandard.merge(s.standardKey(), new Views.Tally(s.standardKey(), s.title(), 0, 0, 0, 0).plus(outcome),
                            (a, b) -> a.plus(outcome));
                }
            }
            Views.Visit view = view(visit);
            outcomes.add(new Views.VisitOutcome(visit.id, view.agencyName(), view.sectorName(), view.status(),
                    view.statusLabel(), visit.date, visitTally));
        }
        int active = done + planned;
        String donePercent = Views.percent(done, submitted);
        String commitment = done + " of " + active + " done, " + donePercent + " of " + Counts.of(submitted, "return", "returns");
        List<Views.Tally> standardsInOrder = byStandard.values().stream()
                .sorted(Comparator.comparing((Views.Tally t) -> standardPosition.getOrDefault(t.key(), 0))
                        .thenComparing(Views.Tally::key))
                .toList();
        return new Views.Report(round.id, round.name, submitted, sampleSize, active, done, cancelled, donePercent,
                commitment, overall, List.copyOf(bySector.values()), standardsInOrder, outcomes);
    }

    private static String code(Grade grade) {
        return grade == null ? null : grade.code;
    }

    private static String label(Grade grade) {
        return grade == null ? "Not answered" : grade.label;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static void requireText(String text, String field, String message) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(field, message);
        }
        if (text.length() > 900) {
            throw DomainException.invalid(field, "The reason must be 900 characters or fewer");
        }
    }
}

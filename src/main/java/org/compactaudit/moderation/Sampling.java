package org.compactaudit.moderation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.agency.Sector;
import org.compactaudit.common.ApiError;
import org.compactaudit.common.DomainException;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.web.Counts;

/**
 * The round's reproducible, stratified sample: drawing it (again, while no visit is underway), replacing a sampled
 * agency and adding one outside the sample. The allocation itself is {@link Sampler}'s.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Sampling {

    @Inject
    ModerationQueries queries;

    public static final String FIXED = "fixed";
    public static final String PERCENT = "percent";
    public static final int DEFAULT_SIZE = 12;
    public static final BigDecimal DEFAULT_PERCENT = BigDecimal.TEN;
    public static final int DEFAULT_MINIMUM = 1;
    /** Seeds the service picks stay below a billion so people can read them out and type them back. */
    private static final int SEED_BOUND = 1_000_000_000;

    /** Why the sample may no longer be drawn: shown on the page in place of the form and given by the API. */
    public static final String DRAW_AGAIN_REFUSED = "Visits are planned, replaced, added or recorded, so the sample "
            + "cannot be drawn again. Replace or add agencies instead.";

    public record SampleRequest(String policy, Integer size, BigDecimal percent, Integer minimum, Long seed) {
    }

    @Inject
    Clock clock;

    @Inject
    ModerationViews views;

    private final SecureRandom seeds = new SecureRandom();

    /** What the sample is drawn from: the round's submitted returns with their sectors. */
    static List<Sampler.Candidate> candidates(long roundId) {
        List<Object[]> rows = Return.getEntityManager().createQuery(
                "select r.id, r.agency.sector.code from Return r where r.round.id = ?1 and r.status = ?2", Object[].class)
                .setParameter(1, roundId).setParameter(2, ReturnStatus.SUBMITTED).getResultList();
        return rows.stream().map(row -> new Sampler.Candidate((Long) row[0], (String) row[1])).toList();
    }

    static List<String> sectorOrder() {
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
            throw DomainException.invalid(errors.get(0).message(), errors);
        }
        return size;
    }

    /**
     * Draws (or draws again, while no visit has been planned or recorded) the round's sample and its visits, and
     * answers with the round's moderation as drawn, in the same transaction.
     */
    @Transactional
    public Views.RoundModeration draw(long roundId, SampleRequest request, String drawnBy) {
        AuditRound round = queries.round(roundId);
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
        return views.roundModeration(roundId);
    }

    /** The one rule for drawing again, used by the draw and by the page that offers it: no visit is underway. */
    static boolean canDrawAgain(List<ModerationVisit> visits) {
        if (visits.isEmpty()) {
            return true;
        }
        // One query for the whole sample: the round page asks this on every view.
        Set<Long> graded = Set.copyOf(ModeratedGrade.getEntityManager()
                .createQuery("select distinct g.visit.id from ModeratedGrade g where g.visit.id in :ids", Long.class)
                .setParameter("ids", visits.stream().map(v -> v.id).toList()).getResultList());
        return visits.stream().noneMatch(v -> v.isUnderway(graded.contains(v.id)));
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
     * Replaces a planned visit of the round's sample, with a reason: by the return the manager picks, or else by the
     * next return in the same sector's seeded order that has no visit.
     */
    @Transactional
    public ModerationVisit replace(long roundId, long visitId, String reason, Long returnId) {
        ModerationVisit visit = queries.visitInRound(roundId, visitId);
        if (visit.status != VisitStatus.PLANNED || ModeratedGrade.count("visit.id", visit.id) > 0) {
            throw DomainException.conflict("Only a planned visit with nothing recorded can be replaced");
        }
        Visits.requireText(reason, "reason", "Enter why the agency is being replaced");
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
        AuditRound round = queries.round(roundId);
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (returnId == null) {
            errors.add(new ApiError.FieldError("returnId", "Choose the agency to add"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new ApiError.FieldError("reason", "Enter why the agency is being added"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors.get(0).message(), errors);
        }
        return newVisit(round, unvisitedReturn(roundId, returnId, "returnId"), Selection.ADDED, reason.trim());
    }

    private Return unvisitedReturn(long roundId, long returnId, String field) {
        Return r = queries.returnOf(returnId).orElse(null);
        if (r == null || !r.round.id.equals(roundId) || !r.isSubmitted()) {
            throw DomainException.invalid(field, "Choose a submitted return of this round");
        }
        if (ModerationVisit.count("agencyReturn.id", returnId) > 0) {
            throw DomainException.invalid(field, r.agency.name + " already has a moderation visit in this round");
        }
        return r;
    }

    static Set<Long> visitedReturns(long roundId) {
        return ModerationVisit.<ModerationVisit>list("round.id", roundId).stream()
                .map(v -> v.agencyReturn.id).collect(Collectors.toSet());
    }
}

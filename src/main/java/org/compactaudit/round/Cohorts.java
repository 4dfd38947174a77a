package org.compactaudit.round;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.DomainException;
import org.compactaudit.round.RoundQueries.CohortCandidate;
import org.compactaudit.tool.ToolCatalogue;
import org.compactaudit.tool.ToolVersion;

/**
 * A round's cohort: which agencies a new round proposes, and adding or removing agencies of a draft round, each
 * with its reason recorded in cohort_change.
 */
@ApplicationScoped
public class Cohorts {

    public record CohortEdit(List<Change> add, List<Change> remove) {
    }

    public record Change(Long agencyId, String reason) {
    }

    /** The add-to-cohort search: what was typed, the reason so far, and the matching agencies not in the cohort. */
    public record CohortSearch(String find, String reason, List<Agency> matches) {

        static final CohortSearch NONE = new CohortSearch("", "", List.of());
    }

    /** The agency a remove confirmation asks about, in its round. */
    public record Removal(AuditRound round, Agency agency) {
    }

    /** How many agencies the cohort search lists. */
    private static final int MATCHES_LISTED = 20;

    @Inject
    Event<CohortChanged> cohortChanged;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    RoundQueries queries;

    @Inject
    ToolCatalogue catalogue;

    @Inject
    RoundsConfig config;

    /**
     * A new round's cohort: the proposed one, or the listed agencies (each keeping its proposed reason, else added by
     * the manager). Unknown agencies and an empty cohort are added to {@code errors}.
     */
    Map<Long, CohortReason> choose(Map<Long, CohortCandidate> agencies, CycleGroup group, Optional<AuditRound> previous,
            List<Long> listed, List<FieldError> errors) {
        Map<Long, CohortReason> proposal = propose(agencies, group, previous);
        Map<Long, CohortReason> cohort;
        if (listed == null) {
            cohort = proposal;
        } else {
            cohort = new LinkedHashMap<>();
            List<Long> unknown = new ArrayList<>();
            for (Long id : listed) {
                if (id == null || !agencies.containsKey(id)) {
                    unknown.add(id);
                } else {
                    cohort.put(id, proposal.getOrDefault(id, CohortReason.ADDED_BY_MANAGER));
                }
            }
            if (!unknown.isEmpty()) {
                errors.add(new FieldError("cohort", "These agencies are not agencies of the partnership: " + unknown));
            }
        }
        if (cohort.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("cohort", "The cohort is empty: no agency of the partnership is due or carried over"));
        }
        return cohort;
    }

    /** The active agencies of the cycle group due, then the active agencies that did not return in the previous round. */
    private Map<Long, CohortReason> propose(Map<Long, CohortCandidate> agencies, CycleGroup group, Optional<AuditRound> previous) {
        Map<Long, CohortReason> proposal = new LinkedHashMap<>();
        agencies.values().stream().filter(a -> a.active() && a.group() == group)
                .forEach(a -> proposal.put(a.id(), CohortReason.CYCLE_GROUP));
        previous.ifPresent(p -> queries.agenciesNotReturned(p.id).stream()
                .filter(id -> agencies.containsKey(id) && agencies.get(id).active())
                // Carried over wins over the cycle group: the manager must see why it is here.
                .forEach(id -> proposal.put(id, CohortReason.NOT_RETURNED_LAST_ROUND)));
        return proposal;
    }

    /** Active agencies of the round's partnership, not in its cohort, whose name contains {@code part}: the first 20 by name. */
    public List<Agency> agenciesToAdd(AuditRound round, String part) {
        String pattern = "%" + part.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return queries.agenciesOutsideCohort(round.partnership.id, round.id, pattern, MATCHES_LISTED);
    }

    /** The cohort search of a draft round's page; none when nothing was typed or the round has been sent. */
    public CohortSearch search(AuditRound round, String find, String reason) {
        return find == null || find.isBlank() || round.status != RoundStatus.DRAFT ? CohortSearch.NONE
                : new CohortSearch(find.trim(), reason == null ? "" : reason, agenciesToAdd(round, find.trim()));
    }

    public Removal removal(long roundId, long agencyId) {
        AuditRound round = queries.round(roundId);
        Agency agency = Agency.<Agency>findByIdOptional(agencyId)
                .orElseThrow(() -> DomainException.notFound("No agency " + agencyId));
        return new Removal(round, agency);
    }

    /** The agency's name, for a banner naming it; null for no such agency. */
    public String agencyName(long agencyId) {
        Agency agency = Agency.findById(agencyId);
        return agency == null ? null : agency.name;
    }

    /**
     * A new round's returns, one per cohort member with its reason and its sector's tool, a member the manager listed
     * recorded as added; written in batches so a large partnership does not fill the session.
     */
    void enrol(AuditRound round, Map<Long, CohortReason> cohort, Map<Long, CohortCandidate> agencies, String actor) {
        long roundId = round.id;
        Map<String, Long> toolIds = new HashMap<>();
        round.tools.forEach((sector, tool) -> toolIds.put(sector, tool.id));
        int n = 0;
        for (Map.Entry<Long, CohortReason> member : cohort.entrySet()) {
            Return r = new Return();
            r.round = em.getReference(AuditRound.class, roundId);
            r.agency = em.getReference(Agency.class, member.getKey());
            r.toolVersion = em.getReference(ToolVersion.class, toolIds.get(agencies.get(member.getKey()).sector()));
            r.cohortReason = member.getValue();
            r.persist();
            if (member.getValue() == CohortReason.ADDED_BY_MANAGER) {
                recordChange(roundId, member.getKey(), CohortChange.ADDED, "Listed in the cohort when the round was created", actor);
            }
            if (++n % config.batchSize() == 0) {
                em.flush();
                em.clear();
            }
        }
        em.flush();
        em.clear();
        cohortChanged.fire(new CohortChanged(roundId));
    }

    /** Adds and removes agencies of a draft round, each with a reason recorded in cohort_change; answers the round after. */
    @Transactional
    public RoundService.RoundWithCohort changeCohort(long roundId, CohortEdit edit, String actor) {
        AuditRound round = queries.round(roundId);
        if (round.status != RoundStatus.DRAFT) {
            throw DomainException.conflict("The round has been sent: its cohort can no longer change");
        }
        List<FieldError> errors = new ArrayList<>();
        List<Change> add = edit == null || edit.add() == null ? List.of() : edit.add();
        List<Change> remove = edit == null || edit.remove() == null ? List.of() : edit.remove();
        Map<Long, CohortCandidate> agencies = queries.cohortCandidates(round.partnership.id);
        List<Return> toRemove = new ArrayList<>();
        for (int i = 0; i < add.size(); i++) {
            Change change = add.get(i);
            String field = "add[" + i + "]";
            if (change.reason() == null || change.reason().isBlank()) {
                errors.add(new FieldError(field + ".reason", "Give a reason for adding the agency"));
            }
            CohortCandidate agency = change.agencyId() == null ? null : agencies.get(change.agencyId());
            if (agency == null) {
                errors.add(new FieldError(field + ".agencyId", "Agency " + change.agencyId() + " is not an agency of the partnership"));
            } else if (queries.inCohort(roundId, change.agencyId())) {
                errors.add(new FieldError(field + ".agencyId", "Agency " + change.agencyId() + " is already in the cohort"));
            } else if (!round.tools.containsKey(agency.sector()) && catalogue.latestFor(agency.sector(), round.partnership.id).isEmpty()) {
                errors.add(new FieldError(field + ".agencyId", "No tool version covers the sector " + agency.sector()));
            }
        }
        for (int i = 0; i < remove.size(); i++) {
            Change change = remove.get(i);
            String field = "remove[" + i + "]";
            if (change.reason() == null || change.reason().isBlank()) {
                errors.add(new FieldError(field + ".reason", "Give a reason for removing the agency"));
            }
            Optional<Return> existing = change.agencyId() == null ? Optional.empty() : queries.returnOf(roundId, change.agencyId());
            if (existing.isEmpty()) {
                errors.add(new FieldError(field + ".agencyId", "Agency " + change.agencyId() + " is not in the cohort"));
            } else {
                toRemove.add(existing.get());
            }
        }
        if (!errors.isEmpty()) {
            throw RoundService.invalid(errors);
        }
        for (Change change : add) {
            String sector = agencies.get(change.agencyId()).sector();
            ToolVersion tool = round.tools.computeIfAbsent(sector, s -> catalogue.latestFor(s, round.partnership.id).orElseThrow());
            Return r = new Return();
            r.round = round;
            r.agency = em.getReference(Agency.class, change.agencyId());
            r.toolVersion = tool;
            r.cohortReason = CohortReason.ADDED_BY_MANAGER;
            r.cohortNote = change.reason().trim();
            r.persist();
            recordChange(roundId, change.agencyId(), CohortChange.ADDED, change.reason().trim(), actor);
        }
        for (int i = 0; i < remove.size(); i++) {
            toRemove.get(i).delete();
            recordChange(roundId, remove.get(i).agencyId(), CohortChange.REMOVED, remove.get(i).reason().trim(), actor);
        }
        cohortChanged.fire(new CohortChanged(roundId));
        return new RoundService.RoundWithCohort(round, queries.cohortAgencyIds(roundId));
    }

    void recordChange(long roundId, long agencyId, String kind, String reason, String actor) {
        CohortChange change = new CohortChange();
        change.roundId = roundId;
        change.agencyId = agencyId;
        change.changeKind = kind;
        change.reason = reason;
        change.changedBy = actor == null ? "system" : actor;
        change.changedAt = clock.instant();
        change.persist();
    }
}

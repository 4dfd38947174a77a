package org.compactaudit.round;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import org.compactaudit.agency.CycleGroup;
import org.compactaudit.agency.Sector;
import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.DomainException;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.PartnershipScope;
import org.compactaudit.tool.ToolCatalogue;
import org.compactaudit.tool.ToolVersion;
import org.compactaudit.web.Option;
import org.compactaudit.web.Page;

/**
 * Creating a round with its proposed cohort ({@link Cohorts}) and default chaser schedule ({@link ChaserSettings}),
 * and reading rounds. Sending is {@link RoundSending}.
 */
@ApplicationScoped
public class RoundService {

    public record RoundInput(String name, String partnership, String cycleGroup, LocalDate opensOn, LocalDate dueOn,
            LocalDate closesOn, Map<String, String> tools, List<Long> cohort) {
    }

    /** A round with its cohort as agency ids, as the API shows it. */
    public record RoundWithCohort(AuditRound round, List<Long> cohort) {
    }

    public record SectorTools(String code, String name, List<Option> options) {
    }

    /** What the new-round form offers: the partnerships (the first chosen at first) and each sector's tool versions. */
    public record FormChoices(List<Option> partnerships, String firstPartnership, List<SectorTools> sectors) {
    }

    @Inject
    Clock clock;

    @Inject
    RoundQueries queries;

    @Inject
    PartnershipScope scope;

    @Inject
    Cohorts cohorts;

    @Inject
    ChaserSettings chaserSettings;

    @Inject
    ToolCatalogue catalogue;

    public AuditRound get(long id) {
        return queries.round(id);
    }

    /** Every round, newest first. */
    public List<AuditRound> list() {
        return queries.roundsNewestFirst();
    }

    public Page<AuditRound> roundsNewestFirst(int number, int size) {
        return queries.roundsNewestFirst(number, size);
    }

    public RoundWithCohort withCohort(long id) {
        return new RoundWithCohort(queries.round(id), queries.cohortAgencyIds(id));
    }

    /** Every round with its cohort, newest first. */
    public List<RoundWithCohort> listWithCohorts() {
        return queries.roundsNewestFirst().stream().map(r -> withCohort(r.id)).toList();
    }

    public FormChoices formChoices() {
        List<Option> partnerships = scope.partnerships().stream().map(p -> new Option(p.code, p.name)).toList();
        String first = scope.acting().map(p -> p.code).orElse(partnerships.isEmpty() ? "" : partnerships.get(0).value());
        List<SectorTools> sectors = new ArrayList<>();
        for (Sector sector : Sector.listInOrder()) {
            List<Option> options = catalogue.forSector(sector.code).stream()
                    .map(t -> new Option(t.reference(), t.title + " (" + t.reference() + ")")).toList();
            sectors.add(new SectorTools(sector.code, sector.name, options));
        }
        return new FormChoices(partnerships, first, sectors);
    }

    /**
     * Creates a draft round with its cohort: the partnership's active agencies of the cycle group due, plus every
     * agency that did not return in the previous round, unless the input lists the cohort itself.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public AuditRound create(RoundInput input, String actor) {
        List<FieldError> errors = new ArrayList<>();
        String name = input.name() == null ? "" : input.name().trim();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "Enter a name for the round, for example 2018-19"));
        } else if (name.length() > 80) {
            errors.add(new FieldError("name", "The name must be 80 characters or fewer"));
        }
        // Another partnership's code reads as unknown: the form does not tell that it exists.
        Partnership partnership = scope.partnership(input.partnership()).orElse(null);
        if (partnership == null) {
            errors.add(new FieldError("partnership", "Choose the partnership the round is for"));
        } else if (!name.isEmpty() && queries.roundNameTaken(partnership.id, name)) {
            errors.add(new FieldError("name", "This partnership already has a round called " + name));
        }
        validateDates(input.opensOn(), input.dueOn(), input.closesOn(), errors);
        CycleGroup group = null;
        if (input.cycleGroup() != null && !input.cycleGroup().isBlank()) {
            try {
                group = CycleGroup.valueOf(input.cycleGroup().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cycleGroup", "The cycle group must be A or B"));
            }
        }
        Map<String, ToolVersion> tools = partnership == null ? Map.of() : resolveTools(input.tools(), partnership.id, errors);
        if (partnership == null || !errors.isEmpty()) {
            throw invalid(errors);
        }
        Optional<AuditRound> previous = queries.sentRoundsOpenedBefore(partnership.id, input.opensOn(), 1).stream().findFirst();
        if (group == null) {
            // The two-year cycle: the group that was not due last time is due now.
            group = previous.map(p -> p.cycleGroup == CycleGroup.A ? CycleGroup.B : CycleGroup.A).orElse(CycleGroup.A);
        }
        Map<Long, RoundQueries.CohortCandidate> agencies = queries.cohortCandidates(partnership.id);
        Map<Long, CohortReason> cohort = cohorts.choose(agencies, group, previous, input.cohort(), errors);
        cohort.keySet().stream().map(id -> agencies.get(id).sector()).distinct().sorted()
                .filter(sector -> !tools.containsKey(sector))
                .forEach(sector -> errors.add(new FieldError("tools." + sector,
                        "No tool version covers the sector " + sector + ", which has agencies in the cohort")));
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }

        AuditRound round = new AuditRound();
        round.partnership = partnership;
        round.name = name;
        round.cycleGroup = group;
        round.opensOn = input.opensOn();
        round.dueOn = input.dueOn();
        round.closesOn = input.closesOn();
        round.createdAt = clock.instant();
        // Only the sectors the cohort needs, so the round's tools read as what was actually sent.
        cohort.keySet().stream().map(id -> agencies.get(id).sector()).distinct()
                .forEach(sector -> round.tools.put(sector, tools.get(sector)));
        round.persist();
        chaserSettings.addDefaultSteps(round.id);
        long roundId = round.id;
        cohorts.enrol(round, cohort, agencies, actor);
        return queries.round(roundId);
    }

    static void validateDates(LocalDate opensOn, LocalDate dueOn, LocalDate closesOn, List<FieldError> errors) {
        if (opensOn == null) {
            errors.add(new FieldError("opensOn", "Enter the date the round opens"));
        }
        if (dueOn == null) {
            errors.add(new FieldError("dueOn", "Enter the date returns are due"));
        }
        if (closesOn == null) {
            errors.add(new FieldError("closesOn", "Enter the date the round closes"));
        }
        if (opensOn != null && dueOn != null && dueOn.isBefore(opensOn)) {
            errors.add(new FieldError("dueOn", "The due date must be on or after the opening date"));
        }
        if (dueOn != null && closesOn != null && closesOn.isBefore(dueOn)) {
            errors.add(new FieldError("closesOn", "The closing date must be on or after the due date"));
        }
    }

    private Map<String, ToolVersion> resolveTools(Map<String, String> requested, long partnershipId, List<FieldError> errors) {
        Map<String, ToolVersion> tools = new HashMap<>();
        Map<String, String> given = requested == null ? Map.of() : requested;
        List<String> sectorCodes = Sector.listInOrder().stream().map(s -> ((Sector) s).code).toList();
        given.keySet().stream().filter(code -> !sectorCodes.contains(code))
                .forEach(code -> errors.add(new FieldError("tools." + code, "There is no sector " + code)));
        for (String sector : sectorCodes) {
            String reference = given.get(sector);
            if (reference == null || reference.isBlank()) {
                catalogue.latestFor(sector, partnershipId).ifPresent(tool -> tools.put(sector, tool));
                continue;
            }
            String[] parts = reference.trim().split("/", 2);
            Optional<ToolVersion> tool = parts.length == 2 ? ToolVersion.findByKey(parts[0], parts[1])
                    .filter(t -> t.availableTo(partnershipId)) : Optional.empty();
            if (tool.isEmpty()) {
                errors.add(new FieldError("tools." + sector, "There is no tool version " + reference + " (expected toolKey/version)"));
            } else if (!tool.get().sectors.contains(sector)) {
                errors.add(new FieldError("tools." + sector, "The tool version " + reference + " is not for the sector " + sector));
            } else {
                tools.put(sector, tool.get());
            }
        }
        return tools;
    }

    /** The round's field errors as one exception: the single message, or how many problems there are. */
    static DomainException invalid(List<FieldError> errors) {
        String message = errors.size() == 1 ? errors.get(0).message() : "The round has " + errors.size() + " problems";
        return DomainException.invalid(message, errors);
    }
}

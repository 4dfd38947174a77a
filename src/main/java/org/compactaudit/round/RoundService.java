package org.compactaudit.round;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

import org.compactaudit.common.EmailAddress;
import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.agency.Sector;
import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.DomainException;
import org.compactaudit.mail.Outbox;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.CohortReason;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnLinks;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.tool.ToolVersion;

/** Creating a round, proposing and editing its cohort, and sending the invitations through the outbox. */
@ApplicationScoped
public class RoundService {

    /** Loose on purpose: it catches blanks and typing slips, not every address RFC 5322 allows. */
    public static final DateTimeFormatter LONG_DATE = org.compactaudit.common.Dates.LONG_DATE;

    public record RoundInput(String name, String partnership, String cycleGroup, LocalDate opensOn, LocalDate dueOn,
            LocalDate closesOn, Map<String, String> tools, List<Long> cohort) {
    }

    public record CohortEdit(List<Change> add, List<Change> remove) {
    }

    public record Change(Long agencyId, String reason) {
    }

    public record SendResult(int invited, int cannotBeContacted) {
    }

    /** The agencies of a partnership as cohort building needs them, one row each. */
    private record AgencyRow(long id, String sector, CycleGroup group, boolean active) {
    }

    @Inject
    Event<CohortChanged> cohortChanged;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    ReturnLinks links;

    @Inject
    Outbox outbox;

    @Location("mail/invitation.txt")
    Template invitationText;

    @Location("mail/invitation.html")
    Template invitationHtml;

    @ConfigProperty(name = "compact.rounds.batch-size", defaultValue = "500")
    int batchSize;

    public static boolean contactable(String email) {
        return email != null && EmailAddress.isValid(email.trim());
    }

    public AuditRound get(long id) {
        AuditRound round = AuditRound.findById(id);
        if (round == null) {
            throw DomainException.notFound("No audit round " + id);
        }
        return round;
    }

    /** The default tool for a sector: the latest published version that covers it. */
    public Optional<ToolVersion> latestToolFor(String sectorCode) {
        return em.createQuery("select t from ToolVersion t join t.sectors s where s = :sector"
                + " order by t.publishedAt desc, t.id desc", ToolVersion.class)
                .setParameter("sector", sectorCode).setMaxResults(1).getResultStream().findFirst();
    }

    /** The tool versions that cover a sector, newest first, for the select on the round form. */
    public List<ToolVersion> toolsFor(String sectorCode) {
        return em.createQuery("select t from ToolVersion t join t.sectors s where s = :sector"
                + " order by t.publishedAt desc, t.id desc", ToolVersion.class)
                .setParameter("sector", sectorCode).getResultList();
    }

    /** The partnership's latest round that was sent and opened before the given date. */
    public Optional<AuditRound> previousRound(long partnershipId, LocalDate before) {
        return AuditRound.<AuditRound>find("partnership.id = ?1 and opensOn < ?2 and status <> ?3 order by opensOn desc",
                partnershipId, before, RoundStatus.DRAFT).firstResultOptional();
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
        Partnership partnership = input.partnership() == null ? null
                : Partnership.findByCode(input.partnership().trim()).orElse(null);
        if (partnership == null) {
            errors.add(new FieldError("partnership", "Choose the partnership the round is for"));
        } else if (!name.isEmpty() && AuditRound.count("partnership.id = ?1 and name = ?2", partnership.id, name) > 0) {
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
        Map<String, ToolVersion> tools = resolveTools(input.tools(), errors);
        if (partnership == null || !errors.isEmpty()) {
            throw invalid(errors);
        }
        Optional<AuditRound> previous = previousRound(partnership.id, input.opensOn());
        if (group == null) {
            // The two-year cycle: the group that was not due last time is due now.
            group = previous.map(p -> p.cycleGroup == CycleGroup.A ? CycleGroup.B : CycleGroup.A).orElse(CycleGroup.A);
        }
        Map<Long, AgencyRow> agencies = agenciesOf(partnership.id);
        Map<Long, CohortReason> proposal = propose(agencies, group, previous);
        Map<Long, CohortReason> cohort;
        if (input.cohort() == null) {
            cohort = proposal;
        } else {
            cohort = new LinkedHashMap<>();
            List<Long> unknown = new ArrayList<>();
            for (Long id : input.cohort()) {
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
        for (int offset : ChaserStep.DEFAULT_OFFSETS) {
            ChaserStep step = new ChaserStep();
            step.roundId = round.id;
            step.offsetDays = offset;
            step.persist();
        }
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
            if (++n % batchSize == 0) {
                em.flush();
                em.clear();
            }
        }
        em.flush();
        em.clear();
        cohortChanged.fire(new CohortChanged(roundId));
        return AuditRound.findById(roundId);
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

    private Map<String, ToolVersion> resolveTools(Map<String, String> requested, List<FieldError> errors) {
        Map<String, ToolVersion> tools = new HashMap<>();
        Map<String, String> given = requested == null ? Map.of() : requested;
        List<String> sectorCodes = Sector.listInOrder().stream().map(s -> ((Sector) s).code).toList();
        given.keySet().stream().filter(code -> !sectorCodes.contains(code))
                .forEach(code -> errors.add(new FieldError("tools." + code, "There is no sector " + code)));
        for (String sector : sectorCodes) {
            String reference = given.get(sector);
            if (reference == null || reference.isBlank()) {
                latestToolFor(sector).ifPresent(tool -> tools.put(sector, tool));
                continue;
            }
            String[] parts = reference.trim().split("/", 2);
            Optional<ToolVersion> tool = parts.length == 2 ? ToolVersion.findByKey(parts[0], parts[1]) : Optional.empty();
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

    private Map<Long, AgencyRow> agenciesOf(long partnershipId) {
        Map<Long, AgencyRow> rows = new LinkedHashMap<>();
        em.createQuery("select a.id, a.sector.code, a.cycleGroup, a.active from Agency a join a.partnerships p"
                + " where p.id = :p order by a.id", Object[].class)
                .setParameter("p", partnershipId).getResultStream()
                .forEach(row -> rows.put((Long) row[0],
                        new AgencyRow((Long) row[0], (String) row[1], (CycleGroup) row[2], (Boolean) row[3])));
        return rows;
    }

    private Map<Long, CohortReason> propose(Map<Long, AgencyRow> agencies, CycleGroup group, Optional<AuditRound> previous) {
        Map<Long, CohortReason> proposal = new LinkedHashMap<>();
        agencies.values().stream().filter(a -> a.active() && a.group() == group)
                .forEach(a -> proposal.put(a.id(), CohortReason.CYCLE_GROUP));
        previous.ifPresent(p -> em.createQuery("select r.agency.id from Return r where r.round.id = :round"
                + " and r.status <> :submitted and r.exemptReason is null", Long.class)
                .setParameter("round", p.id).setParameter("submitted", ReturnStatus.SUBMITTED)
                .getResultStream()
                .filter(id -> agencies.containsKey(id) && agencies.get(id).active())
                // Carried over wins over the cycle group: the manager must see why it is here.
                .forEach(id -> proposal.put(id, CohortReason.NOT_RETURNED_LAST_ROUND)));
        return proposal;
    }

    /** Active agencies of the round's partnership, not in its cohort, whose name contains {@code part}: the first 20 by name. */
    public List<Agency> agenciesToAdd(AuditRound round, String part) {
        String pattern = "%" + part.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return em.createQuery("select a from Agency a join a.partnerships p join fetch a.sector where p.id = :partnership"
                + " and a.active = true and lower(a.name) like :pattern escape '!'"
                + " and a.id not in (select r.agency.id from Return r where r.round.id = :round) order by a.name", Agency.class)
                .setParameter("partnership", round.partnership.id).setParameter("pattern", pattern)
                .setParameter("round", round.id).setMaxResults(20).getResultList();
    }

    /** Adds and removes agencies of a draft round, each with a reason recorded in cohort_change. */
    @Transactional
    public void changeCohort(long roundId, CohortEdit edit, String actor) {
        AuditRound round = get(roundId);
        if (round.status != RoundStatus.DRAFT) {
            throw DomainException.conflict("The round has been sent: its cohort can no longer change");
        }
        List<FieldError> errors = new ArrayList<>();
        List<Change> add = edit == null || edit.add() == null ? List.of() : edit.add();
        List<Change> remove = edit == null || edit.remove() == null ? List.of() : edit.remove();
        Map<Long, AgencyRow> agencies = agenciesOf(round.partnership.id);
        List<Return> toRemove = new ArrayList<>();
        for (int i = 0; i < add.size(); i++) {
            Change change = add.get(i);
            String field = "add[" + i + "]";
            if (change.reason() == null || change.reason().isBlank()) {
                errors.add(new FieldError(field + ".reason", "Give a reason for adding the agency"));
            }
            AgencyRow agency = change.agencyId() == null ? null : agencies.get(change.agencyId());
            if (agency == null) {
                errors.add(new FieldError(field + ".agencyId", "Agency " + change.agencyId() + " is not an agency of the partnership"));
            } else if (Return.count("round.id = ?1 and agency.id = ?2", roundId, change.agencyId()) > 0) {
                errors.add(new FieldError(field + ".agencyId", "Agency " + change.agencyId() + " is already in the cohort"));
            } else if (!round.tools.containsKey(agency.sector()) && latestToolFor(agency.sector()).isEmpty()) {
                errors.add(new FieldError(field + ".agencyId", "No tool version covers the sector " + agency.sector()));
            }
        }
        for (int i = 0; i < remove.size(); i++) {
            Change change = remove.get(i);
            String field = "remove[" + i + "]";
            if (change.reason() == null || change.reason().isBlank()) {
                errors.add(new FieldError(field + ".reason", "Give a reason for removing the agency"));
            }
            Optional<Return> existing = change.agencyId() == null ? Optional.empty()
                    : Return.<Return>find("round.id = ?1 and agency.id = ?2", roundId, change.agencyId()).firstResultOptional();
            if (existing.isEmpty()) {
                errors.add(new FieldError(field + ".agencyId", "Agency " + change.agencyId() + " is not in the cohort"));
            } else {
                toRemove.add(existing.get());
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        for (Change change : add) {
            String sector = agencies.get(change.agencyId()).sector();
            ToolVersion tool = round.tools.computeIfAbsent(sector, s -> latestToolFor(s).orElseThrow());
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
    }

    private void recordChange(long roundId, long agencyId, String kind, String reason, String actor) {
        CohortChange change = new CohortChange();
        change.roundId = roundId;
        change.agencyId = agencyId;
        change.changeKind = kind;
        change.reason = reason;
        change.changedBy = actor == null ? "system" : actor;
        change.changedAt = clock.instant();
        change.persist();
    }

    /**
     * Sends the round (a long transaction for a big cohort, hence the longer timeout): one invitation per contactable agency, queued in the outbox in this transaction together
     * with each return's invitedAt and the round's SENT status, so either all are queued or none. Agencies
     * without a valid lead email are left uninvited and show as "cannot be contacted".
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public SendResult send(long roundId) {
        AuditRound round = get(roundId);
        if (round.status != RoundStatus.DRAFT) {
            throw DomainException.conflict("The round " + round.name + " has already been sent");
        }
        List<Long> ids = em.createQuery("select r.id from Return r where r.round.id = :round order by r.id", Long.class)
                .setParameter("round", roundId).getResultList();
        if (ids.isEmpty()) {
            throw DomainException.invalid("cohort", "The cohort is empty: add agencies before sending");
        }
        Partnership partnership = round.partnership;
        Map<String, Object> common = new HashMap<>();
        common.put("partnership", partnership);
        common.put("roundName", round.name);
        common.put("dueOn", LONG_DATE.format(round.dueOn));
        String replyTo = partnership.contactEmail;
        String subject = "Section 11 safeguarding audit " + round.name + ": please return it by " + LONG_DATE.format(round.dueOn);
        Instant now = clock.instant();
        int invited = 0;
        int uncontactable = 0;
        for (int from = 0; from < ids.size(); from += batchSize) {
            List<Return> batch = em.createQuery("select r from Return r join fetch r.agency join fetch r.toolVersion"
                    + " where r.id in :ids", Return.class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + batchSize))).getResultList();
            List<Outbox.Email> emails = new ArrayList<>();
            for (Return r : batch) {
                if (!contactable(r.agency.leadEmail)) {
                    uncontactable++;
                    continue;
                }
                String link = links.url(links.issue(r));
                Map<String, Object> data = new HashMap<>(common);
                data.put("agency", r.agency);
                data.put("toolTitle", r.toolVersion.title);
                data.put("link", link);
                emails.add(new Outbox.Email("invitation", r.agency.leadEmail.trim(), replyTo, subject,
                        render(invitationText, data), render(invitationHtml, data), r.id));
                r.invitedAt = now;
                invited++;
            }
            outbox.enqueueAll(emails);
            em.flush();
            em.clear();
        }
        AuditRound sent = AuditRound.findById(roundId);
        sent.status = RoundStatus.SENT;
        sent.sentAt = now;
        return new SendResult(invited, uncontactable);
    }

    static String render(Template template, Map<String, Object> data) {
        var instance = template.instance();
        data.forEach(instance::data);
        return instance.render();
    }

    /** Edits the chaser schedule (before or during the round): offsets from the due date, repeat interval, maximum. */
    @Transactional
    public void updateSchedule(long roundId, List<Integer> offsets, int repeatDays, int max) {
        AuditRound round = get(roundId);
        List<FieldError> errors = new ArrayList<>();
        if (offsets.stream().anyMatch(o -> o == null || o < -365 || o > 365)) {
            errors.add(new FieldError("offsets", "Each chaser day must be a whole number of days from the due date, between -365 and 365"));
        } else if (offsets.stream().distinct().count() != offsets.size()) {
            errors.add(new FieldError("offsets", "Each chaser day must appear once"));
        }
        if (repeatDays < 1 || repeatDays > 90) {
            errors.add(new FieldError("repeatDays", "Repeat chasers every 1 to 90 days"));
        }
        if (max < 1 || max > 20) {
            errors.add(new FieldError("max", "Send between 1 and 20 chasers in all"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        ChaserStep.delete("roundId", roundId);
        em.flush();
        offsets.stream().sorted().forEach(offset -> {
            ChaserStep step = new ChaserStep();
            step.roundId = roundId;
            step.offsetDays = offset;
            step.persist();
        });
        round.chaserRepeatDays = repeatDays;
        round.chaserMax = max;
    }

    private static DomainException invalid(List<FieldError> errors) {
        String message = errors.size() == 1 ? errors.get(0).message() : "The round has " + errors.size() + " problems";
        return new DomainException(400, message, errors);
    }
}

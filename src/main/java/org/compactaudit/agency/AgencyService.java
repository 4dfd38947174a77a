package org.compactaudit.agency;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.DomainException;
import org.compactaudit.common.EmailAddress;
import org.compactaudit.common.Text;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.PartnershipScope;
import org.compactaudit.web.Page;

/** The agency directory: validation, create, update, deactivate, delete (only without history) and search. */
@ApplicationScoped
public class AgencyService {

    static final int NAME_MAX = 200;
    static final int SUB_TYPE_MAX = 120;

    @Inject
    AgencyReturns rounds;

    @Inject
    AgencyQueries queries;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    PartnershipScope scope;

    /** Sectors and partnerships by the keys people type, loaded once per request or import. */
    public static final class Lookups {
        private final Map<String, Sector> sectors = new HashMap<>();
        private final Map<String, Partnership> partnerships;
        private final List<Partnership> defaults;

        Lookups(List<Sector> sectorList, List<Partnership> partnershipList, List<Partnership> defaults) {
            this.defaults = defaults;
            // A sector's display name is accepted too, case-insensitively; codes win over names.
            sectorList.forEach(s -> sectors.put(s.name.toLowerCase(Locale.ROOT), s));
            sectorList.forEach(s -> sectors.put(s.code.toLowerCase(Locale.ROOT), s));
            partnerships = partnershipList.stream().collect(Collectors.toMap(p -> p.code, Function.identity()));
        }

        Optional<Sector> sector(String codeOrName) {
            return Optional.ofNullable(codeOrName == null ? null : sectors.get(codeOrName.trim().toLowerCase(Locale.ROOT)));
        }

        Optional<Partnership> partnership(String code) {
            return Optional.ofNullable(partnerships.get(code.trim()));
        }

        boolean chosen(String code) {
            return partnerships.containsKey(code);
        }
    }

    /**
     * The sectors, the partnerships the user may see, and those a new agency joins when none is chosen: the user's
     * partnerships as the header shows them (the picked one, or all of theirs combined).
     */
    public Lookups lookups() {
        List<Partnership> visible = scope.partnerships();
        return new Lookups(Sector.listInOrder(), visible, scope.limit().isPresent() ? visible : List.of());
    }

    public List<Sector> sectors() {
        return Sector.listInOrder();
    }

    public List<Partnership> partnerships() {
        return scope.partnerships();
    }

    /** A page of the agencies the criteria match, each with its partnerships' codes (the list page and the API). */
    public Page<AgencyListView.Row> search(AgencyCriteria criteria) {
        Page<Agency> found = queries.search(criteria);
        return new Page<>(withPartnerships(found.items()), found.number(), found.size(), found.total());
    }

    /** Every agency the criteria match, each with its partnerships' codes (the CSV export). */
    public List<AgencyListView.Row> searchAll(AgencyCriteria criteria) {
        return withPartnerships(queries.searchAll(criteria));
    }

    private List<AgencyListView.Row> withPartnerships(List<Agency> agencies) {
        Map<Long, List<String>> codes = queries.partnershipCodes(agencies);
        return agencies.stream().map(a -> new AgencyListView.Row(a, codes.getOrDefault(a.id, List.of()))).toList();
    }

    /** The agency's partnerships that the user may see, by code: the others stay unnamed. */
    public List<Partnership> partnershipsInScope(Agency agency) {
        return agency.partnerships.stream().filter(p -> scope.sees(p.id))
                .sorted(Comparator.comparing((Partnership p) -> p.code)).toList();
    }

    public Agency get(long id) {
        return queries.findAgency(id)
                .orElseThrow(() -> DomainException.notFound("No agency with id " + id));
    }

    /** Deleting is offered only while nothing of the audit refers to the agency. */
    public boolean canDelete(long agencyId) {
        return !rounds.anyFor(agencyId);
    }

    @Transactional
    public Agency create(AgencyForm form) {
        Lookups lookups = lookups();
        List<FieldError> errors = new ArrayList<>(validate(form, lookups));
        checkNotDuplicate(form, lookups, null).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Agency agency = new Agency();
        agency.createdAt = clock.instant();
        apply(agency, form, lookups);
        agency.persist();
        return agency;
    }

    /** Updates from a form; a form started from an older version is refused so nobody's edit is lost silently. */
    @Transactional
    public Agency update(long id, AgencyForm form) {
        Agency agency = get(id);
        if (form.version() != null && form.version() != agency.version) {
            throw staleEdit();
        }
        Lookups lookups = lookups();
        List<FieldError> errors = new ArrayList<>(validate(form, lookups));
        checkNotDuplicate(form, lookups, id).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        if (differs(agency, form, lookups)) {
            apply(agency, form, lookups);
            flushOrConflict();
        }
        return agency;
    }

    @Transactional
    public Agency setActive(long id, boolean active) {
        Agency agency = get(id);
        if (agency.active != active) {
            agency.active = active;
            agency.updatedAt = clock.instant();
            flushOrConflict();
        }
        return agency;
    }

    @Transactional
    public void delete(long id) {
        Agency agency = get(id);
        if (!canDelete(id)) {
            throw DomainException.conflict(agency.name + " has returns in audit rounds, so it cannot be deleted. "
                    + "Deactivate it instead.");
        }
        agency.delete();
    }

    public static DomainException staleEdit() {
        return DomainException.conflict("Someone else changed this agency since you opened it. "
                + "Check the latest details and make your change again.");
    }

    private void flushOrConflict() {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw staleEdit();
        }
    }

    static DomainException invalid(List<FieldError> errors) {
        return DomainException.invalid("The agency has invalid fields", errors);
    }

    /** Field checks shared by the form, the API and each CSV row (duplicates are checked by the caller). */
    List<FieldError> validate(AgencyForm form, Lookups lookups) {
        List<FieldError> errors = new ArrayList<>();
        String name = Text.blankToNull(form.name());
        if (name == null) {
            errors.add(new FieldError("name", "Enter the agency's name"));
        } else if (name.length() > NAME_MAX) {
            errors.add(new FieldError("name", "Name must be " + NAME_MAX + " characters or fewer"));
        }
        String sector = Text.blankToNull(form.sector());
        if (sector == null) {
            errors.add(new FieldError("sector", "Select the sector"));
        } else if (lookups.sector(sector).isEmpty()) {
            errors.add(new FieldError("sector", "Unknown sector '" + sector + "'"));
        }
        if (Text.blankToNull(form.subType()) != null && Text.blankToNull(form.subType()).length() > SUB_TYPE_MAX) {
            errors.add(new FieldError("subType", "Sub-type must be " + SUB_TYPE_MAX + " characters or fewer"));
        }
        if (CycleGroup.parse(form.cycleGroup()).isEmpty()) {
            errors.add(new FieldError("cycleGroup", Text.blankToNull(form.cycleGroup()) == null ? "Select cycle group A or B"
                    : "Cycle group must be A or B, not '" + form.cycleGroup().trim() + "'"));
        }
        checkPersonName(errors, "leadName", form.leadName(), "Safeguarding lead's name");
        checkEmail(errors, "leadEmail", form.leadEmail(), "safeguarding lead's");
        checkPersonName(errors, "seniorName", form.seniorName(), "Senior manager's name");
        checkEmail(errors, "seniorEmail", form.seniorEmail(), "senior manager's");
        List<String> unknown = form.partnerships().stream().map(Text::blankToNull).filter(Objects::nonNull)
                .filter(code -> lookups.partnership(code).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            errors.add(new FieldError("partnerships", "Unknown partnership " + unknown.stream()
                    .map(c -> "'" + c + "'").collect(Collectors.joining(", "))));
        } else if (partnershipCodes(form).isEmpty() && lookups.defaults.isEmpty() && scope.limit().isPresent()) {
            errors.add(new FieldError("partnerships", "Select the partnerships the agency works with"));
        }
        return errors;
    }

    private static void checkPersonName(List<FieldError> errors, String field, String value, String label) {
        if (Text.blankToNull(value) != null && Text.blankToNull(value).length() > NAME_MAX) {
            errors.add(new FieldError(field, label + " must be " + NAME_MAX + " characters or fewer"));
        }
    }

    private static void checkEmail(List<FieldError> errors, String field, String value, String whose) {
        String email = Text.blankToNull(value);
        if (email != null && !EmailAddress.isValid(email)) {
            errors.add(new FieldError(field, "Enter the " + whose + " email address in the correct format, "
                    + "like name@example.org ('" + email + "' is not)"));
        }
    }

    private Optional<FieldError> checkNotDuplicate(AgencyForm form, Lookups lookups, Long exceptId) {
        String name = Text.blankToNull(form.name());
        Optional<Sector> sector = lookups.sector(form.sector());
        if (name == null || sector.isEmpty()) {
            return Optional.empty();
        }
        long same = queries.sameName(name, sector.get().code, exceptId);
        return same == 0 ? Optional.empty()
                : Optional.of(new FieldError("name", "An agency called '" + name + "' already exists in the "
                        + sector.get().name + " sector"));
    }

    /** The key that identifies an agency in imports and duplicate checks: its name (any case) and sector. */
    static String matchKey(String name, String sectorCode) {
        return name.trim().toLowerCase(Locale.ROOT) + "\u0000" + sectorCode;
    }

    /** True when saving the (valid) form would change the agency. */
    boolean differs(Agency agency, AgencyForm form, Lookups lookups) {
        return !Objects.equals(agency.name, Text.blankToNull(form.name()))
                || !agency.sector.code.equals(lookups.sector(form.sector()).orElseThrow().code)
                || !Objects.equals(agency.subType, Text.blankToNull(form.subType()))
                || agency.cycleGroup != CycleGroup.parse(form.cycleGroup()).orElseThrow()
                || !Objects.equals(agency.leadName, Text.blankToNull(form.leadName()))
                || !Objects.equals(agency.leadEmail, Text.blankToNull(form.leadEmail()))
                || !Objects.equals(agency.seniorName, Text.blankToNull(form.seniorName()))
                || !Objects.equals(agency.seniorEmail, Text.blankToNull(form.seniorEmail()))
                || agency.active != activeAfter(agency, form)
                || !agency.partnerships.stream().map(p -> p.code).filter(lookups::chosen).collect(Collectors.toSet())
                        .equals(partnershipCodes(form, lookups, agency));
    }

    /** Copies a valid form onto the agency. */
    void apply(Agency agency, AgencyForm form, Lookups lookups) {
        agency.name = Text.blankToNull(form.name());
        agency.sector = lookups.sector(form.sector()).orElseThrow();
        agency.subType = Text.blankToNull(form.subType());
        agency.cycleGroup = CycleGroup.parse(form.cycleGroup()).orElseThrow();
        agency.leadName = Text.blankToNull(form.leadName());
        agency.leadEmail = Text.blankToNull(form.leadEmail());
        agency.seniorName = Text.blankToNull(form.seniorName());
        agency.seniorEmail = Text.blankToNull(form.seniorEmail());
        agency.active = activeAfter(agency, form);
        // Partnerships the user cannot see stay as they are: a shared agency is edited by each of its partnerships.
        Set<Partnership> partnerships = agency.partnerships.stream().filter(p -> !lookups.chosen(p.code))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        partnershipCodes(form, lookups, agency).forEach(code -> partnerships.add(lookups.partnership(code).orElseThrow()));
        if (!agency.partnerships.equals(partnerships)) {
            agency.partnerships.clear();
            agency.partnerships.addAll(partnerships);
        }
        agency.updatedAt = clock.instant();
    }

    /** A form without the flag keeps the agency as it is (a new one starts active). */
    private static boolean activeAfter(Agency agency, AgencyForm form) {
        return form.active() != null ? form.active() : agency.id == null || agency.active;
    }

    private static Set<String> partnershipCodes(AgencyForm form) {
        return form.partnerships().stream().map(Text::blankToNull).filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The form's partnerships. None chosen: a new agency joins the user's partnerships ({@link #lookups}) and an
     * existing one keeps its own, so a re-imported file without the column changes nothing and no agency is left
     * with no partnership, unseen by anyone.
     */
    private static Set<String> partnershipCodes(AgencyForm form, Lookups lookups, Agency agency) {
        Set<String> codes = partnershipCodes(form);
        if (codes.isEmpty() && agency.id == null) {
            lookups.defaults.forEach(p -> codes.add(p.code));
        } else if (codes.isEmpty()) {
            agency.partnerships.stream().map(p -> p.code).filter(lookups::chosen).forEach(codes::add);
        }
        return codes;
    }
}

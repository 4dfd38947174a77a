package org.compactaudit.agency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.PartnershipScope;
import org.compactaudit.web.Page;

/**
 * The directory's searches: a page of agencies, all of them for the export, and their partnership codes. Each applies
 * the {@link PartnershipScope}: an agency is seen by the staff of each partnership it works with, and only those
 * partnerships' codes are shown.
 */
@ApplicationScoped
public class AgencyQueries {

    /** The agencies working with at least one partnership in scope (bound as :scope). */
    private static final String IN_SCOPE = "a.id in (select a3.id from Agency a3 join a3.partnerships p3 where p3.id in :scope)";

    @Inject
    EntityManager em;

    @Inject
    PartnershipScope scope;

    public Optional<Agency> findAgency(long id) {
        return Agency.<Agency>findByIdOptional(id).filter(a -> scope.limit()
                .map(ids -> a.partnerships.stream().anyMatch(p -> ids.contains(p.id))).orElse(true));
    }

    /** Agencies in scope of that name (any case) and sector, other than {@code exceptId}. */
    public long sameName(String name, String sectorCode, Long exceptId) {
        Map<String, Object> params = new HashMap<>(Map.of("name", name.toLowerCase(Locale.ROOT), "sector", sectorCode,
                "except", exceptId == null ? -1L : exceptId));
        String where = scoped(" where lower(a.name) = :name and a.sector.code = :sector and a.id <> :except", params);
        TypedQuery<Long> count = em.createQuery("select count(a) from Agency a" + where, Long.class);
        params.forEach(count::setParameter);
        return count.getSingleResult();
    }

    /** Every agency in scope with its sector and partnerships: what an import's rows are matched against. */
    public List<Agency> importable() {
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Agency> query = em.createQuery("select distinct a from Agency a join fetch a.sector "
                + "left join fetch a.partnerships" + scoped("", params), Agency.class);
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    public Page<Agency> search(AgencyCriteria criteria) {
        Map<String, Object> params = new HashMap<>();
        String where = where(criteria, params);
        TypedQuery<Long> count = em.createQuery("select count(a) from Agency a" + where, Long.class);
        params.forEach(count::setParameter);
        long total = count.getSingleResult();
        List<Agency> items = query(criteria, where, params)
                .setFirstResult((criteria.page() - 1) * criteria.size())
                .setMaxResults(criteria.size())
                .getResultList();
        return new Page<>(items, criteria.page(), criteria.size(), total);
    }

    /** Every agency matching the criteria, in their order, for the export. */
    public List<Agency> searchAll(AgencyCriteria criteria) {
        Map<String, Object> params = new HashMap<>();
        return query(criteria, where(criteria, params), params).getResultList();
    }

    /** Partnership codes per agency id in one query, so long lists and exports make no query per agency. */
    public Map<Long, List<String>> partnershipCodes(List<Agency> agencies) {
        Map<Long, List<String>> codes = new HashMap<>();
        if (agencies.isEmpty()) {
            return codes;
        }
        List<Object[]> rows = agencies.size() <= 1000
                ? em.createQuery("select a.id, p.code from Agency a join a.partnerships p where a.id in :ids "
                        + "order by p.code", Object[].class)
                        .setParameter("ids", agencies.stream().map(a -> a.id).toList()).getResultList()
                : em.createQuery("select a.id, p.code from Agency a join a.partnerships p order by p.code",
                        Object[].class).getResultList();
        Set<String> visible = scope.partnerships().stream().map(p -> p.code).collect(Collectors.toSet());
        rows.stream().filter(row -> visible.contains((String) row[1]))
                .forEach(row -> codes.computeIfAbsent((Long) row[0], id -> new ArrayList<>()).add((String) row[1]));
        return codes;
    }

    private TypedQuery<Agency> query(AgencyCriteria criteria, String where, Map<String, Object> params) {
        String direction = criteria.descending() ? " desc" : "";
        String order = switch (criteria.sortKey()) {
            case "sector" -> "s.sortOrder" + direction + ", lower(a.name)";
            case "group" -> "a.cycleGroup" + direction + ", lower(a.name)";
            default -> "lower(a.name)" + direction;
        };
        TypedQuery<Agency> query = em.createQuery("select a from Agency a join fetch a.sector s" + where
                + " order by " + order + ", a.id", Agency.class);
        params.forEach(query::setParameter);
        return query;
    }

    private String where(AgencyCriteria c, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (c.q() != null) {
            params.put("q", "%" + c.q().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
            clauses.add("(lower(a.name) like :q escape '\\' or lower(a.leadName) like :q escape '\\' "
                    + "or lower(a.leadEmail) like :q escape '\\')");
        }
        if (c.sector() != null) {
            params.put("sector", c.sector());
            clauses.add("a.sector.code = :sector");
        }
        if (c.cycleGroup() != null) {
            params.put("cycleGroup", CycleGroup.parse(c.cycleGroup())
                    .orElseThrow(() -> DomainException.invalid("cycleGroup", "Cycle group must be A or B")));
            clauses.add("a.cycleGroup = :cycleGroup");
        }
        if (c.partnership() != null && scope.partnership(c.partnership()).isEmpty()) {
            // Another partnership's code: filtering by it would tell which shared agencies work with it.
            clauses.add("1 = 0");
        } else if (c.partnership() != null) {
            params.put("partnership", c.partnership());
            clauses.add("a.id in (select a2.id from Agency a2 join a2.partnerships p where p.code = :partnership)");
        }
        if (c.active() != null) {
            params.put("active", c.active());
            clauses.add("a.active = :active");
        }
        return scoped(clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses), params);
    }

    private String scoped(String where, Map<String, Object> params) {
        Optional<Set<Long>> limit = scope.limit();
        if (limit.isEmpty()) {
            return where;
        }
        params.put("scope", limit.get());
        return (where.isEmpty() ? " where " : where + " and ") + IN_SCOPE;
    }
}

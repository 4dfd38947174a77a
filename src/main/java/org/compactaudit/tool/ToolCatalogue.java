package org.compactaudit.tool;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

import org.compactaudit.agency.Sector;
import org.compactaudit.common.Dates;
import org.compactaudit.common.DomainException;
import org.compactaudit.security.PartnershipScope;
import org.compactaudit.web.Page;

/**
 * Reads published tool versions for the pages and the API: the shipped ones and those uploaded by the partnerships
 * in the {@link PartnershipScope}; another partnership's upload is "not found".
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ToolCatalogue {

    @Inject
    PartnershipScope scope;

    /** A tool version in a list: the API's light form. */
    public record ToolSummary(String toolKey, String version, String variant, String title, List<String> sectors,
            Instant publishedAt) {

        public String reference() {
            return toolKey + "/" + version;
        }
    }

    /** A row of the tools page: the summary with its sector names and sizes. */
    public record ToolRow(ToolSummary tool, List<String> sectorNames, long standards, long questions,
            String publishedOn) {
    }

    /** A date as pages show it, e.g. "1 May 2018", in England's time zone. */
    public static String date(Instant at) {
        return Dates.date(at);
    }

    public List<ToolSummary> list() {
        Comparator<String> order = sectorOrder();
        return available("order by t.toolKey, t.version").list().stream().map(t -> summary(t, order)).toList();
    }

    public Page<ToolRow> page(int number, int size) {
        Comparator<String> order = sectorOrder();
        Map<String, String> names = sectorNames();
        PanacheQuery<ToolVersion> query = available("order by t.toolKey, t.version");
        long total = query.count();
        int page = (int) Math.max(1, Math.min(number, (total + size - 1) / size));
        List<ToolVersion> tools = query.page(page - 1, size).list();
        Map<Long, long[]> sizes = sizes(tools.stream().map(t -> t.id).toList());
        List<ToolRow> rows = tools.stream().map(t -> {
            ToolSummary summary = summary(t, order);
            long[] counts = sizes.getOrDefault(t.id, new long[2]);
            return new ToolRow(summary, summary.sectors().stream().map(c -> names.getOrDefault(c, c)).toList(),
                    counts[0], counts[1], date(t.publishedAt));
        }).toList();
        return new Page<>(rows, page, size, total);
    }

    public ToolDefinition definition(String toolKey, String version) {
        return definition(find(toolKey, version));
    }

    public ToolDefinition definition(ToolVersion tool) {
        return ToolDefinition.of(tool, sectorOrder());
    }

    public ToolVersion find(String toolKey, String version) {
        return visible(toolKey, version).orElseThrow(
                () -> DomainException.notFound("No published tool version " + toolKey + "/" + version));
    }

    /** The version when the user may see it. */
    public Optional<ToolVersion> visible(String toolKey, String version) {
        return ToolVersion.findByKey(toolKey, version)
                .filter(t -> t.partnership == null || scope.sees(t.partnership.id));
    }

    /**
     * Newest first by the version label (a year such as 2018-19), whatever order the files were imported in; of the
     * same label, the last published.
     */
    private static final String NEWEST_FIRST = " order by t.version desc, t.publishedAt desc, t.id desc";

    /** The tool versions that cover a sector, newest first: the choices for that sector on the round form. */
    public List<ToolVersion> forSector(String sectorCode) {
        Optional<Set<Long>> limit = scope.limit();
        String covering = "select t from ToolVersion t join t.sectors s where s = ?1";
        String order = NEWEST_FIRST;
        return limit.isEmpty() ? ToolVersion.<ToolVersion>list(covering + order, sectorCode)
                : ToolVersion.<ToolVersion>list(covering + " and (t.partnership is null or t.partnership.id in ?2)" + order,
                        sectorCode, limit.get());
    }

    /** The default tool for a sector in a partnership's round: the newest version available to it. */
    public Optional<ToolVersion> latestFor(String sectorCode, long partnershipId) {
        return ToolVersion.<ToolVersion>find("select t from ToolVersion t join t.sectors s where s = ?1"
                + " and (t.partnership is null or t.partnership.id = ?2)" + NEWEST_FIRST,
                sectorCode, partnershipId).firstResultOptional();
    }

    private PanacheQuery<ToolVersion> available(String order) {
        Optional<Set<Long>> limit = scope.limit();
        return limit.isEmpty() ? ToolVersion.find("select t from ToolVersion t " + order)
                : ToolVersion.find("select t from ToolVersion t where t.partnership is null or t.partnership.id in ?1 "
                        + order, limit.get());
    }

    /** Compares two versions given as "toolKey/version"; the field names are the query's, "from" and "to". */
    public ToolComparison compare(String from, String to) {
        return ToolComparison.between(byReference("from", from), byReference("to", to), sectorNames());
    }

    /** Sector names by code, in the sector table's order. */
    public Map<String, String> sectorNames() {
        Map<String, String> names = new LinkedHashMap<>();
        Sector.listInOrder().forEach(s -> names.put(s.code, s.name));
        return names;
    }

    private ToolDefinition byReference(String field, String reference) {
        if (reference == null || reference.isBlank()) {
            throw DomainException.invalid(field, "Choose the version to compare " + field);
        }
        int slash = reference.indexOf('/');
        if (slash <= 0 || slash == reference.length() - 1) {
            throw DomainException.invalid(field, "Give the " + field + " version as toolKey/version, for example compact-audit/2018-19");
        }
        String toolKey = reference.substring(0, slash);
        String version = reference.substring(slash + 1);
        ToolVersion tool = visible(toolKey, version).orElseThrow(() -> DomainException.invalid(field,
                "There is no published tool version " + reference));
        return ToolDefinition.of(tool, sectorOrder());
    }

    /** Every question of the tool version with its standard and the sectors it applies to. */
    public List<Question> questionsOf(long toolVersionId) {
        return Question.getEntityManager().createQuery("select distinct q from Question q join fetch q.standard s"
                + " left join fetch q.sectors where s.toolVersion.id = :t", Question.class)
                .setParameter("t", toolVersionId).getResultList();
    }

    private Map<Long, long[]> sizes(List<Long> ids) {
        Map<Long, long[]> sizes = new HashMap<>();
        if (ids.isEmpty()) {
            return sizes;
        }
        List<Object[]> rows = Standard.getEntityManager().createQuery(
                "select s.toolVersion.id, count(distinct s.id), count(q.id) from Standard s left join s.questions q "
                        + "where s.toolVersion.id in :ids group by s.toolVersion.id", Object[].class)
                .setParameter("ids", ids).getResultList();
        rows.forEach(r -> sizes.put((Long) r[0], new long[] { (Long) r[1], (Long) r[2] }));
        return sizes;
    }

    private static ToolSummary summary(ToolVersion tool, Comparator<String> order) {
        return new ToolSummary(tool.toolKey, tool.version, tool.variant, tool.title,
                tool.sectors.stream().sorted(order).toList(), tool.publishedAt);
    }

    private Comparator<String> sectorOrder() {
        List<String> codes = List.copyOf(sectorNames().keySet());
        return Comparator.comparingInt((String code) -> codes.indexOf(code) < 0 ? Integer.MAX_VALUE : codes.indexOf(code))
                .thenComparing(Comparator.naturalOrder());
    }
}

package org.compactaudit.agency;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.compactaudit.web.Option;
import org.compactaudit.web.Page;

/** What the agency list page shows: one page of rows, the filters as entered, and links that keep them. */
public record AgencyListView(Page<Row> page, AgencyCriteria criteria, String status, List<Option> sectors,
        List<Option> partnerships) {

    /** One agency in the list with its partnership codes. */
    public record Row(Agency agency, List<String> partnerships) {
        public boolean isContactable() {
            return agency.leadEmail != null;
        }
    }

    public String sortHref(String key) {
        boolean ascendingNow = criteria.sortKey().equals(key) && !criteria.descending();
        return href(ascendingNow ? "-" + key : key, 1);
    }

    /** The aria-sort of a sortable column header. */
    public String ariaSort(String key) {
        if (!criteria.sortKey().equals(key)) {
            return "none";
        }
        return criteria.descending() ? "descending" : "ascending";
    }

    /** A page's link without its number, which the pagination tag appends. */
    public String pageHrefPrefix() {
        String query = query(criteria.sort(), 0);
        return "/agencies" + (query.isEmpty() ? "?" : query + "&") + "page=";
    }

    public String exportHref() {
        return "/agencies/export.csv" + query(criteria.sort(), 0);
    }

    public boolean isFiltered() {
        return criteria.q() != null || criteria.sector() != null || criteria.cycleGroup() != null
                || criteria.partnership() != null || !"active".equals(status);
    }

    /** Page numbers around the current one, with 0 where the pagination shows an ellipsis. */
    public List<Integer> getPageNumbers() {
        List<Integer> numbers = new ArrayList<>();
        int last = page.getPages();
        for (int n = 1; n <= last; n++) {
            if (n == 1 || n == last || Math.abs(n - page.number()) <= 2) {
                numbers.add(n);
            } else if (numbers.get(numbers.size() - 1) != 0) {
                numbers.add(0);
            }
        }
        return numbers;
    }

    private String href(String sort, int pageNumber) {
        return "/agencies" + query(sort, pageNumber);
    }

    private String query(String sort, int pageNumber) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", criteria.q());
        params.put("sector", criteria.sector());
        params.put("cycleGroup", criteria.cycleGroup());
        params.put("partnership", criteria.partnership());
        params.put("status", status);
        params.put("sort", sort);
        params.put("page", pageNumber > 1 ? Integer.toString(pageNumber) : null);
        String query = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? "" : "?" + query;
    }
}

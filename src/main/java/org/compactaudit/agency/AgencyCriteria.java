package org.compactaudit.agency;

import org.compactaudit.common.Text;

/**
 * A search of the agency directory: text in name, lead name or lead email; sector code; cycle group;
 * partnership code; active (null = both). Sort is {@code name}, {@code sector} or {@code group}, with a
 * leading {@code -} for descending. Page numbers start at 1.
 */
public record AgencyCriteria(String q, String sector, String cycleGroup, String partnership, Boolean active,
        String sort, int page, int size) {

    public static final int PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 500;

    public AgencyCriteria {
        q = Text.blankToNull(q);
        sector = Text.blankToNull(sector);
        cycleGroup = Text.blankToNull(cycleGroup);
        partnership = Text.blankToNull(partnership);
        sort = sortKey(sort).isEmpty() ? "name" : sort.trim();
        page = Math.max(1, page);
        size = size <= 0 ? PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
    }

    public String sortKey() {
        return sortKey(sort);
    }

    public boolean descending() {
        return sort.startsWith("-");
    }

    private static String sortKey(String sort) {
        if (sort == null) {
            return "";
        }
        String key = sort.trim().startsWith("-") ? sort.trim().substring(1) : sort.trim();
        return switch (key) {
            case "name", "sector", "group" -> key;
            default -> "";
        };
    }
}

package org.compactaudit.moderation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The moderation draw, free of the database so it can be checked by hand.
 *
 * <p><b>Allocation</b> (largest remainder, or Hamilton's method): sector s with N<sub>s</sub> of the N submitted
 * returns has the quota n·N<sub>s</sub>/N of the n visits. Each sector first gets the whole part of its quota;
 * the seats left go one each to the largest fractional parts (ties: more returns, then sector order). Then, when
 * n is at least the number of sectors with returns, every sector left with no seat takes one from the sector,
 * among those holding two or more, whose seats most exceed its quota (ties: later in sector order), so small
 * sectors are never missed.
 *
 * <p><b>Draw</b>: within each sector the returns are ordered by id and shuffled (Fisher–Yates) by a
 * {@link SplittableRandom} seeded with {@code seed XOR (0x9E3779B97F4A7C15 × sectorCode.hashCode())}; the first
 * seats of that order are the sample and the next ones are the replacements. Same seed and same returns give
 * the same sample; each sector's order does not depend on the other sectors.
 */
public final class Sampler {

    private static final long MIX = 0x9E3779B97F4A7C15L;

    /** A submitted return that may be drawn. */
    public record Candidate(long returnId, String sectorCode) {
    }

    /** One sector's share: its returns, exact quota, seats, and the returns drawn. */
    public record Stratum(String sectorCode, int returns, double quota, int seats, List<Long> drawn) {
    }

    private Sampler() {
    }

    /**
     * Seats per sector, in the order of {@code returnsBySector} (the sector order used for ties).
     */
    public static Map<String, Integer> allocate(Map<String, Integer> returnsBySector, int size) {
        int total = returnsBySector.values().stream().mapToInt(Integer::intValue).sum();
        List<String> order = new ArrayList<>(returnsBySector.keySet());
        Map<String, Integer> seats = new LinkedHashMap<>();
        // Fractional parts as exact numerators over the common denominator N, so ties are real ties.
        Map<String, Long> remainder = new LinkedHashMap<>();
        int given = 0;
        for (String sector : order) {
            long share = (long) size * returnsBySector.get(sector);
            int whole = total == 0 ? 0 : (int) (share / total);
            seats.put(sector, whole);
            remainder.put(sector, total == 0 ? 0 : share % total);
            given += whole;
        }
        List<String> byRemainder = new ArrayList<>(order);
        byRemainder.sort(Comparator.<String>comparingLong(remainder::get).reversed()
                .thenComparing(Comparator.<String>comparingInt(returnsBySector::get).reversed())
                .thenComparingInt(order::indexOf));
        for (int i = 0; given < size; i++, given++) {
            String sector = byRemainder.get(i);
            seats.merge(sector, 1, Integer::sum);
        }
        long withReturns = returnsBySector.values().stream().filter(n -> n > 0).count();
        if (size >= withReturns) {
            for (String sector : order) {
                if (returnsBySector.get(sector) > 0 && seats.get(sector) == 0) {
                    String donor = order.stream()
                            .filter(s -> seats.get(s) >= 2)
                            .max(Comparator.<String>comparingLong(s -> (long) seats.get(s) * total
                                            - (long) size * returnsBySector.get(s))
                                    .thenComparingInt(order::indexOf))
                            .orElseThrow();
                    seats.merge(donor, -1, Integer::sum);
                    seats.put(sector, 1);
                }
            }
        }
        return seats;
    }

    static double quota(int size, int returns, int total) {
        return total == 0 ? 0 : (double) size * returns / total;
    }

    /** Draws {@code size} returns stratified by sector; {@code sectorOrder} lists every sector code in display order. */
    public static List<Stratum> draw(List<Candidate> candidates, List<String> sectorOrder, int size, long seed) {
        Map<String, List<Long>> bySector = bySector(candidates, sectorOrder);
        Map<String, Integer> counts = new LinkedHashMap<>();
        bySector.forEach((sector, ids) -> counts.put(sector, ids.size()));
        Map<String, Integer> seats = allocate(counts, size);
        int total = candidates.size();
        List<Stratum> strata = new ArrayList<>();
        bySector.forEach((sector, ids) -> {
            List<Long> shuffled = shuffled(ids, sector, seed);
            int n = seats.get(sector);
            strata.add(new Stratum(sector, ids.size(), quota(size, ids.size(), total), n, List.copyOf(shuffled.subList(0, n))));
        });
        return strata;
    }

    /** The sector's returns in their seeded order: the sample first, then the replacements in turn. */
    public static List<Long> order(List<Candidate> candidates, String sectorCode, long seed) {
        List<Long> ids = candidates.stream().filter(c -> c.sectorCode().equals(sectorCode))
                .map(Candidate::returnId).sorted().toList();
        return shuffled(ids, sectorCode, seed);
    }

    private static Map<String, List<Long>> bySector(List<Candidate> candidates, List<String> sectorOrder) {
        Map<String, List<Long>> bySector = new LinkedHashMap<>();
        for (String sector : sectorOrder) {
            List<Long> ids = candidates.stream().filter(c -> c.sectorCode().equals(sector))
                    .map(Candidate::returnId).sorted().toList();
            if (!ids.isEmpty()) {
                bySector.put(sector, ids);
            }
        }
        return bySector;
    }

    private static List<Long> shuffled(List<Long> sortedIds, String sectorCode, long seed) {
        List<Long> ids = new ArrayList<>(sortedIds);
        SplittableRandom random = new SplittableRandom(seed ^ (MIX * sectorCode.hashCode()));
        for (int i = ids.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Long swap = ids.get(i);
            ids.set(i, ids.get(j));
            ids.set(j, swap);
        }
        return ids;
    }
}

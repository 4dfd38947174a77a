package org.compactaudit.reporting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.compactaudit.agency.Sector;
import org.compactaudit.reporting.RoundReport.SectorFigures;
import org.compactaudit.reporting.RoundReport.SectorRef;
import org.compactaudit.reporting.StandardReport.SectorCount;
import org.compactaudit.tool.Grade;

/** Reports' figures by sector: sector order and names, distributions added up, "3 GP practices and 14 schools". */
final class ReportFigures {

    private ReportFigures() {
    }

    /** Singular and plural nouns for "3 GP practices, 14 schools". */
    private static final Map<String, String[]> SECTOR_NOUNS = Map.of(
            "statutory", new String[] {"statutory agency", "statutory agencies"},
            "health", new String[] {"health organisation", "health organisations"},
            "gp-practice", new String[] {"GP practice", "GP practices"},
            "school", new String[] {"school", "schools"},
            "further-education", new String[] {"further education college", "further education colleges"},
            "early-years", new String[] {"early years setting", "early years settings"},
            "voluntary-community", new String[] {"voluntary or community group", "voluntary and community groups"},
            "sport-culture", new String[] {"sport or culture organisation", "sport and culture organisations"},
            "faith", new String[] {"faith group", "faith groups"},
            "commercial", new String[] {"commercial organisation", "commercial organisations"});

    static Map<String, Sector> sectors() {
        return Sector.<Sector>listAll().stream().collect(Collectors.toMap(s -> s.code, s -> s));
    }

    static String sectorName(Map<String, Sector> sectors, String code) {
        Sector sector = sectors.get(code);
        return sector == null ? code : sector.name;
    }

    static List<SectorRef> ordered(Set<String> codes, Map<String, Sector> sectors) {
        return codes.stream().map(sectors::get)
                .sorted(Comparator.comparingInt(s -> s.sortOrder))
                .map(s -> new SectorRef(s.code, s.name)).toList();
    }

    static List<SectorFigures> perSector(List<SectorRef> sectors, Map<String, Distribution> bySector) {
        return sectors.stream()
                .map(s -> new SectorFigures(s.code(), s.name(), bySector.getOrDefault(s.code(), Distribution.EMPTY)))
                .toList();
    }

    static Distribution sum(Map<String, Distribution> bySector) {
        return bySector.values().stream().reduce(Distribution.EMPTY, Distribution::plus);
    }

    static List<SectorCount> counts(List<SectorRef> sectors, Map<String, Distribution> bySector,
            ToLongFunction<Distribution> what) {
        List<SectorCount> counts = new ArrayList<>();
        for (SectorRef s : sectors) {
            long n = what.applyAsLong(bySector.getOrDefault(s.code(), Distribution.EMPTY));
            if (n > 0) {
                String[] nouns = SECTOR_NOUNS.getOrDefault(s.code(), new String[] {s.name(), s.name()});
                counts.add(new SectorCount(s.code(), s.name(), n, n + " " + (n == 1 ? nouns[0] : nouns[1])));
            }
        }
        return counts;
    }

    /** "3 GP practices, 10 early years settings and 14 schools", or null when none. */
    static String summary(List<SectorCount> counts) {
        if (counts.isEmpty()) {
            return null;
        }
        List<String> phrases = counts.stream().map(SectorCount::phrase).toList();
        if (phrases.size() == 1) {
            return phrases.get(0);
        }
        return String.join(", ", phrases.subList(0, phrases.size() - 1)) + " and " + phrases.get(phrases.size() - 1);
    }

    static void add(Map<String, Map<String, Distribution>> into, String key, String sector, String grade, Object n) {
        into.computeIfAbsent(key, k -> new HashMap<>())
                .merge(sector, Distribution.EMPTY.plus(grade(grade), number(n)), Distribution::plus);
    }

    static Grade grade(Object code) {
        return Grade.fromCode((String) code).orElseThrow(() -> new IllegalStateException("Unknown grade " + code));
    }

    static long number(Object n) {
        return n == null ? 0 : ((Number) n).longValue();
    }
}

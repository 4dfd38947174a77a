package org.compactaudit.reporting;

import static org.compactaudit.reporting.ReportFigures.add;
import static org.compactaudit.reporting.ReportFigures.counts;
import static org.compactaudit.reporting.ReportFigures.grade;
import static org.compactaudit.reporting.ReportFigures.number;
import static org.compactaudit.reporting.ReportFigures.ordered;
import static org.compactaudit.reporting.ReportFigures.perSector;
import static org.compactaudit.reporting.ReportFigures.sectorName;
import static org.compactaudit.reporting.ReportFigures.sectors;
import static org.compactaudit.reporting.ReportFigures.sum;
import static org.compactaudit.reporting.ReportFigures.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.agency.Sector;
import org.compactaudit.common.DomainException;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.PartnershipScope;
import org.compactaudit.reporting.RoundReport.ModerationComparison;
import org.compactaudit.reporting.RoundReport.ReturnFigures;
import org.compactaudit.reporting.RoundReport.SectorRef;
import org.compactaudit.reporting.RoundReport.SectorReturns;
import org.compactaudit.reporting.RoundReport.StandardFigures;
import org.compactaudit.reporting.RoundReport.WeakStandard;
import org.compactaudit.reporting.StandardReport.AgencyGrade;
import org.compactaudit.reporting.StandardReport.NotApplicableReason;
import org.compactaudit.reporting.StandardReport.QuestionFigures;
import org.compactaudit.reporting.StandardReport.SectorCount;
import org.compactaudit.reporting.StandardReport.Wording;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.RoundQueries;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.StandardGrade;
import org.compactaudit.web.Page;

/**
 * Reads the MESC figures. The overview reads the tallies (never the answers), so its cost follows the size of
 * the tool and the number of sectors, not the number of returns. The drill-down reads the answers of one
 * standard for its Not applicable reasons.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportService {

    public static final int AGENCIES_PER_PAGE = 50;

    @Inject
    ReportQueries queries;

    @Inject
    RoundQueries roundQueries;

    @Inject
    PartnershipScope scope;

    public RoundReport roundReport(long roundId) {
        AuditRound round = round(roundId);
        Map<String, Sector> sectors = sectors();
        ReturnFigures returns = returnFigures(roundId, sectors);
        Map<String, StandardInfo> standards = standards(roundId);

        Map<String, Map<String, Distribution>> agencies = new HashMap<>();
        for (Object[] row : queries.standardTallies(roundId)) {
            add(agencies, (String) row[0], (String) row[1], (String) row[2], row[3]);
        }
        Map<String, Map<String, Distribution>> answers = new HashMap<>();
        for (Object[] row : queries.answerTalliesByStandard(roundId)) {
            add(answers, (String) row[0], (String) row[1], (String) row[2], row[3]);
        }

        Set<String> sectorCodes = new LinkedHashSet<>();
        returns.bySector().forEach(s -> sectorCodes.add(s.sectorCode()));
        agencies.values().forEach(m -> sectorCodes.addAll(m.keySet()));
        List<SectorRef> sectorRefs = ordered(sectorCodes, sectors);

        List<StandardFigures> figures = new ArrayList<>();
        for (StandardInfo standard : standards.values()) {
            Map<String, Distribution> bySector = agencies.getOrDefault(standard.key, Map.of());
            Map<String, Distribution> answersBySector = answers.getOrDefault(standard.key, Map.of());
            figures.add(new StandardFigures(standard.key, standard.title, standard.position,
                    perSector(sectorRefs, bySector), sum(bySector), perSector(sectorRefs, answersBySector),
                    sum(answersBySector)));
        }
        List<StandardFigures> ranked = figures.stream()
                .sorted(Comparator.comparingDouble((StandardFigures s) -> s.total().weakShare()).reversed()
                        .thenComparing(Comparator.comparingLong((StandardFigures s) -> s.total().weak()).reversed())
                        .thenComparingInt(StandardFigures::position))
                .toList();
        List<WeakStandard> weakest = new ArrayList<>();
        for (StandardFigures s : ranked) {
            weakest.add(new WeakStandard(weakest.size() + 1, s.standardKey(), s.title(), s.total().weak(),
                    s.total().graded(), s.total().weakShare()));
        }
        return new RoundReport(round.id, round.name, round.partnership.code, round.partnership.name,
                StandardGrade.RULE, returns, sectorRefs, figures, weakest, moderation(roundId, standards));
    }

    public StandardReport standardReport(long roundId, String standardKey, int pageNumber) {
        AuditRound round = round(roundId);
        StandardInfo standard = standards(roundId).get(standardKey);
        if (standard == null) {
            throw DomainException.notFound("Standard " + standardKey + " is not in this round's audit tools.");
        }
        Map<String, Sector> sectors = sectors();
        // Each question key's wordings, newest tool version first: the first is the one the page heads it with.
        Map<String, Map<String, Set<String>>> wordings = new LinkedHashMap<>();
        Map<String, Integer> questionPositions = new HashMap<>();
        for (Object[] row : queries.questionTexts(roundId, standardKey)) {
            String key = (String) row[3];
            wordings.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent((String) row[4], t -> new java.util.TreeSet<>()).add((String) row[2]);
            questionPositions.putIfAbsent(key, ((Number) row[5]).intValue());
        }
        List<String> toolQuestions = wordings.keySet().stream()
                .sorted(Comparator.comparingInt((String k) -> questionPositions.get(k)).thenComparing(k -> k)).toList();
        Map<String, Map<String, Distribution>> byQuestion = new HashMap<>();
        for (Object[] row : queries.questionTallies(roundId, standardKey)) {
            add(byQuestion, (String) row[0], (String) row[1], (String) row[2], row[3]);
        }
        Map<String, Distribution> agencyBySector = new HashMap<>();
        for (Object[] row : queries.standardTalliesOf(roundId, standardKey)) {
            agencyBySector.merge((String) row[0], Distribution.EMPTY.plus(grade(row[1]), number(row[2])), Distribution::plus);
        }
        Map<String, List<NotApplicableReason>> reasons = new HashMap<>();
        for (Object[] row : queries.notApplicableReasons(roundId, standardKey)) {
            String sector = (String) row[1];
            reasons.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(new NotApplicableReason(sector,
                    sectorName(sectors, sector), ((String) row[2]).isEmpty() ? "No reason given" : (String) row[2], number(row[3])));
        }

        Set<String> sectorCodes = new LinkedHashSet<>(agencyBySector.keySet());
        byQuestion.values().forEach(m -> sectorCodes.addAll(m.keySet()));
        List<SectorRef> sectorRefs = ordered(sectorCodes, sectors);
        Set<String> questionKeys = new LinkedHashSet<>(toolQuestions);
        questionKeys.addAll(byQuestion.keySet());

        List<QuestionFigures> questions = new ArrayList<>();
        for (String key : questionKeys) {
            Map<String, Distribution> bySector = byQuestion.getOrDefault(key, Map.of());
            List<SectorCount> weak = counts(sectorRefs, bySector, Distribution::weak);
            List<SectorCount> na = counts(sectorRefs, bySector, Distribution::notApplicable);
            List<NotApplicableReason> naReasons = reasons.getOrDefault(key, List.of()).stream()
                    .sorted(Comparator.comparingInt((NotApplicableReason r) -> sectors.get(r.sectorCode()).sortOrder)
                            .thenComparing(Comparator.comparingLong(NotApplicableReason::answers).reversed())
                            .thenComparing(NotApplicableReason::reason))
                    .toList();
            Map<String, Set<String>> texts = wordings.getOrDefault(key, Map.of());
            List<Wording> differing = texts.size() < 2 ? List.of() : texts.entrySet().stream()
                    .map(e -> new Wording(e.getKey(), List.copyOf(e.getValue()))).toList();
            questions.add(new QuestionFigures(key, texts.isEmpty() ? key : texts.keySet().iterator().next(), differing,
                    perSector(sectorRefs, bySector), sum(bySector), weak, na, summary(na), naReasons));
        }
        List<QuestionFigures> most = questions.stream().filter(q -> q.total().weak() > 0)
                .sorted(Comparator.comparingLong((QuestionFigures q) -> q.total().weak()).reversed()
                        .thenComparing(Comparator.comparingDouble((QuestionFigures q) -> q.total().weakShare()).reversed()))
                .toList();
        return new StandardReport(round.id, round.name, standard.key, standard.title, StandardGrade.RULE, sectorRefs,
                perSector(sectorRefs, agencyBySector), sum(agencyBySector), questions, most,
                agencies(roundId, standardKey, pageNumber, sum(agencyBySector).total(), sectors));
    }

    /** Agencies with their derived grade for the standard, weakest first; their number is the standard's tally. */
    private Page<AgencyGrade> agencies(long roundId, String standardKey, int pageNumber, long total,
            Map<String, Sector> sectors) {
        int page = Math.max(1, pageNumber);
        List<AgencyGrade> items = queries.agencyGrades(roundId, standardKey, (page - 1) * AGENCIES_PER_PAGE, AGENCIES_PER_PAGE).stream().map(row -> {
            Grade grade = grade(row[3]);
            return new AgencyGrade(number(row[0]), (String) row[1], (String) row[2], sectorName(sectors, (String) row[2]),
                    grade.code, grade.label);
        }).toList();
        return new Page<>(items, page, AGENCIES_PER_PAGE, total);
    }

    /** The partnerships whose trends the user may read, by name. */
    public List<Partnership> partnerships() {
        return scope.partnerships();
    }

    public Trend trend(String partnershipCode, String standardKey) {
        if (partnershipCode == null || partnershipCode.isBlank()) {
            throw DomainException.invalid("partnership", "Enter the partnership code.");
        }
        if (standardKey == null || standardKey.isBlank()) {
            throw DomainException.invalid("standard", "Enter the standard key.");
        }
        Partnership partnership = scope.partnership(partnershipCode)
                .orElseThrow(() -> DomainException.notFound("There is no partnership " + partnershipCode + "."));
        List<AuditRound> rounds = roundQueries.roundsOfPartnership(partnership.id);
        List<Trend.Point> points = new ArrayList<>();
        Map<String, String> previous = null;
        String title = standardKey;
        for (AuditRound round : rounds) {
            StandardInfo standard = standards(round.id).get(standardKey);
            if (standard == null) {
                continue;
            }
            // The newest round's title, as its report and the standard choices print it.
            title = standard.title;
            Map<String, String> questions = new LinkedHashMap<>();
            Set<String> versions = new java.util.TreeSet<>();
            for (Object[] row : queries.questionTexts(round.id, standardKey)) {
                versions.add(row[0] + "/" + row[1]);
                questions.putIfAbsent((String) row[3], (String) row[4]);
            }
            Distribution agencies = Distribution.EMPTY;
            for (Object[] row : queries.agencyGradeTotals(round.id, standardKey)) {
                agencies = agencies.plus(grade(row[0]), number(row[1]));
            }
            Distribution answers = Distribution.EMPTY;
            for (Object[] row : queries.answerGradeTotals(round.id, standardKey)) {
                answers = answers.plus(grade(row[0]), number(row[1]));
            }
            points.add(new Trend.Point(round.id, round.name, round.opensOn, List.copyOf(versions), agencies, answers,
                    previous == null ? List.of() : changes(previous, questions)));
            previous = questions;
        }
        if (points.isEmpty()) {
            throw DomainException.notFound("No round of " + partnershipCode + " used a tool with standard " + standardKey + ".");
        }
        return new Trend(partnership.code, partnership.name, standardKey, title, points);
    }

    /** Questions added, removed or reworded since the previous round, by question key. */
    static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        after.forEach((key, text) -> {
            if (!before.containsKey(key)) {
                changes.add("Question added: " + key + " (" + text + ")");
            } else if (!before.get(key).equals(text)) {
                changes.add("Question reworded: " + key + " (was: " + before.get(key) + ")");
            }
        });
        before.forEach((key, text) -> {
            if (!after.containsKey(key)) {
                changes.add("Question removed: " + key + " (" + text + ")");
            }
        });
        return changes;
    }

    private ReturnFigures returnFigures(long roundId, Map<String, Sector> sectors) {
        List<SectorReturns> bySector = new ArrayList<>();
        long cohort = 0;
        long returned = 0;
        long onTime = 0;
        List<Object[]> rows = queries.sectorReturns(roundId);
        for (Object[] row : rows) {
            String code = (String) row[0];
            SectorReturns s = new SectorReturns(code, sectorName(sectors, code), number(row[1]), number(row[2]), number(row[3]));
            bySector.add(s);
            cohort += s.cohort();
            returned += s.returned();
            onTime += s.onTime();
        }
        bySector.sort(Comparator.comparingInt(s -> sectors.get(s.sectorCode()).sortOrder));
        return new ReturnFigures(bySector, new SectorReturns(null, "All sectors", cohort, returned, onTime));
    }

    private List<ModerationComparison> moderation(long roundId, Map<String, StandardInfo> standards) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Object[] row : queries.moderatedAgainstSelf(roundId)) {
            Grade moderated = grade(row[1]);
            Grade self = grade(row[2]);
            if (!moderated.isGraded() || !self.isGraded()) {
                continue;
            }
            long[] c = counts.computeIfAbsent((String) row[0], k -> new long[3]);
            c[Integer.compare(moderated.rank, self.rank) + 1]++;
        }
        List<ModerationComparison> result = new ArrayList<>();
        for (StandardInfo standard : standards.values()) {
            long[] c = counts.get(standard.key);
            if (c != null) {
                // index 0: moderated lower than self-assessed (over-inflated); 1 equal; 2 moderated higher (under-scored)
                result.add(new ModerationComparison(standard.key, standard.title, c[1], c[2], c[0]));
            }
        }
        return result;
    }

    record StandardInfo(String key, String title, int position) {
    }

    /**
     * The standards of the round's tool versions, by stable key, in tool order. A key's title and position are
     * those of the newest tool version of the round that has it (latest published, then latest imported), so
     * the report, the drill-down and year on year call a standard by one name.
     */
    Map<String, StandardInfo> standards(long roundId) {
        return byPosition(queries.standardsOfRound(roundId));
    }

    /**
     * The standards a year-on-year view can follow, with the title the newest round using each one gives it (see
     * {@link #standards}); only the partnership's rounds when a partnership code is given.
     */
    public List<StandardTitle> standardTitles(String partnershipCode) {
        return byPosition(queries.standardsOfRounds(partnershipCode == null ? "" : partnershipCode.strip())).values().stream()
                .map(s -> new StandardTitle(s.key, s.title)).toList();
    }

    public record StandardTitle(String standardKey, String title) {
    }

    /** The first row of each key wins (the query orders newest first); then in tool order. */
    private static Map<String, StandardInfo> byPosition(List<Object[]> newestFirst) {
        Map<String, StandardInfo> newest = new HashMap<>();
        for (Object[] row : newestFirst) {
            newest.putIfAbsent((String) row[0], new StandardInfo((String) row[0], (String) row[1], ((Number) row[2]).intValue()));
        }
        Map<String, StandardInfo> ordered = new LinkedHashMap<>();
        newest.values().stream().sorted(Comparator.comparingInt(StandardInfo::position).thenComparing(StandardInfo::key))
                .forEach(s -> ordered.put(s.key, s));
        return ordered;
    }

    /** Through the rounds feature, so every report entry point sees only the rounds it may. */
    public AuditRound round(long roundId) {
        return roundQueries.findRound(roundId)
                .orElseThrow(() -> DomainException.notFound("There is no audit round " + roundId + "."));
    }
}

package org.compactaudit.reporting;

import static org.compactaudit.reporting.ReportFigures.add;
import static org.compactaudit.reporting.ReportFigures.number;
import static org.compactaudit.reporting.ReportFigures.ordered;
import static org.compactaudit.reporting.ReportFigures.perSector;
import static org.compactaudit.reporting.ReportFigures.sectorName;
import static org.compactaudit.reporting.ReportFigures.sectors;
import static org.compactaudit.reporting.ReportFigures.sum;

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
import org.compactaudit.reporting.QuestionsReport.QuestionRow;
import org.compactaudit.reporting.QuestionsReport.StandardQuestions;
import org.compactaudit.reporting.ReportService.StandardInfo;
import org.compactaudit.reporting.RoundReport.SectorRef;
import org.compactaudit.round.AuditRound;

/**
 * Every question's figures of a round in one read of its question-level tally (at most questions × sectors × 5
 * rows, whatever the number of returns), beside the round's questions and standards.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class QuestionsReports {

    @Inject
    ReportQueries queries;

    @Inject
    ReportService reports;

    public QuestionsReport questions(long roundId) {
        AuditRound round = reports.round(roundId);
        Map<String, Sector> sectors = sectors();
        Map<String, StandardInfo> standards = reports.standards(roundId);

        // Question key → standard key, wording and position, from the newest tool version that asks it.
        Map<String, Object[]> questions = new HashMap<>();
        for (Object[] row : queries.questionsOfRound(roundId)) {
            questions.putIfAbsent((String) row[1], row);
        }
        Map<String, Map<String, Distribution>> byQuestion = new HashMap<>();
        Map<String, String> standardOf = new HashMap<>();
        for (Object[] row : queries.questionTalliesOfRound(roundId)) {
            add(byQuestion, (String) row[1], (String) row[2], (String) row[3], row[4]);
            standardOf.putIfAbsent((String) row[1], (String) row[0]);
        }
        questions.forEach((key, row) -> standardOf.put(key, (String) row[0]));

        Set<String> sectorCodes = new LinkedHashSet<>();
        queries.sectorReturns(roundId).forEach(row -> sectorCodes.add((String) row[0]));
        byQuestion.values().forEach(m -> sectorCodes.addAll(m.keySet()));
        List<SectorRef> sectorRefs = ordered(sectorCodes, sectors);

        Map<String, List<String>> keysByStandard = new LinkedHashMap<>();
        standards.keySet().forEach(k -> keysByStandard.put(k, new ArrayList<>()));
        standardOf.forEach((question, standard) -> keysByStandard.computeIfAbsent(standard, k -> new ArrayList<>()).add(question));

        List<StandardQuestions> result = new ArrayList<>();
        keysByStandard.forEach((standardKey, keys) -> {
            keys.sort(Comparator.comparingInt((String k) -> questions.containsKey(k)
                    ? ((Number) questions.get(k)[3]).intValue() : Integer.MAX_VALUE).thenComparing(k -> k));
            List<QuestionRow> rows = keys.stream().map(k -> {
                Map<String, Distribution> bySector = byQuestion.getOrDefault(k, Map.of());
                String text = questions.containsKey(k) ? (String) questions.get(k)[2] : k;
                return new QuestionRow(standardKey, k, text, perSector(sectorRefs, bySector), sum(bySector));
            }).toList();
            StandardInfo standard = standards.get(standardKey);
            result.add(new StandardQuestions(standardKey, standard == null ? standardKey : standard.title(), rows));
        });
        return new QuestionsReport(round.id, round.name, sectorRefs, result);
    }

    /** A reason given for Not applicable and how many answers gave it, in one sector. */
    public record Reason(String standardKey, String questionKey, String sectorName, String reason, long answers) {
    }

    /**
     * Every Not applicable reason of the round by question key, from the reasons tally: in sector order, the most
     * given first.
     */
    public Map<String, List<Reason>> notApplicableReasons(long roundId) {
        reports.round(roundId);
        Map<String, Sector> sectors = sectors();
        Map<String, List<Reason>> byQuestion = new HashMap<>();
        queries.notApplicableReasonsOfRound(roundId).stream()
                .sorted(Comparator.comparingInt((Object[] r) -> sectors.get((String) r[2]).sortOrder)
                        .thenComparing(Comparator.comparingLong((Object[] r) -> number(r[4])).reversed())
                        .thenComparing(r -> (String) r[3]))
                .forEach(r -> byQuestion.computeIfAbsent((String) r[1], k -> new ArrayList<>()).add(new Reason(
                        (String) r[0], (String) r[1], sectorName(sectors, (String) r[2]),
                        ((String) r[3]).isEmpty() ? "No reason given" : (String) r[3], number(r[4]))));
        return byQuestion;
    }
}

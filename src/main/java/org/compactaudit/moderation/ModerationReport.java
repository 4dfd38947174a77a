package org.compactaudit.moderation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.round.AuditRound;
import org.compactaudit.tool.Standard;
import org.compactaudit.web.Counts;

/** The round's moderation report: visits against the commitment and how moderated grades differ, for page and CSV. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ModerationReport {

    @Inject
    ModerationQueries queries;

    public Views.Report report(long roundId) {
        AuditRound round = queries.round(roundId);
        long submitted = Sampling.candidates(roundId).size();
        Integer sampleSize = ModerationSample.forRound(roundId).map(s -> s.size).orElse(null);
        List<ModerationVisit> visits = ModerationVisit.forRound(roundId);
        int done = 0;
        int planned = 0;
        int cancelled = 0;
        Views.Tally overall = new Views.Tally("all", "All standards", 0, 0, 0, 0);
        Map<String, Views.Tally> bySector = new LinkedHashMap<>();
        Map<String, Views.Tally> byStandard = new LinkedHashMap<>();
        Map<String, Integer> standardPosition = new HashMap<>();
        List<Views.VisitOutcome> outcomes = new ArrayList<>();
        for (ModerationVisit visit : visits) {
            if (visit.isReplaced()) {
                continue;
            }
            Views.Tally visitTally = new Views.Tally(String.valueOf(visit.id), visit.agencyReturn.agency.name, 0, 0, 0, 0);
            switch (visit.status) {
                case DONE -> done++;
                case PLANNED -> planned++;
                case CANCELLED -> cancelled++;
            }
            if (visit.status == VisitStatus.DONE) {
                var sector = visit.agencyReturn.agency.sector;
                for (Standard standard : visit.agencyReturn.toolVersion.standards) {
                    standardPosition.putIfAbsent(standard.key, standard.position);
                }
                for (Views.StandardRecord s : ModerationViews.standards(visit)) {
                    if (s.outcome() == null) {
                        continue;
                    }
                    Outcome outcome = Outcome.fromCode(s.outcome());
                    overall = overall.plus(outcome);
                    visitTally = visitTally.plus(outcome);
                    bySector.merge(sector.code, new Views.Tally(sector.code, sector.name, 0, 0, 0, 0).plus(outcome),
                            (a, b) -> a.plus(outcome));
                    byStandard.merge(s.standardKey(), new Views.Tally(s.standardKey(), s.title(), 0, 0, 0, 0).plus(outcome),
                            (a, b) -> a.plus(outcome));
                }
            }
            Views.Visit view = ModerationViews.view(visit);
            outcomes.add(new Views.VisitOutcome(visit.id, view.agencyName(), view.sectorName(), view.status(),
                    view.statusLabel(), visit.date, visitTally));
        }
        int active = done + planned;
        String donePercent = Views.percent(done, submitted);
        String commitment = done + " of " + active + " done, " + donePercent + " of " + Counts.of(submitted, "return", "returns");
        List<Views.Tally> standardsInOrder = byStandard.values().stream()
                .sorted(Comparator.comparing((Views.Tally t) -> standardPosition.getOrDefault(t.key(), 0))
                        .thenComparing(Views.Tally::key))
                .toList();
        return new Views.Report(round.id, round.name, submitted, sampleSize, active, done, cancelled, donePercent,
                commitment, overall, List.copyOf(bySector.values()), standardsInOrder, outcomes);
    }
}

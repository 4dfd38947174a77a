package org.compactaudit.moderation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.agency.Sector;
import org.compactaudit.response.Answer;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.security.StaffUser;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.Standard;
import org.compactaudit.tool.StandardGrade;

/** What the moderation pages and API show, one method per page or answer; nothing here changes anything. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ModerationViews {

    @Inject
    ModerationQueries queries;

    /** The replace page: the round, the visit being replaced and the returns it may be replaced by. */
    public record ReplacePage(Views.RoundModeration moderation, Views.Visit visit, List<Return> unvisitedReturns) {
    }

    /** The add page: the round and the returns that may be added. */
    public record AddPage(Views.RoundModeration moderation, List<Return> unvisitedReturns) {
    }

    /** The visit page: the visit with its standards, and who may be chosen to attend. */
    public record VisitPage(Views.VisitDetail detail, List<StaffUser> possibleAttendees) {
    }

    /** The visit's standards: self-assessed grades (questions and derived standard grade) beside the moderated ones. */
    static List<Views.StandardRecord> standards(ModerationVisit visit) {
        Return r = visit.agencyReturn;
        String sector = r.agency.sector.code;
        Map<String, Grade> selfAssessed = new HashMap<>();
        Answer.<Answer>list("select a from Answer a join fetch a.question where a.agencyReturn.id = ?1", r.id)
                .forEach(a -> selfAssessed.put(a.question.key, a.grade));
        Map<String, ModeratedGrade> moderated = new HashMap<>();
        ModeratedGrade.forVisit(visit.id).forEach(g -> moderated.put(g.standardKey + "/" + g.questionKey, g));
        List<Views.StandardRecord> records = new ArrayList<>();
        for (Standard standard : r.toolVersion.standards) {
            List<Question> questions = standard.questions.stream().filter(q -> q.appliesTo(sector)).toList();
            List<Views.QuestionRecord> questionRecords = questions.stream().map(q -> {
                Grade self = selfAssessed.get(q.key);
                ModeratedGrade m = moderated.get(standard.key + "/" + q.key);
                return new Views.QuestionRecord(q.key, q.text, code(self), label(self),
                        m == null ? null : m.grade.code, m == null ? null : m.grade.label);
            }).toList();
            Grade self = StandardGrade.of(questions.stream().map(q -> selfAssessed.get(q.key)).toList());
            ModeratedGrade m = moderated.get(standard.key + "/" + ModeratedGrade.STANDARD_LEVEL);
            Outcome outcome = m == null ? null : Outcome.of(self, m.grade);
            records.add(new Views.StandardRecord(standard.key, standard.title, self.code, self.label,
                    m == null ? null : m.grade.code, m == null ? null : m.grade.label, m == null ? null : m.notes,
                    outcome == null ? null : outcome.code, outcome == null ? null : outcome.label, questionRecords));
        }
        return records;
    }

    static Views.VisitDetail detail(ModerationVisit visit) {
        return new Views.VisitDetail(view(visit), visit.round.id, visit.round.name,
                visit.agencyReturn.toolVersion.reference(), standards(visit));
    }

    static Views.Visit view(ModerationVisit v) {
        var agency = v.agencyReturn.agency;
        return new Views.Visit(v.id, v.agencyReturn.id, agency.id, agency.name, agency.sector.code, agency.sector.name,
                v.selection.code, v.selection.label, v.selectionReason, v.replacedById, v.date, v.place,
                v.attendees.stream().sorted(Comparator.comparing(u -> u.displayName))
                        .map(u -> new Views.Attendee(u.id, u.displayName, u.email)).toList(),
                v.status.code, v.replacedById != null ? "Replaced" : v.status.label, v.cancelReason, v.summary,
                v.completedAt);
    }

    /** A visit with its standards, if the actor may see it. */
    public Views.VisitDetail visitDetail(long visitId, Actor actor) {
        return detail(queries.visitFor(visitId, actor));
    }

    public VisitPage visitPage(long visitId, Actor actor) {
        ModerationVisit visit = queries.visitFor(visitId, actor);
        return new VisitPage(detail(visit), queries.possibleAttendees(visit.round));
    }

    public Views.RoundModeration roundModeration(long roundId) {
        AuditRound round = queries.round(roundId);
        List<Sampler.Candidate> candidates = Sampling.candidates(roundId);
        Views.Sample sample = ModerationSample.forRound(roundId).map(s -> {
            Map<String, String> names = new HashMap<>();
            Sector.<Sector>listAll().forEach(sector -> names.put(sector.code, sector.name));
            List<Views.Stratum> strata = Sampler.draw(candidates, Sampling.sectorOrder(),
                    Math.min(s.size, candidates.size()), s.seed)
                    .stream().map(st -> new Views.Stratum(st.sectorCode(), names.get(st.sectorCode()), st.returns(),
                            BigDecimal.valueOf(st.quota()).setScale(2, RoundingMode.HALF_UP).toPlainString(), st.seats()))
                    .toList();
            return new Views.Sample(s.policy, s.size, s.percent, s.minimum, s.seed, s.drawnAt, s.drawnBy,
                    candidates.size(), strata);
        }).orElse(null);
        List<ModerationVisit> visits = ModerationVisit.forRound(roundId);
        return new Views.RoundModeration(round.id, round.name, sample,
                visits.stream().map(ModerationViews::view).toList(), Sampling.canDrawAgain(visits));
    }

    public ReplacePage replacePage(long roundId, long visitId) {
        Views.RoundModeration moderation = roundModeration(roundId);
        return new ReplacePage(moderation, view(queries.visitInRound(roundId, visitId)), unvisitedReturns(roundId));
    }

    public AddPage addPage(long roundId) {
        return new AddPage(roundModeration(roundId), unvisitedReturns(roundId));
    }

    /** Submitted returns of the round without a visit, for adding or replacing by hand. */
    private static List<Return> unvisitedReturns(long roundId) {
        Set<Long> visited = Sampling.visitedReturns(roundId);
        return Return.<Return>list("select r from Return r join fetch r.agency a join fetch a.sector "
                + "where r.round.id = ?1 and r.status = ?2 order by a.sector.sortOrder, a.name", roundId, ReturnStatus.SUBMITTED)
                .stream().filter(r -> !visited.contains(r.id)).toList();
    }

    /** The visits a moderator attends, newest round first. */
    public List<Views.Visit> visitsAttendedBy(String email) {
        return queries.visitsAttendedBy(email).stream().map(ModerationViews::view).toList();
    }

    /** The rounds a manager can plan visits for, newest first. */
    public List<AuditRound> rounds() {
        return queries.rounds();
    }

    private static String code(Grade grade) {
        return grade == null ? null : grade.code;
    }

    private static String label(Grade grade) {
        return grade == null ? "Not answered" : grade.label;
    }
}

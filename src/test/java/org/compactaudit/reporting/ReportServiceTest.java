package org.compactaudit.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.common.DomainException;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.reporting.RoundReport.SectorReturns;
import org.compactaudit.reporting.RoundReport.StandardFigures;
import org.compactaudit.reporting.StandardReport.QuestionFigures;
import org.compactaudit.reporting.StandardReport.Wording;
import org.compactaudit.support.Fixtures;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.Standard;
import org.compactaudit.tool.ToolVersion;
import org.compactaudit.web.ErrorMappers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every figure against the hand-computed round in {@link ReportFixture}. */
@QuarkusTest
class ReportServiceTest {

    @Inject
    ReportFixture fixture;

    @Inject
    ReportService reports;

    private static Distribution d(long o, long g, long ri, long i, long na) {
        return new Distribution(o, g, ri, i, na);
    }

    private static StandardFigures standard(RoundReport report, String key) {
        return report.standards().stream().filter(s -> s.standardKey().equals(key)).findFirst().orElseThrow();
    }

    private static Distribution sector(List<RoundReport.SectorFigures> figures, String code) {
        return figures.stream().filter(s -> s.sectorCode().equals(code)).findFirst().orElseThrow().figures();
    }

    @Test
    void standardGradesPerAgencyAreTheLowestGradedAnswerCountedBySector() {
        RoundReport report = reports.roundReport(fixture.build().round().id);

        StandardFigures s1 = standard(report, "s1");
        // schools: S1 G, S2 I, S3 O; GP practices: G1 G, G2 RI, G3 G
        assertEquals(d(1, 1, 0, 1, 0), sector(s1.sectors(), "school"));
        assertEquals(d(0, 2, 1, 0, 0), sector(s1.sectors(), "gp-practice"));
        assertEquals(d(1, 3, 1, 1, 0), s1.total());
        assertEquals(6, s1.total().graded());
        assertEquals(33.3, s1.total().weakShare());
        assertEquals(16.7, s1.total().percentOf(Grade.OUTSTANDING));

        StandardFigures s2 = standard(report, "s2");
        // schools: S1 RI, S2 G, S3 O; GP practices: G1 I, G2 RI, G3 G
        assertEquals(d(1, 1, 1, 0, 0), sector(s2.sectors(), "school"));
        assertEquals(d(0, 1, 1, 1, 0), sector(s2.sectors(), "gp-practice"));
        assertEquals(d(1, 2, 2, 1, 0), s2.total());
        assertEquals(50.0, s2.total().weakShare());
    }

    @Test
    void answersAreCountedWithNotApplicableApartFromTheGradedDenominator() {
        RoundReport report = reports.roundReport(fixture.build().round().id);

        StandardFigures s1 = standard(report, "s1");
        assertEquals(d(2, 1, 1, 1, 1), sector(s1.answerSectors(), "school"));
        assertEquals(d(1, 3, 1, 0, 1), sector(s1.answerSectors(), "gp-practice"));
        assertEquals(d(3, 4, 2, 1, 2), s1.answers());
        assertEquals(10, s1.answers().graded());
        assertEquals(12, s1.answers().total());
        assertEquals(30.0, s1.answers().percentOf(Grade.OUTSTANDING));

        StandardFigures s2 = standard(report, "s2");
        assertEquals(d(2, 2, 1, 0, 1), sector(s2.answerSectors(), "school"));
        assertEquals(d(0, 3, 1, 1, 1), sector(s2.answerSectors(), "gp-practice"));
    }

    @Test
    void weakestStandardsAreRankedByShareOfRequiresImprovementAndInadequate() {
        RoundReport report = reports.roundReport(fixture.build().round().id);

        assertEquals(List.of("s2", "s1"), report.weakestStandards().stream().map(RoundReport.WeakStandard::standardKey).toList());
        assertEquals(3, report.weakestStandards().get(0).weakServices());
        assertEquals(6, report.weakestStandards().get(0).graded());
        assertEquals(50.0, report.weakestStandards().get(0).weakShare());
        assertEquals(2, report.weakestStandards().get(1).weakServices());
        assertEquals(33.3, report.weakestStandards().get(1).weakShare());
    }

    @Test
    void returnFiguresExcludeExemptReturnsAndCountOnlySubmittedOnTime() {
        RoundReport report = reports.roundReport(fixture.build().round().id);

        SectorReturns gp = report.returns().bySector().get(0);
        SectorReturns schools = report.returns().bySector().get(1);
        assertEquals(new SectorReturns("gp-practice", "GP practice", 3, 3, 3), gp);
        assertEquals(new SectorReturns("school", "School", 4, 3, 2), schools);
        assertEquals(75.0, schools.getReturnRate());
        assertEquals(50.0, schools.getOnTimeRate());
        assertEquals(7, report.returns().total().cohort());
        assertEquals(6, report.returns().total().returned());
        assertEquals(5, report.returns().total().onTime());
        assertEquals(85.7, report.returns().total().getReturnRate());
        assertEquals(71.4, report.returns().total().getOnTimeRate());
    }

    @Test
    void aReopenedReturnLeavesTheFiguresUntilItIsSubmittedAgain() {
        ReportFixture.Built built = fixture.build();
        long round = built.round().id;
        fixture.reopen(built.returns().get("S2"));

        RoundReport reopened = reports.roundReport(round);
        // S2 (s1 I, s2 G) is out: schools keep S1 and S3
        assertEquals(d(1, 1, 0, 0, 0), sector(standard(reopened, "s1").sectors(), "school"));
        assertEquals(d(1, 0, 1, 0, 0), sector(standard(reopened, "s2").sectors(), "school"));
        assertEquals(d(2, 1, 0, 0, 1), sector(standard(reopened, "s1").answerSectors(), "school"));
        assertEquals(2, reopened.returns().bySector().get(1).returned());

        fixture.resubmit(built.returns().get("S2"));
        fixture.resubmit(built.returns().get("S2"));
        RoundReport again = reports.roundReport(round);
        assertEquals(d(1, 1, 0, 1, 0), sector(standard(again, "s1").sectors(), "school"));
        assertEquals(d(2, 1, 1, 1, 1), sector(standard(again, "s1").answerSectors(), "school"));
    }

    @Test
    void notApplicableReasonsLeaveWithAReopenedReturnAndComeBackOnceWhenItIsSubmittedAgain() {
        ReportFixture.Built built = fixture.build();
        long round = built.round().id;
        // S1 and G1 marked s2-q1 Not applicable
        fixture.reopen(built.returns().get("S1"));
        QuestionFigures reopened = reports.standardReport(round, "s2", 1).questions().get(0);
        assertEquals("1 GP practice", reopened.notApplicableSummary());
        assertEquals(List.of("gp-practice"), reopened.notApplicableReasons().stream()
                .map(StandardReport.NotApplicableReason::sectorCode).toList());

        fixture.resubmit(built.returns().get("S1"));
        fixture.resubmit(built.returns().get("S1"));
        QuestionFigures again = reports.standardReport(round, "s2", 1).questions().get(0);
        assertEquals(List.of(1L, 1L), again.notApplicableReasons().stream()
                .map(StandardReport.NotApplicableReason::answers).toList());
        assertEquals("1 GP practice and 1 school", again.notApplicableSummary());
    }

    @Test
    void theDrillDownRanksQuestionsAndGroupsNotApplicableBySector() {
        ReportFixture.Built built = fixture.build();
        StandardReport s2 = reports.standardReport(built.round().id, "s2", 1);

        assertEquals(List.of("s2-q1", "s2-q2"), s2.questions().stream().map(QuestionFigures::questionKey).toList());
        QuestionFigures q1 = s2.questions().get(0);
        assertEquals(d(1, 2, 1, 0, 2), q1.total());
        assertEquals("1 GP practice and 1 school", q1.notApplicableSummary());
        assertEquals(2, q1.notApplicableReasons().size());
        assertEquals("We do not provide this service.", q1.notApplicableReasons().get(0).reason());

        assertEquals(List.of("s2-q2", "s2-q1"), s2.mostImprovementNeeded().stream().map(QuestionFigures::questionKey).toList());
        QuestionFigures q2 = s2.mostImprovementNeeded().get(0);
        assertEquals(List.of("1 GP practice", "1 school"), q2.weakBySector().stream().map(StandardReport.SectorCount::phrase).toList());

        // agencies weakest first: G1 I, then S1 and G2 RI, then S2 and G3 G, then S3 O
        assertEquals(6, s2.agencies().total());
        assertEquals(List.of("inadequate", "requires-improvement", "requires-improvement", "good", "good", "outstanding"),
                s2.agencies().items().stream().map(StandardReport.AgencyGrade::grade).toList());
        assertEquals(d(1, 2, 2, 1, 0), s2.agencyTotal());
    }

    @Test
    void selfAssessedAndModeratedStandardGradesAreComparedSideBySide() {
        ReportFixture.Built built = fixture.build();
        // S1 self-assessed s1 G, s2 RI; G1 self-assessed s1 G
        fixture.moderate(built.round(), built.returns().get("S1"), Map.of("s1", Grade.OUTSTANDING, "s2", Grade.REQUIRES_IMPROVEMENT));
        fixture.moderate(built.round(), built.returns().get("G1"), Map.of("s1", Grade.REQUIRES_IMPROVEMENT));

        RoundReport report = reports.roundReport(built.round().id);

        assertEquals(List.of(new RoundReport.ModerationComparison("s1", "Standard 1", 0, 1, 1),
                new RoundReport.ModerationComparison("s2", "Standard 2", 1, 0, 0)), report.moderation());
    }

    @Inject
    Fixtures fixtures;

    @Test
    void aStandardIsCalledByTheNewestToolVersionsTitleAndTheDrillDownShowsEachToolsWording() {
        Partnership partnership = fixtures.partnership();
        ToolVersion full = fixtures.tool(2, 2);
        ToolVersion schools = fixtures.tool(2, 2);
        // the schools' tool is the newer one: published later
        revise(full, Instant.parse("2018-03-01T09:00:00Z"), "Safe recruitment", "Question 1 of standard 1?");
        revise(schools, Instant.parse("2018-04-01T09:00:00Z"), "Safer recruitment", "Are staff checked as KCSIE requires?");
        ReportFixture.Built built = fixture.build(partnership, full, schools);

        RoundReport report = reports.roundReport(built.round().id);
        assertEquals("Safer recruitment", standard(report, "s1").title());
        assertEquals("Safer recruitment", report.weakestStandards().stream()
                .filter(w -> w.standardKey().equals("s1")).findFirst().orElseThrow().title());

        StandardReport s1 = reports.standardReport(built.round().id, "s1", 1);
        assertEquals("Safer recruitment", s1.title());
        QuestionFigures q1 = s1.questions().get(0);
        assertEquals("Are staff checked as KCSIE requires?", q1.text());
        assertEquals(List.of(new Wording("Are staff checked as KCSIE requires?", List.of(schools.title)),
                new Wording("Question 1 of standard 1?", List.of(full.title))), q1.wordings());
        // worded alike in both tools: nothing to add
        assertEquals(List.of(), s1.questions().get(1).wordings());
        // the answers to both wordings are counted: S1..S3 and G1..G3 answered s1-q1
        assertEquals(6, q1.total().total());

        // year on year and its choice of standards use the same title
        assertEquals("Safer recruitment", reports.trend(partnership.code, "s1").title());
        assertEquals(List.of(new ReportService.StandardTitle("s1", "Safer recruitment"),
                new ReportService.StandardTitle("s2", "Standard 2")), reports.standardTitles(partnership.code));
    }

    @Transactional
    void revise(ToolVersion tool, Instant publishedAt, String s1Title, String s1q1Text) {
        ToolVersion managed = ToolVersion.findById(tool.id);
        managed.publishedAt = publishedAt;
        Standard s1 = managed.standards.stream().filter(s -> s.key.equals("s1")).findFirst().orElseThrow();
        s1.title = s1Title;
        s1.questions.stream().filter(q -> q.key.equals("s1-q1")).findFirst().orElseThrow().text = s1q1Text;
    }

    @Test
    void anUnknownRoundOrStandardIsNotFound() {
        assertEquals(404, ErrorMappers.status(assertThrows(DomainException.class, () -> reports.roundReport(-1))));
        long round = fixture.build().round().id;
        assertEquals(404, ErrorMappers.status(assertThrows(DomainException.class, () -> reports.standardReport(round, "nope", 1))));
    }
}

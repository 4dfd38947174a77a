package org.compactaudit.reporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.compactaudit.security.Role;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.ToolVersion;

@QuarkusTest
class ReportApiTest {

    @Inject
    ReportFixture fixture;

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    private RequestSpecification as(String role) {
        return given().auth().preemptive().basic(users.create(role), TestUsers.PASSWORD);
    }

    @Test
    void theReportApiGivesCountsByGradeAndSectorWithTotalsWeakestStandardsAndReturnFigures() {
        long round = fixture.build().round().id;
        as(Role.MESC).get("/api/v1/rounds/{id}/report", round).then().statusCode(200)
                .body("roundId", equalTo((int) round))
                .body("standards.standardKey", contains("s1", "s2"))
                .body("standards[0].sectors.sectorCode", contains("gp-practice", "school"))
                .body("standards[0].sectors[1].figures.outstanding", equalTo(1))
                .body("standards[0].sectors[1].figures.good", equalTo(1))
                .body("standards[0].sectors[1].figures.requiresImprovement", equalTo(0))
                .body("standards[0].sectors[1].figures.inadequate", equalTo(1))
                .body("standards[0].sectors[1].figures.graded", equalTo(3))
                .body("standards[0].total.graded", equalTo(6))
                .body("standards[0].answers.notApplicable", equalTo(2))
                .body("standards[0].answers.graded", equalTo(10))
                .body("weakestStandards.standardKey", contains("s2", "s1"))
                .body("weakestStandards[0].weakShare", equalTo(50.0f))
                .body("returns.total.cohort", equalTo(7))
                .body("returns.total.returned", equalTo(6))
                .body("returns.total.onTime", equalTo(5))
                .body("returns.bySector[1].returnRate", equalTo(75.0f));
    }

    @Test
    void theDrillDownApiListsQuestionsNotApplicableBySectorAndAgencies() {
        long round = fixture.build().round().id;
        as(Role.MANAGER).get("/api/v1/rounds/{id}/report/standards/s2", round).then().statusCode(200)
                .body("questions.questionKey", contains("s2-q1", "s2-q2"))
                .body("questions[0].notApplicableSummary", equalTo("1 GP practice and 1 school"))
                .body("mostImprovementNeeded[0].questionKey", equalTo("s2-q2"))
                .body("agencies.total", equalTo(6))
                .body("agencies.items[0].grade", equalTo("inadequate"));
    }

    /** The expected figures are the fixture's grid (see ReportFixture), column by column. */
    @Test
    void theQuestionsApiGivesEveryQuestionByGradeAndSectorWithNotApplicableApartAndItsDenominator() {
        long round = fixture.build().round().id;
        as(Role.MESC).get("/api/v1/rounds/{id}/report/questions", round).then().statusCode(200)
                .body("roundId", equalTo((int) round))
                .body("sectors.code", contains("gp-practice", "school"))
                .body("standards.standardKey", contains("s1", "s2"))
                .body("standards[0].title", equalTo("Standard 1"))
                .body("standards[0].questions.questionKey", contains("s1-q1", "s1-q2"))
                .body("standards[1].questions.questionKey", contains("s2-q1", "s2-q2"))
                // s1-q1: S1 O, S2 RI, S3 N/A | G1 G, G2 N/A, G3 G
                .body("standards[0].questions[0].text", equalTo("Question 1 of standard 1?"))
                .body("standards[0].questions[0].total.outstanding", equalTo(1))
                .body("standards[0].questions[0].total.good", equalTo(2))
                .body("standards[0].questions[0].total.requiresImprovement", equalTo(1))
                .body("standards[0].questions[0].total.inadequate", equalTo(0))
                .body("standards[0].questions[0].total.notApplicable", equalTo(2))
                .body("standards[0].questions[0].total.graded", equalTo(4))
                .body("standards[0].questions[0].sectors[0].sectorCode", equalTo("gp-practice"))
                .body("standards[0].questions[0].sectors[0].figures.good", equalTo(2))
                .body("standards[0].questions[0].sectors[0].figures.notApplicable", equalTo(1))
                .body("standards[0].questions[0].sectors[0].figures.graded", equalTo(2))
                .body("standards[0].questions[0].sectors[1].figures.outstanding", equalTo(1))
                .body("standards[0].questions[0].sectors[1].figures.requiresImprovement", equalTo(1))
                .body("standards[0].questions[0].sectors[1].figures.graded", equalTo(2))
                // s2-q2: S1 RI, S2 G, S3 O | G1 I, G2 G, G3 G
                .body("standards[1].questions[1].total.graded", equalTo(6))
                .body("standards[1].questions[1].total.notApplicable", equalTo(0))
                .body("standards[1].questions[1].total.weakShare", equalTo(33.3f))
                .body("standards[1].questions[1].sectors[0].figures.inadequate", equalTo(1))
                .body("standards[1].questions[1].sectors[0].figures.good", equalTo(2));
    }

    @Test
    void theQuestionsApiIsForManagersAndMescOnlyAndAnUnknownRoundIsNotFound() {
        long round = fixture.build().round().id;
        as(Role.MANAGER).get("/api/v1/rounds/{id}/report/questions", round).then().statusCode(200);
        as(Role.MODERATOR).get("/api/v1/rounds/{id}/report/questions", round).then().statusCode(403);
        given().get("/api/v1/rounds/{id}/report/questions", round).then().statusCode(401);
        as(Role.MESC).get("/api/v1/rounds/{id}/report/questions", -5).then().statusCode(404).body("status", equalTo(404));
    }

    @Test
    void onlyManagersAndMescSeeReportsModeratorsAreRefusedAndUnknownsAreNotFound() {
        long round = fixture.build().round().id;
        as(Role.MODERATOR).get("/api/v1/rounds/{id}/report", round).then().statusCode(403);
        as(Role.MODERATOR).get("/api/v1/rounds/{id}/export.csv", round).then().statusCode(403);
        as(Role.ADMIN).get("/api/v1/rounds/{id}/report/standards/s1", round).then().statusCode(403);
        given().get("/api/v1/rounds/{id}/report", round).then().statusCode(401);
        // the page's own downloads ask an anonymous browser to sign in
        given().redirects().follow(false).get("/rounds/{id}/report/export.csv", round).then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/login"));
        as(Role.MESC).get("/api/v1/rounds/{id}/report", -5).then().statusCode(404).body("status", equalTo(404));
        as(Role.MESC).get("/api/v1/rounds/{id}/report/standards/nope", round).then().statusCode(404);
        as(Role.MESC).get("/api/v1/trends?standard=s1").then().statusCode(400).body("fields[0].field", equalTo("partnership"));
    }

    @Test
    void theCsvHasEveryAnswerOfSubmittedReturnsInLongFormat() throws IOException {
        ReportFixture.Built built = fixture.build();
        String csv = as(Role.MESC).get("/api/v1/rounds/{id}/export.csv", built.round().id).then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"round-" + built.round().id + "-answers.csv\""))
                .extract().asString();
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        // 6 submitted returns x 4 questions; S4 (not submitted) and G4 (exempt) are absent
        assertEquals(24, records.size());
        assertEquals(ReportExports.CSV_HEADER, records.get(0).getParser().getHeaderNames());
        CSVRecord s2q2 = records.stream().filter(r -> r.get("agency").equals(agencyName(built, "G1"))
                && r.get("questionKey").equals("s2-q2")).findFirst().orElseThrow();
        assertEquals(built.round().name, s2q2.get("round"));
        assertEquals("gp-practice", s2q2.get("sector"));
        assertEquals(built.tool().reference(), s2q2.get("toolVersion"));
        assertEquals("s2", s2q2.get("standardKey"));
        assertEquals("inadequate", s2q2.get("grade"));
        assertEquals("Review and retrain", s2q2.get("actionWhat"));
        assertEquals("Lee Lead", s2q2.get("actionOwner"));
        assertEquals("2018-12-31", s2q2.get("actionDue"));
        assertEquals("2018-06-01T10:00:00Z", s2q2.get("submittedAt"));
        CSVRecord na = records.stream().filter(r -> r.get("agency").equals(agencyName(built, "S1"))
                && r.get("questionKey").equals("s2-q1")).findFirst().orElseThrow();
        assertEquals("not-applicable", na.get("grade"));
        assertEquals("We do not provide this service.", na.get("naReason"));
        assertEquals("", na.get("evidence"));
    }

    @Test
    void theWideCsvHasOneRowPerAgencyWithAGradePerQuestion() throws IOException {
        ReportFixture.Built built = fixture.build();
        long round = built.round().id;
        String csv = as(Role.MESC).get("/api/v1/rounds/{id}/export-wide.csv", round).then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"round-" + round + "-agencies.csv\""))
                .extract().asString();
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(List.of("agency", "sector", "toolVersion", "submittedAt", "late", "s1-q1", "s1-q2", "s2-q1", "s2-q2"),
                records.get(0).getParser().getHeaderNames());
        // the six counted returns, GP practices before schools (sector order); S4 and G4 are absent
        assertEquals(List.of("gp-practice", "gp-practice", "gp-practice", "school", "school", "school"),
                records.stream().map(r -> r.get("sector")).toList());
        CSVRecord s1 = wideRow(records, agencyName(built, "S1"));
        assertEquals(List.of("outstanding", "good", "not-applicable", "requires-improvement"),
                List.of(s1.get("s1-q1"), s1.get("s1-q2"), s1.get("s2-q1"), s1.get("s2-q2")));
        assertEquals(built.tool().reference(), s1.get("toolVersion"));
        assertEquals("2018-06-01T10:00:00Z", s1.get("submittedAt"));
        assertEquals("false", s1.get("late"));
        assertEquals("true", wideRow(records, agencyName(built, "S3")).get("late"));
    }

    @Test
    void theWideCsvAddsEvidenceAndActionColumnsWhenAskedAndRefusesAnUnknownOne() throws IOException {
        ReportFixture.Built built = fixture.build();
        long round = built.round().id;
        String csv = as(Role.MANAGER).get("/api/v1/rounds/{id}/export-wide.csv?include=evidence,actions", round)
                .then().statusCode(200).extract().asString();
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(List.of("s2-q2", "s2-q2 evidence", "s2-q2 naReason", "s2-q2 action", "s2-q2 actionOwner",
                "s2-q2 actionDue"), records.get(0).getParser().getHeaderNames().subList(5 + 6 * 3, 5 + 6 * 4));
        CSVRecord g1 = wideRow(records, agencyName(built, "G1"));
        assertEquals("inadequate", g1.get("s2-q2"));
        assertEquals("Review and retrain", g1.get("s2-q2 action"));
        assertEquals("Lee Lead", g1.get("s2-q2 actionOwner"));
        assertEquals("2018-12-31", g1.get("s2-q2 actionDue"));
        assertEquals("Policy and training records seen.", g1.get("s2-q2 evidence"));
        assertEquals("We do not provide this service.", g1.get("s2-q1 naReason"));

        as(Role.MANAGER).get("/api/v1/rounds/{id}/export-wide.csv?include=passwords", round).then().statusCode(400)
                .body("fields[0].field", equalTo("include"));
        as(Role.MODERATOR).get("/api/v1/rounds/{id}/export-wide.csv", round).then().statusCode(403);
    }

    @Test
    void theWideWorkbookHasTheSameRowsAsTheWideCsvInOneSheet() throws IOException {
        ReportFixture.Built built = fixture.build();
        byte[] xlsx = as(Role.MESC).get("/api/v1/rounds/{id}/export-wide.xlsx", built.round().id).then().statusCode(200)
                .contentType(ReportExports.XLSX).extract().asByteArray();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("wide", ".xlsx");
        java.nio.file.Files.write(file, xlsx);
        String sheet;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            java.nio.file.Files.delete(file);
        }
        // a header and the six counted returns, text written inline
        assertEquals(7, sheet.split("<row ").length - 1, sheet);
        assertTrue(sheet.contains(agencyName(built, "G1")));
        assertTrue(sheet.contains("<t>s2-q2</t>") || sheet.contains(">s2-q2<"), sheet);
        assertTrue(sheet.contains("inlineStr"));
    }

    private static CSVRecord wideRow(List<CSVRecord> records, String agency) {
        return records.stream().filter(r -> r.get("agency").equals(agency)).findFirst().orElseThrow();
    }

    @Transactional
    String agencyName(ReportFixture.Built built, String key) {
        return org.compactaudit.round.Return.<org.compactaudit.round.Return>findById(built.returns().get(key).id).agency.name;
    }

    @Test
    void theWorkbookHasTheOverviewWeakestStandardsAndDrillDownSheets() throws IOException {
        long round = fixture.build().round().id;
        byte[] xlsx = as(Role.MANAGER).get("/api/v1/rounds/{id}/export.xlsx", round).then().statusCode(200)
                .contentType(ReportExports.XLSX).extract().asByteArray();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("report", ".xlsx");
        java.nio.file.Files.write(file, xlsx);
        String workbook;
        String questions;
        List<String> sheets = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            workbook = new String(zip.getInputStream(zip.getEntry("xl/workbook.xml")).readAllBytes(), StandardCharsets.UTF_8);
            questions = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet4.xml")).readAllBytes(), StandardCharsets.UTF_8);
            zip.stream().map(ZipEntry::getName).forEach(sheets::add);
        } finally {
            java.nio.file.Files.delete(file);
        }
        assertTrue(workbook.contains("name=\"Overview\""), workbook);
        assertTrue(workbook.contains("name=\"Return figures\""));
        assertTrue(workbook.contains("name=\"Weakest standards\""));
        assertTrue(workbook.contains("name=\"Drill-downs\""));
        assertTrue(workbook.contains("name=\"Not applicable reasons\""));
        assertTrue(sheets.contains("xl/worksheets/sheet1.xml"));
        // the fourth sheet, Questions: a header and one row per question of the round (4), all sectors
        assertTrue(workbook.indexOf("name=\"Questions\"") > workbook.indexOf("name=\"Weakest standards\""), workbook);
        assertEquals(5, questions.split("<row ").length - 1, questions);
    }

    @Test
    void thePdfMescReportCarriesTheFiguresOfThePage() throws IOException {
        ReportFixture.Built built = fixture.build();
        byte[] pdf = as(Role.MESC).get("/api/v1/rounds/{id}/export.pdf", built.round().id).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertTrue(text.contains("MESC report: " + built.round().name), text);
            assertTrue(text.contains("Weakest standards"), text);
            assertTrue(text.contains("6 of 7"), text);
            assertTrue(text.contains("3 of 6 graded"), text);
            assertTrue(text.contains("lowest graded answer"), text);
        }
    }

    @Inject
    ReportExports exports;

    /**
     * Moves the page breaks row by row (1 to 10 sectors of return figures, 12 to 20 standards): wherever the page
     * breaks, a heading is on the same page as the table it introduces.
     */
    @Test
    void thePdfKeepsEachHeadingOnThePageOfItsTable() throws IOException {
        for (int sectors = 1; sectors <= 10; sectors++) {
            for (int standards = 12; standards <= 20; standards += 4) {
                assertHeadingsWithTheirTables(sectors, standards);
            }
        }
    }

    private void assertHeadingsWithTheirTables(int sectors, int standards) throws IOException {
        try (PDDocument document = Loader.loadPDF(exports.pdf(report(sectors, standards)))) {
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(document).replaceAll("\\s+", " ");
                String where = sectors + " sectors, " + standards + " standards, page " + page + ": " + text;
                assertTrue(!text.contains("Return figures") || text.contains("Returns by sector"), where);
                assertTrue(!text.contains("Weakest standards") || text.contains("Standards where services feel"), where);
                // the first standard's table has the first "Answers to its questions" row
                assertTrue(!text.contains("Grades by standard and sector") || text.contains("Answers to its questions"), where);
            }
        }
    }

    /** A round report with {@code sectors} rows of return figures and {@code count} standards over two sectors. */
    private static RoundReport report(int sectors, int count) {
        List<RoundReport.SectorReturns> returns = new ArrayList<>();
        for (int i = 1; i <= sectors; i++) {
            returns.add(new RoundReport.SectorReturns("sector-" + i, "Sector " + i, 10, 9, 8));
        }
        List<RoundReport.SectorRef> refs = List.of(new RoundReport.SectorRef("a", "Sector A"), new RoundReport.SectorRef("b", "Sector B"));
        List<RoundReport.StandardFigures> standards = new ArrayList<>();
        List<RoundReport.WeakStandard> weakest = new ArrayList<>();
        for (int s = 1; s <= count; s++) {
            Distribution d = new Distribution(1, 5, 2, 1, 1);
            List<RoundReport.SectorFigures> figures = refs.stream()
                    .map(r -> new RoundReport.SectorFigures(r.code(), r.name(), d)).toList();
            standards.add(new RoundReport.StandardFigures("k" + s, "Standard number " + s, s, figures, d.plus(d), figures, d));
            weakest.add(new RoundReport.WeakStandard(s, "k" + s, "Standard number " + s, 6, 18, 33.3));
        }
        return new RoundReport(1, "2018-19", "p", "A partnership", "The lowest graded answer.",
                new RoundReport.ReturnFigures(returns, new RoundReport.SectorReturns(null, "All sectors", 10L * sectors,
                        9L * sectors, 8L * sectors)), refs, standards, weakest, List.of());
    }

    @Test
    void trendsFollowAStandardAcrossRoundsAndNoteChangedQuestions() {
        ReportFixture.Built first = fixture.build();
        ToolVersion next = fixtures.tool(2, 3);
        reword(next, "s1-q2", "Reworded question 2?");
        fixture.build(first.partnership(), next);
        as(Role.MESC).get("/api/v1/trends?partnership={p}&standard=s1", first.partnership().code).then().statusCode(200)
                .body("rounds.size()", equalTo(2))
                .body("rounds[0].agencies.graded", equalTo(6))
                .body("rounds[0].changes.size()", equalTo(0))
                .body("rounds[1].toolVersions", contains(next.reference()))
                .body("rounds[1].changes", contains("Question reworded: s1-q2 (was: Question 2 of standard 1?)",
                        "Question added: s1-q3 (Question 3 of standard 1?)"))
                // s1-q3 defaults to Good for every agency, which does not change any lowest grade
                .body("rounds[1].agencies.inadequate", equalTo(1))
                .body("rounds[1].answers.graded", equalTo(16));
    }

    @Transactional
    void reword(ToolVersion tool, String questionKey, String text) {
        Question.<Question>find("key = ?1 and standard.toolVersion.id = ?2", questionKey, tool.id).firstResult().text = text;
    }
}

package org.compactaudit.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.compactaudit.security.Role;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.TestUsers;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReportPageTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    ReportFixture fixture;

    @Inject
    TestUsers users;

    @Test
    void mescReadsTheRoundReportTableAndChartThenDrillsIntoAStandardAccessibly() {
        ReportFixture.Built built = fixture.build();
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MESC));
            page.navigate(base + "rounds/" + built.round().id + "/report");
            Accessibility.assertNoViolations(page);

            assertTrue(page.locator("main").textContent().contains("lowest graded answer"));
            Locator chart = page.locator("svg[role=img]");
            assertTrue(chart.locator("title").textContent().contains("Agencies by standard grade"));
            assertTrue(chart.locator("desc").textContent().contains("Standard 2: 1 Outstanding, 2 Good, 2 Requires Improvement, 1 Inadequate, of 6 graded."));
            Locator s1 = page.locator("table", new Page.LocatorOptions().setHasText("Standard 1").setHas(page.locator("caption a")));
            Locator schools = s1.locator("tr", new Locator.LocatorOptions().setHasText("School"));
            assertEquals("1 (33.3%)", schools.locator("td").nth(0).textContent().trim());
            assertEquals("of 3 graded", schools.locator("td").nth(4).textContent().trim());
            Locator returns = page.locator("table", new Page.LocatorOptions().setHasText("Returns by sector"));
            assertTrue(returns.locator("tr", new Locator.LocatorOptions().setHasText("School")).textContent().contains("3 of 4"));

            page.locator("caption a", new Page.LocatorOptions().setHasText("Standard 2")).click();
            assertTrue(page.url().endsWith("/report/standards/s2"));
            assertTrue(page.locator("main").textContent().contains("1 GP practice and 1 school marked this question not applicable."));
            Accessibility.assertNoViolations(page);
        }
    }

    @Test
    void theRoundReportLinksToEveryQuestionsFiguresWhichAreAccessible() {
        ReportFixture.Built built = fixture.build();
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MANAGER));
            page.navigate(base + "rounds/" + built.round().id + "/report");
            page.locator("a", new Page.LocatorOptions().setHasText("Every question’s figures")).click();
            assertTrue(page.url().endsWith("/report/questions"));
            assertEquals("Every question", page.locator("h1").textContent().trim());

            // s1-q1 in all sectors: O1 G2 RI1 I0 of 4 graded, 2 Not applicable
            Locator s1 = page.locator("table", new Page.LocatorOptions().setHasText("questions of Standard 1, all sectors"));
            Locator q1 = s1.locator("tr", new Locator.LocatorOptions().setHasText("Question 1 of standard 1?"));
            assertEquals("1 (25.0%)", q1.locator("td").nth(0).textContent().trim());
            assertEquals("2 (50.0%)", q1.locator("td").nth(1).textContent().trim());
            assertEquals("of 4 graded", q1.locator("td").nth(4).textContent().trim());
            assertEquals("2", q1.locator("td").nth(5).textContent().trim());

            page.locator("summary", new Page.LocatorOptions().setHasText("Question 1 of standard 1?: by sector")).click();
            Locator bySector = page.locator("table", new Page.LocatorOptions().setHasText("Answers to question s1-q1 by sector"));
            Locator gp = bySector.locator("tr", new Locator.LocatorOptions().setHasText("GP practice"));
            assertEquals("2 (100.0%)", gp.locator("td").nth(1).textContent().trim());
            assertEquals("of 2 graded", gp.locator("td").nth(4).textContent().trim());
            Accessibility.assertNoViolations(page);
        }
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MODERATOR));
            assertEquals(403, page.navigate(base + "rounds/" + built.round().id + "/report/questions").status());
        }
    }

    /** The page's download links, followed with the browser's own sign-in (the form's session cookie). */
    @Test
    void theDownloadLinksOfTheReportWorkForASignedInBrowser() {
        long round = fixture.build().round().id;
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MESC));
            page.navigate(base + "rounds/" + round + "/report");
            Map<String, String> types = Map.of("PDF", "application/pdf", "XLSX", ReportExports.XLSX, "CSV", "text/csv",
                    "CSV, wide", "text/csv", "XLSX, wide", ReportExports.XLSX);
            Map<String, String> starts = Map.of("PDF", "%PDF", "XLSX", "PK", "CSV", "round,agency,sector",
                    "CSV, wide", "agency,sector,toolVersion,submittedAt,late,s1-q1", "XLSX, wide", "PK");
            for (String kind : List.of("PDF", "XLSX", "CSV", "CSV, wide", "XLSX, wide")) {
                Locator link = page.locator("a[download]", new Page.LocatorOptions().setHasText("(" + kind + ")"));
                String href = link.getAttribute("href");
                APIResponse response = page.request().get(base + href.substring(1));
                assertEquals(200, response.status(), href);
                assertTrue(response.headers().get("content-type").startsWith(types.get(kind)), href);
                assertTrue(new String(response.body(), StandardCharsets.ISO_8859_1).startsWith(starts.get(kind)), href);
            }
            Download download = page.waitForDownload(() -> page.getByText("Download every answer (CSV)").click());
            assertNull(download.failure());
            assertEquals("round-" + round + "-answers.csv", download.suggestedFilename());
        }
    }

    @Test
    void aModeratorCannotOpenTheReportPage() {
        long round = fixture.build().round().id;
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MODERATOR));
            assertEquals(403, page.navigate(base + "rounds/" + round + "/report").status());
            assertEquals(403, page.navigate(base + "rounds/" + round + "/report/standards/s1").status());
            assertEquals(403, page.navigate(base + "rounds/" + round + "/report/export.pdf").status());
            assertEquals(403, page.navigate(base + "reports").status());
            assertTrue(page.locator("main").textContent().contains("permission"));
        }
    }

    @Test
    void theYearOnYearLinkOpensTheChoiceWithoutAnErrorNamingStandardsAsTheReportDoes() {
        ReportFixture.Built built = fixture.build();
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MESC));
            page.navigate(base + "rounds/" + built.round().id + "/report");
            List<String> reportTitles = page.locator("caption a").allTextContents().stream().map(String::trim).toList();
            assertEquals(List.of("Standard 1", "Standard 2"), reportTitles);

            String href = page.getByText("Compare a standard year on year").getAttribute("href");
            assertEquals(200, page.navigate(base + href.substring(1)).status());
            assertEquals(0, page.locator(".govuk-error-summary, .govuk-error-message").count());
            assertEquals(built.partnership().code, page.getByLabel("Partnership").inputValue());
            List<String> choices = page.locator("#standard option:not([value=''])").allTextContents().stream()
                    .map(String::trim).toList();
            assertEquals(reportTitles, choices);
            Accessibility.assertNoViolations(page);

            page.getByLabel("Standard").selectOption("s2");
            page.getByText("Show the standard").click();
            assertTrue(page.locator("h2", new Page.LocatorOptions().setHasText("Standard 2:")).isVisible());
        }
    }

    /** One decimal everywhere: "10.0%", never "10.00%" or "10%". */
    @Test
    void everyPercentageOnTheReportPagesHasOneDecimal() {
        ReportFixture.Built built = fixture.build();
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MANAGER));
            for (String path : List.of("rounds/" + built.round().id + "/report",
                    "rounds/" + built.round().id + "/report/standards/s2",
                    "reports/trends?partnership=" + built.partnership().code + "&standard=s1")) {
                page.navigate(base + path);
                String text = page.locator("main").textContent();
                Matcher percent = Pattern.compile("[0-9.]+%").matcher(text);
                int found = 0;
                while (percent.find()) {
                    found++;
                    assertTrue(percent.group().matches("\\d+\\.\\d%"), path + ": " + percent.group());
                }
                assertTrue(found > 0, path);
            }
        }
    }

    @Test
    void theTrendsFormNamesTheMissingFieldAndShowsARoundsTable() {
        ReportFixture.Built built = fixture.build();
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MANAGER));
            page.navigate(base + "reports/trends?partnership=" + built.partnership().code + "&standard=");
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("Choose a standard"));
            Accessibility.assertNoViolations(page);
            page.getByLabel("Standard").selectOption("s1");
            page.getByText("Show the standard").click();
            assertTrue(page.locator("table").textContent().contains(built.round().name));
            Accessibility.assertNoViolations(page);
        }
    }
}

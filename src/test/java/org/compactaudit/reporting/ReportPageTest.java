package org.compactaudit.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import jakarta.inject.Inject;

import org.compactaudit.security.Role;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.TestUsers;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
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
    void aModeratorCannotOpenTheReportPage() {
        long round = fixture.build().round().id;
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MODERATOR));
            assertEquals(403, page.navigate(base + "rounds/" + round + "/report").status());
            assertEquals(403, page.navigate(base + "rounds/" + round + "/report/standards/s1").status());
            assertEquals(403, page.navigate(base + "reports").status());
            assertTrue(page.locator("main").textContent().contains("permission"));
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

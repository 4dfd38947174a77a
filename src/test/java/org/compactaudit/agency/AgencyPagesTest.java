package org.compactaudit.agency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.security.Role;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.ToolVersion;

@QuarkusTest
class AgencyPagesTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestUsers users;

    @Inject
    Fixtures fixtures;

    private Page signedIn(BrowserContext context, String role) {
        Page page = context.newPage();
        TestUsers.signIn(page, base.toString(), users.create(role));
        return page;
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    @Test
    void managerSearchesAndFiltersTheListAndSortsByColumn() {
        Partnership partnership = fixtures.partnership();
        Agency school = fixtures.agency("school", CycleGroup.A, partnership);
        Agency health = fixtures.agency("health", CycleGroup.B, partnership);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = signedIn(context, Role.MANAGER);
            page.navigate(base + "agencies?partnership=" + partnership.code);
            assertTrue(page.locator("#result-count").textContent().contains("2 agencies"));
            Accessibility.assertNoViolations(page);

            page.getByLabel("Sector").selectOption("school");
            page.getByRole(AriaRole.BUTTON, named("Search")).click();
            assertTrue(page.locator("#result-count").textContent().contains("1 agency"));
            assertTrue(page.locator("table").textContent().contains(school.name));
            assertFalse(page.locator("table").textContent().contains(health.name));

            page.getByLabel("Sector").selectOption("");
            page.getByLabel("Name, lead or email").fill(health.name.substring(7));
            page.getByRole(AriaRole.BUTTON, named("Search")).click();
            assertEquals(1, page.locator("tbody tr").count());
            assertTrue(page.locator("tbody").textContent().contains(health.name));

            page.getByLabel("Name, lead or email").fill("");
            page.getByRole(AriaRole.BUTTON, named("Search")).click();
            page.getByRole(AriaRole.LINK, named("Sector")).click();
            assertEquals("ascending", page.locator("th", new Page.LocatorOptions().setHasText("Sector"))
                    .getAttribute("aria-sort"));
            assertTrue(page.locator("tbody tr").first().textContent().contains(health.name), "Health sorts before School");
            page.getByRole(AriaRole.LINK, named("Sector")).click();
            assertEquals("descending", page.locator("th", new Page.LocatorOptions().setHasText("Sector"))
                    .getAttribute("aria-sort"));
            assertTrue(page.locator("tbody tr").first().textContent().contains(school.name));

            page.navigate(base + "agencies?q=" + Fixtures.unique("nothing-matches"));
            assertTrue(page.getByRole(AriaRole.HEADING, named("No agencies found")).isVisible());
            Accessibility.assertNoViolations(page);
        }
    }

    @Test
    void managerCreatesAnAgencyFixingAnErrorOnTheWayAndSeesItCannotBeContactedWithoutALeadEmail() {
        Partnership partnership = fixtures.partnership();
        String name = Fixtures.unique("Little Acorns Pre-school");
        try (BrowserContext context = Browsers.newContext()) {
            Page page = signedIn(context, Role.MANAGER);
            page.navigate(base + "agencies/new");
            Accessibility.assertNoViolations(page);
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
            page.getByLabel("Sector").selectOption("early-years");
            page.getByLabel("Group B").check();
            page.getByLabel("Lead's email address").fill("not an email");
            page.getByLabel(partnership.name).check();
            page.getByRole(AriaRole.BUTTON, named("Add agency")).click();

            assertTrue(page.locator(".govuk-error-summary").textContent().contains("safeguarding lead's email"));
            assertTrue(page.locator("#leadEmail-error").isVisible());
            assertEquals(name, page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).inputValue());
            assertTrue(page.getByLabel("Group B").isChecked());
            assertTrue(page.getByLabel(partnership.name).isChecked());
            assertTrue(page.title().startsWith("Error:"));
            Accessibility.assertNoViolations(page);

            page.getByLabel("Lead's email address").fill("");
            page.getByRole(AriaRole.BUTTON, named("Add agency")).click();
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("Agency added"));
            assertEquals(name, page.locator("h1").textContent().replace("Deactivated", "").trim());
            assertTrue(page.getByText("No returns yet").isVisible());
            Accessibility.assertNoViolations(page);

            page.navigate(base + "agencies?partnership=" + partnership.code);
            assertTrue(page.locator("tbody").textContent().contains("Cannot be contacted"));
        }
    }

    @Test
    void theAgencyPageListsItsReturnsWithTheRoundStatusAndALinkToEach() {
        Partnership partnership = fixtures.partnership();
        ToolVersion tool = fixtures.tool(1, 1);
        AuditRound earlier = fixtures.round(partnership, tool);
        AuditRound later = fixtures.round(partnership, tool);
        QuarkusTransaction.requiringNew().run(() -> {
            AuditRound open = AuditRound.findById(later.id);
            open.opensOn = LocalDate.of(2099, 4, 1);
            open.dueOn = LocalDate.of(2099, 6, 30);
            open.closesOn = LocalDate.of(2099, 7, 31);
        });
        Agency agency = fixtures.agency("school", CycleGroup.A, partnership);
        Return first = fixtures.submit(fixtures.returnFor(earlier, agency), Map.of(),
                Instant.parse("2018-07-15T09:00:00Z"));
        Return second = fixtures.returnFor(later, agency);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = signedIn(context, Role.MANAGER);
            page.navigate(base + "agencies/" + agency.id);
            assertTrue(page.getByText("2 returns across audit rounds").isVisible());
            Locator rows = page.locator("#returns tbody tr");
            assertEquals(2, rows.count());
            assertTrue(rows.nth(0).textContent().contains(later.name), "newest round first");
            assertTrue(rows.nth(0).textContent().contains("Invited"));
            assertEquals("/returns/" + second.id, rows.nth(0).locator("a").getAttribute("href"));
            assertTrue(rows.nth(1).textContent().contains("Submitted late"));
            assertEquals("/returns/" + first.id, rows.nth(1).locator("a").getAttribute("href"));
            Accessibility.assertNoViolations(page);
            rows.nth(1).locator("a").click();
            assertEquals(agency.name, page.locator("h1").textContent().trim());
        }
    }

    @Test
    void managerDeactivatesAfterConfirmingAndCanReactivate() {
        Agency agency = fixtures.agency("faith", CycleGroup.A, fixtures.partnership());
        try (BrowserContext context = Browsers.newContext()) {
            Page page = signedIn(context, Role.MANAGER);
            page.navigate(base + "agencies/" + agency.id);
            page.getByRole(AriaRole.BUTTON, named("Deactivate")).click();
            assertTrue(page.locator("h1").textContent().contains("Are you sure"));
            Accessibility.assertNoViolations(page);
            page.getByRole(AriaRole.BUTTON, named("Yes, deactivate")).click();
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("Agency deactivated"));
            assertTrue(page.locator("h1 .govuk-tag").textContent().contains("Deactivated"));

            page.navigate(base + "agencies?q=" + agency.name);
            assertTrue(page.getByText("No agencies found").isVisible(), "deactivated agencies are hidden by default");
            page.navigate(base + "agencies?status=inactive&q=" + agency.name);
            assertEquals(1, page.locator("tbody tr").count());

            page.navigate(base + "agencies/" + agency.id);
            page.getByRole(AriaRole.BUTTON, named("Reactivate")).click();
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("Agency reactivated"));
        }
    }

    @Test
    void managerDeletesAnAgencyWithoutReturnsAfterConfirming() {
        Agency agency = fixtures.agency("commercial", CycleGroup.B, fixtures.partnership());
        try (BrowserContext context = Browsers.newContext()) {
            Page page = signedIn(context, Role.MANAGER);
            page.navigate(base + "agencies/" + agency.id);
            page.getByRole(AriaRole.BUTTON, named("Delete")).click();
            page.getByRole(AriaRole.BUTTON, named("Yes, delete")).click();
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains(agency.name + " was deleted"));
            assertEquals(0, Agency.count("id", agency.id));
        }
    }

    @Test
    void importPageListsEveryBadLineAndThenImportsTheCorrectedFile() {
        Partnership partnership = fixtures.partnership();
        String name = Fixtures.unique("Ysgol Gymraeg Ffordd Dyffryn");
        String header = String.join(",", AgencyCsv.COLUMNS) + "\n";
        try (BrowserContext context = Browsers.newContext()) {
            Page page = signedIn(context, Role.MANAGER);
            page.navigate(base + "agencies/import");
            Accessibility.assertNoViolations(page);

            page.getByLabel("Upload a CSV file").setInputFiles(new FilePayload("agencies.csv", "text/csv",
                    (header + name + ",school,,A,,,,," + partnership.code + ",\n,school,,Z,,,,,,\n")
                            .getBytes(StandardCharsets.UTF_8)));
            page.getByRole(AriaRole.BUTTON, named("Import file")).click();
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("Nothing was imported"));
            assertEquals(2, page.locator("#import-errors tbody tr").count());
            assertTrue(page.locator("#import-errors tbody tr").first().textContent().startsWith("3"));
            Accessibility.assertNoViolations(page);
            assertEquals(0, Agency.count("name", name));

            page.getByLabel("Upload a CSV file").setInputFiles(new FilePayload("agencies.csv", "text/csv",
                    (header + name + ",school,,A,,,,," + partnership.code + ",\n").getBytes(StandardCharsets.UTF_8)));
            page.getByRole(AriaRole.BUTTON, named("Import file")).click();
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("1 added, 0 updated"));
            assertEquals(1, Agency.count("name", name));
        }
    }

    @Test
    void mescReadsTheListButCannotEditAndModeratorIsRefused() {
        Agency agency = fixtures.agency("school", CycleGroup.A, fixtures.partnership());
        try (BrowserContext context = Browsers.newContext()) {
            Page page = signedIn(context, Role.MESC);
            page.navigate(base + "agencies/" + agency.id);
            assertFalse(page.getByRole(AriaRole.BUTTON, named("Change details")).isVisible());
            assertEquals(403, page.navigate(base + "agencies/" + agency.id + "/edit").status());
            assertEquals(403, page.navigate(base + "agencies/import").status());
        }
        try (BrowserContext context = Browsers.newContext()) {
            Page page = signedIn(context, Role.MODERATOR);
            assertEquals(403, page.navigate(base + "agencies").status());
        }
    }
}

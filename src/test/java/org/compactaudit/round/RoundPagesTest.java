package org.compactaudit.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.chasing.ChasingService;
import org.compactaudit.chasing.Escalation;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.Role;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.ToolVersion;

@QuarkusTest
class RoundPagesTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    @Inject
    RoundService rounds;

    @Inject
    ChasingService chasing;

    @Test
    void theManagerCreatesARoundPreviewsTheCohortWithUncontactableAgenciesFlaggedAndSendsIt() {
        ToolVersion tool = fixtures.tool(1, 2);
        Partnership partnership = fixtures.partnership();
        Agency school = fixtures.agency("school", CycleGroup.A, partnership);
        Agency noEmail = fixtures.agency("faith", CycleGroup.A, partnership);
        QuarkusTransaction.requiringNew().run(() -> Agency.<Agency>findById(noEmail.id).leadEmail = null);
        // Real directory entries are long: they are what pushed the cohort table past the page column.
        String longName = "St Mary's Church of England Voluntary Aided Primary School " + school.id;
        String longEmail = "designated.safeguarding.lead." + school.id + "@stmarys-church-of-england-primary-school.example.org";
        QuarkusTransaction.requiringNew().run(() -> {
            Agency managed = Agency.findById(school.id);
            managed.name = longName;
            managed.leadEmail = longEmail;
        });
        String manager = users.create(Role.MANAGER);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), manager);
            page.navigate(base + "rounds/new");
            Accessibility.assertNoViolations(page);
            assertEquals(page.locator("#opensOn").boundingBox().y, page.locator("#opensOn-year").boundingBox().y,
                    "day, month and year on one line at 1280 px");
            page.getByLabel("Name").fill("Backwards " + partnership.code);
            page.getByLabel("Partnership").selectOption(partnership.code);
            page.locator("select[name='tools.school']").selectOption(tool.reference());
            page.locator("select[name='tools.faith']").selectOption(tool.reference());
            fillDate(page, "opensOn", "1", "12", "2026");
            fillDate(page, "dueOn", "31", "2", "2027");
            fillDate(page, "closesOn", "31", "7", "2027");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the round and review its cohort")).click();
            assertTrue(page.locator("#dueOn-error").textContent().contains("The due date must be a real date"));
            assertEquals("31", page.locator("#dueOn").inputValue(), "the bad date is kept as typed");
            assertEquals("2", page.locator("#dueOn-month").inputValue());
            page.locator(".govuk-error-summary a").first().click();
            assertEquals("dueOn", page.evaluate("document.activeElement.id"), "the error summary links to the day field");
            Accessibility.assertNoViolations(page);

            fillDate(page, "dueOn", "1", "4", "2026");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the round and review its cohort")).click();
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("The due date must be on or after the opening date"));
            assertTrue(page.locator("#dueOn-error").isVisible());
            Accessibility.assertNoViolations(page);

            fillDate(page, "dueOn", "30", "6", "2027");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the round and review its cohort")).click();
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("Round created"));
            assertTrue(page.locator("#cohort").textContent().contains(longName));
            assertTrue(page.locator("#cohort").textContent().contains("Cannot be contacted"));
            List<String> tools = page.locator(".govuk-summary-list__row", new Page.LocatorOptions().setHasText("Tool versions"))
                    .locator("li").allTextContents();
            assertTrue(tools.contains(tool.title + ", version 2018-19: School, Faith"), "title, version, sector names: " + tools);
            assertEquals(tools.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), tools, "sorted by title");
            Accessibility.assertNoViolations(page);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the round")).click();
            assertTrue(page.locator(".govuk-warning-text").textContent().contains("1 agency has no valid lead email"));
            assertTrue(page.locator("h1").textContent().contains("to 2 agencies?"));
            assertEquals("/agencies/" + noEmail.id + "/edit", page.locator("#cannot-be-contacted a").getAttribute("href"));
            assertTrue(page.locator("#cannot-be-contacted").textContent().contains(noEmail.name));
            Accessibility.assertNoViolations(page);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the invitations")).click();
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("1 invitation queued"));
            assertTrue(page.locator("#cohort").textContent().contains("Invited"));
            assertTableWithinMainColumn(page);
            Accessibility.assertNoViolations(page);

            page.locator("#cohort a", new Page.LocatorOptions().setHasText(longName)).click();
            long returnId = QuarkusTransaction.requiringNew().call(() -> Return.<Return>find("agency.id", school.id).firstResult().id);
            assertTrue(page.url().endsWith("/returns/" + returnId), page.url());
            assertEquals("/returns/" + returnId + "/link/replace",
                    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Replace the link")).getAttribute("href"));

            page.navigate(base + "outbox?status=pending");
            assertTrue(page.locator("table").textContent().contains(longEmail));
            Accessibility.assertNoViolations(page);
            page.navigate(base + "rounds");
            assertEquals(1, page.getByText("Backwards " + partnership.code).count());
            Accessibility.assertNoViolations(page);
        }
    }

    @Test
    void aSubmittedReturnIsReachedFromTheDashboardAndOffersReopening() {
        ToolVersion tool = fixtures.tool(1, 1);
        Partnership partnership = fixtures.partnership();
        AuditRound round = fixtures.round(partnership, tool);
        Agency agency = fixtures.agency("school", CycleGroup.A, partnership);
        Return submitted = fixtures.submit(fixtures.returnFor(round, agency), java.util.Map.of(),
                java.time.Instant.parse("2018-06-01T09:00:00Z"));
        String manager = users.create(Role.MANAGER);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), manager);
            page.navigate(base + "rounds/" + round.id);
            page.locator("#cohort a", new Page.LocatorOptions().setHasText(agency.name)).click();
            assertTrue(page.url().endsWith("/returns/" + submitted.id), page.url());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reopen the return")).click();
            assertTrue(page.url().endsWith("/returns/" + submitted.id + "/reopen"), page.url());
        }
    }

    @Test
    void theManagerFindsAnAgencyByPartOfItsNameAddsItToTheCohortAndRemovesItWithABannerEachTime() {
        fixtures.tool(1, 1);
        Partnership partnership = fixtures.partnership();
        fixtures.agency("school", CycleGroup.A, partnership);
        Agency mill = fixtures.agency("school", CycleGroup.B, partnership);
        String millName = "Mill Quay Primary " + mill.id;
        QuarkusTransaction.requiringNew().run(() -> Agency.<Agency>findById(mill.id).name = millName);
        String manager = users.create(Role.MANAGER);
        AuditRound round = rounds.create(new RoundService.RoundInput(Fixtures.unique("Search"), partnership.code, "A",
                LocalDate.of(2027, 4, 1), LocalDate.of(2027, 6, 30), LocalDate.of(2027, 7, 31), java.util.Map.of(), null), manager);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), manager);
            page.navigate(base + "rounds/" + round.id);
            page.getByLabel("Agency name or part of it").fill("mill quay");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertTrue(page.locator("#add-results").textContent().contains(millName));
            Accessibility.assertNoViolations(page);

            Page.GetByRoleOptions add = new Page.GetByRoleOptions().setName("Add " + millName);
            page.getByRole(AriaRole.BUTTON, add).click();
            assertTrue(page.locator("#reason-error").textContent().contains("Give a reason for adding the agency"));
            assertTrue(page.locator("#add-results").textContent().contains(millName), "the results stay after the error");
            Accessibility.assertNoViolations(page);
            page.getByLabel("Reason for adding").fill("Opened a nursery class");
            page.getByRole(AriaRole.BUTTON, add).click();
            assertEquals(millName + " added to the cohort", page.locator(".govuk-notification-banner__heading").textContent().trim());
            assertTrue(page.locator("#cohort").textContent().contains("Added: Opened a nursery class"));

            page.getByLabel("Agency name or part of it").fill("Mill");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertTrue(page.locator("#no-matches").textContent().contains("has a name containing “Mill”"),
                    "an agency already in the cohort is not offered again");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Remove " + millName)).click();
            page.getByLabel("Why is it being removed?").fill("Added by mistake");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove from the cohort")).click();
            assertEquals(millName + " removed from the cohort", page.locator(".govuk-notification-banner__heading").textContent().trim());

            page.navigate(base + "rounds/" + round.id + "?added=" + mill.id + "&banner=%3Cscript%3E");
            assertEquals(millName + " added to the cohort", page.locator(".govuk-notification-banner__heading").textContent().trim());
        }
    }

    @Test
    void savingTheChaserScheduleSaysSo() {
        Partnership partnership = fixtures.partnership();
        AuditRound round = fixtures.round(partnership, fixtures.tool(1, 1));
        String manager = users.create(Role.MANAGER);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), manager);
            page.navigate(base + "rounds/" + round.id + "/schedule");
            page.getByLabel("Chaser days, counted from the due date").fill("-7, 2");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the schedule")).click();
            assertEquals("Chaser schedule saved", page.locator(".govuk-notification-banner__heading").textContent().trim());
            assertTrue(page.locator(".govuk-summary-list").textContent().contains("23 June 2018, 2 July 2018"));
            Accessibility.assertNoViolations(page);
        }
    }

    @Test
    void theEscalationMeetingDateIsAGovukDateInputThatKeepsABadDateWithItsError() {
        Partnership partnership = fixtures.partnership();
        AuditRound round = fixtures.round(partnership, fixtures.tool(1, 1));
        Return missing = fixtures.returnFor(round, fixtures.agency("health", CycleGroup.A, partnership));
        chasing.run(round.id, LocalDate.of(2018, 7, 21));
        chasing.run(round.id, LocalDate.of(2018, 7, 22));
        String manager = users.create(Role.MANAGER);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), manager);
            page.navigate(base + "rounds/" + round.id + "/returns/" + missing.id + "/escalation");
            fillDate(page, "meetingOn", "31", "2", "2018");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
            assertTrue(page.locator("#meetingOn-error").textContent().contains("The meeting date must be a real date"));
            assertEquals("31", page.locator("#meetingOn").inputValue());
            Accessibility.assertNoViolations(page);
            fillDate(page, "meetingOn", "14", "8", "2018");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
            assertEquals("14", page.locator("#meetingOn").inputValue());
            assertEquals("8", page.locator("#meetingOn-month").inputValue());
            assertEquals(LocalDate.of(2018, 8, 14), QuarkusTransaction.requiringNew().call(() -> Escalation
                    .<Escalation>find("returnId", missing.id).firstResult().meetingOn));
        }
    }

    private static void fillDate(Page page, String name, String day, String month, String year) {
        page.locator("#" + name).fill(day);
        page.locator("#" + name + "-month").fill(month);
        page.locator("#" + name + "-year").fill(year);
    }

    /** The cohort table's right edge stays inside the page's main column (1280 px wide viewport). */
    private static void assertTableWithinMainColumn(Page page) {
        double tableRight = ((Number) page.evaluate("document.querySelector('#cohort').getBoundingClientRect().right")).doubleValue();
        double columnRight = ((Number) page.evaluate("(() => { const m = document.querySelector('main');"
                + " return m.getBoundingClientRect().right - parseFloat(getComputedStyle(m).paddingRight); })()")).doubleValue();
        System.out.println("cohort table right edge " + tableRight + " px, main column right edge " + columnRight + " px");
        assertTrue(tableRight <= columnRight + 0.5, "cohort table right edge " + tableRight + " px, main column " + columnRight + " px");
    }
}

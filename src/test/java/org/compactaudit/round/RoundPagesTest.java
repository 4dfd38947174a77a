package org.compactaudit.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

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
import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.Role;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;

@QuarkusTest
class RoundPagesTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    @Test
    void theManagerCreatesARoundPreviewsTheCohortWithUncontactableAgenciesFlaggedAndSendsIt() {
        fixtures.tool(1, 2);
        Partnership partnership = fixtures.partnership();
        Agency school = fixtures.agency("school", CycleGroup.A, partnership);
        Agency noEmail = fixtures.agency("faith", CycleGroup.A, partnership);
        QuarkusTransaction.requiringNew().run(() -> Agency.<Agency>findById(noEmail.id).leadEmail = null);
        String manager = users.create(Role.MANAGER);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), manager);
            page.navigate(base + "rounds/new");
            Accessibility.assertNoViolations(page);
            page.getByLabel("Name").fill("Backwards " + partnership.code);
            page.getByLabel("Partnership").selectOption(partnership.code);
            page.getByLabel("Opens on").fill("2018-05-01");
            page.getByLabel("Due on").fill("2018-04-01");
            page.getByLabel("Closes on").fill("2018-07-31");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the round and review its cohort")).click();
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("The due date must be on or after the opening date"));
            assertTrue(page.locator("#dueOn-error").isVisible());
            Accessibility.assertNoViolations(page);

            page.getByLabel("Due on").fill("2018-06-30");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the round and review its cohort")).click();
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("Round created"));
            assertTrue(page.locator("table").last().textContent().contains(school.name));
            assertTrue(page.locator("table").last().textContent().contains("Cannot be contacted"));
            Accessibility.assertNoViolations(page);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the round")).click();
            assertTrue(page.locator(".govuk-warning-text").textContent().contains("1 agencies have no valid lead email"));
            Accessibility.assertNoViolations(page);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the invitations")).click();
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("1 invitations queued"));
            assertTrue(page.locator("table").last().textContent().contains("Invited"));
            Accessibility.assertNoViolations(page);

            page.navigate(base + "outbox?status=pending");
            assertTrue(page.locator("table").textContent().contains(school.leadEmail));
            Accessibility.assertNoViolations(page);
            page.navigate(base + "rounds");
            assertEquals(1, page.getByText("Backwards " + partnership.code).count());
            Accessibility.assertNoViolations(page);
        }
    }
}

package org.compactaudit.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.LocalDate;
import java.util.Map;

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

/** With JavaScript, the cohort search shows matches while the manager types, without pressing Search. */
@QuarkusTest
class CohortSearchAsYouTypeTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    @Inject
    RoundService rounds;

    @Test
    void matchesAppearAsTheManagerTypesAndAddingOneWorks() {
        fixtures.tool(1, 1);
        Partnership partnership = fixtures.partnership();
        fixtures.agency("school", CycleGroup.A, partnership);
        Agency harbour = fixtures.agency("school", CycleGroup.B, partnership);
        String name = "Harbour View Nursery " + harbour.id;
        QuarkusTransaction.requiringNew().run(() -> Agency.<Agency>findById(harbour.id).name = name);
        String manager = users.create(Role.MANAGER);
        AuditRound round = rounds.create(new RoundService.RoundInput(Fixtures.unique("Typing"), partnership.code, "A",
                LocalDate.of(2027, 4, 1), LocalDate.of(2027, 6, 30), LocalDate.of(2027, 7, 31), Map.of(), null), manager);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), manager);
            page.navigate(base + "rounds/" + round.id);
            String before = page.url();
            page.getByLabel("Agency name or part of it").pressSequentially("harbour v");
            page.locator("#add-results").waitFor();
            assertTrue(page.locator("#add-results").textContent().contains(name), page.locator("#add-results-live").innerHTML());
            assertEquals(before, page.url(), "no page load: the results came in place");
            Accessibility.assertNoViolations(page);

            page.getByLabel("Reason for adding").fill("Opened this term");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add " + name)).click();
            assertEquals(name + " added to the cohort", page.locator(".govuk-notification-banner__heading").textContent().trim());
        }
    }
}

package org.compactaudit.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.round.Return;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.Grade;

@QuarkusTest
class ModerationPagesTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    ModerationScenario scenario;

    private static com.microsoft.playwright.Locator field(Page page, String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private static void click(Page page, String button) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button)).click();
    }

    @Test
    void theManagerDrawsPlansAndRecordsAVisitOnAccessiblePagesAndTheModeratorSeesIt() {
        ModerationScenario.Round r = scenario.round(2);
        Return school = scenario.submitted(r, "school", Map.of("s2-q2", Grade.REQUIRES_IMPROVEMENT));
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), r.manager);
            page.navigate(base + "rounds/" + r.round.id + "/moderation");
            Accessibility.assertNoViolations(page);

            // A size larger than the returns is refused beside the field and in the summary.
            field(page, "A fixed number of visits").check();
            field(page, "Number of visits").fill("5");
            click(page, "Draw the sample");
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("larger than the 1 submitted returns"));
            assertTrue(page.locator("#size-error").isVisible());
            Accessibility.assertNoViolations(page);

            field(page, "Number of visits").fill("1");
            field(page, "Seed (optional)").fill("2018");
            click(page, "Draw the sample");
            assertEquals("2018", page.locator("#sample-seed").textContent());

            // A return submitted after the draw can be added, or replace the sampled agency: both ask for a reason.
            Return late = scenario.submitted(r, "health", Map.of());
            page.navigate(base + "rounds/" + r.round.id + "/moderation/add");
            assertTrue(page.locator("#returnId").textContent().contains(late.agency.name));
            click(page, "Add the agency");
            assertTrue(page.locator("#reason-error").textContent().contains("Enter why the agency is being added"));
            Accessibility.assertNoViolations(page);
            page.navigate(base + "rounds/" + r.round.id + "/moderation/visits/"
                    + ModerationScenario.visitIdOf(school.id) + "/replace");
            assertTrue(page.locator(".govuk-warning-text").textContent().contains(school.agency.name));
            Accessibility.assertNoViolations(page);
            page.navigate(base + "rounds/" + r.round.id + "/moderation");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(school.agency.name).setExact(true)).click();
            Accessibility.assertNoViolations(page);

            page.locator("#date").fill("12");
            field(page, "Month").fill("9");
            field(page, "Year").fill("2018");
            field(page, "Place").fill("The school office");
            page.locator("input[name=attendees][value='" + r.managerId + "']").check();
            page.locator("input[name=attendees][value='" + r.moderatorId + "']").check();
            click(page, "Save the plan");
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("emailed the date"));

            // Completing before every standard is graded shows each missing grade.
            field(page, "Summary of the visit").fill("Evidence seen");
            click(page, "Complete the visit");
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("Choose the moderated grade for Standard 1"));
            Accessibility.assertNoViolations(page);

            page.locator("#grade-s1-good").check();
            field(page, "Notes on the evidence seen for Standard 1").fill("Training log for all staff");
            page.locator("#grade-s2-good").check();
            field(page, "Moderated grade for: Question 2 of standard 2?").selectOption("good");
            click(page, "Save the grades");
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("grades saved"));
            assertTrue(page.content().contains("Under-scored"));
            field(page, "Summary of the visit").fill("Evidence seen; the school under-scored its inter-agency work.");
            click(page, "Complete the visit");
            assertEquals("Done", page.locator("#visit-status").textContent().trim());
            assertEquals(0, page.locator("form[action$='/grades']").count());
            Accessibility.assertNoViolations(page);

            page.navigate(base + "rounds/" + r.round.id + "/moderation/report");
            assertEquals("1 of 1 done, 50.0% of 2 returns", page.locator("#commitment").textContent().trim());
            Accessibility.assertNoViolations(page);
        }
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), r.moderator);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Moderation").setExact(true)).first().click();
            assertTrue(page.locator("table").textContent().contains(school.agency.name));
            Accessibility.assertNoViolations(page);
        }
    }
}

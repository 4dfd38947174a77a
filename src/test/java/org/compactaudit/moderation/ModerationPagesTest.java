package org.compactaudit.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.mail.OutboxMessage;
import org.compactaudit.round.Return;
import org.compactaudit.security.StaffUser;
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
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("larger than the 1 submitted return"));
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

    private static String activeNavItem(Page page) {
        assertEquals(page.locator(".govuk-service-navigation__item--active").textContent().trim(),
                page.locator(".govuk-service-navigation [aria-current=page]").textContent().trim());
        return page.locator(".govuk-service-navigation__item--active").textContent().trim();
    }

    @Test
    void drawingAgainIsOfferedOnlyUntilAVisitIsPlannedAndPeopleDatesAndPercentagesReadAsWritten() {
        ModerationScenario.Round r = scenario.round(1);
        Return school = scenario.submitted(r, "school", Map.of());
        // Older demo users carry their role in their name; the attendee list must not add it a second time.
        QuarkusTransaction.requiringNew().run(() -> StaffUser.<StaffUser>findById(r.managerId).displayName =
                "Priya Shah (Partnerships Manager)");
        ModerationScenario.as(r.manager).body(Map.of("policy", "percent", "percent", 12.5, "minimum", 1, "seed", 7))
                .post("/api/v1/rounds/{id}/moderation/sample", r.round.id).then().statusCode(200);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), r.manager);
            page.navigate(base + "rounds/" + r.round.id + "/moderation");
            assertEquals("Moderation", activeNavItem(page));
            String sample = page.locator(".govuk-summary-list").textContent();
            assertTrue(sample.contains("12.5% of submitted returns, at least 1"), sample);
            assertTrue(sample.contains("1 of 1 submitted return"), sample);
            assertTrue(sample.matches("(?s).*Drawn\\s+\\d{1,2} [A-Z][a-z]+ \\d{4} at \\d{2}:\\d{2} by .*"), sample);
            assertEquals("1 visit, by sector", page.locator("table caption").last().textContent().trim());
            assertEquals(1, page.getByText("Draw the sample again").count());
            assertEquals(0, page.locator("#draw-again-refused").count());

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(school.agency.name).setExact(true)).click();
            assertEquals("Moderation", activeNavItem(page));
            assertEquals(List.of("Priya Shah (Partnerships Manager)"),
                    page.locator("label.govuk-checkboxes__label").allTextContents().stream().map(String::trim)
                            .filter(l -> l.startsWith("Priya Shah")).toList());

            // A date that does not exist is refused beside the date input, and what was typed stays.
            page.locator("#date").fill("31");
            field(page, "Month").fill("2");
            field(page, "Year").fill("2027");
            field(page, "Place").fill("The school office");
            page.locator("input[name=attendees][value='" + r.managerId + "']").check();
            page.locator("input[name=attendees][value='" + r.moderatorId + "']").check();
            click(page, "Save the plan");
            assertTrue(page.locator("#date-error").textContent().contains("must be a real date"));
            assertEquals("#date", page.locator(".govuk-error-summary a").first().getAttribute("href"));
            assertEquals("31", page.locator("#date").inputValue());
            assertEquals("2", page.locator("#date-month").inputValue());
            assertEquals("2027", page.locator("#date-year").inputValue());
            Accessibility.assertNoViolations(page);
            page.locator("#date").fill("12");
            field(page, "Month").fill("9");
            click(page, "Save the plan");
            assertTrue(page.locator(".govuk-summary-list").textContent().contains("12 September 2027"));

            page.navigate(base + "rounds/" + r.round.id + "/moderation");
            assertEquals(0, page.getByText("Draw the sample again").count());
            assertEquals(0, page.locator("form[action$='/moderation/sample']").count());
            assertTrue(page.locator("#draw-again-refused").textContent().contains("Visits are planned"));
            assertTrue(page.locator("table").last().textContent().contains("12 September 2027"));
            Accessibility.assertNoViolations(page);

            page.navigate(base + "rounds/" + r.round.id + "/moderation/report");
            assertEquals("Moderation", activeNavItem(page));
            page.navigate(base + "rounds/" + r.round.id);
            assertEquals("Audit rounds", activeNavItem(page));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage planned = OutboxMessage.find("returnId = ?1 and kind = ?2", school.id, "visit").firstResult();
            assertTrue(planned.subject.contains("Moderation visit on 12 September 2027"), planned.subject);
            assertTrue(planned.bodyText.contains("Date: 12 September 2027"), planned.bodyText);
        });
    }
}

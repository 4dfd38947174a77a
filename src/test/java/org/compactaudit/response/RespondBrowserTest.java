package org.compactaudit.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.compactaudit.mail.OutboxMessage;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.security.Role;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.TestUsers;

@QuarkusTest
class RespondBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    ReturnScenario scenario;

    @Inject
    TestUsers users;

    private static BrowserContext withoutJavaScript() {
        try (BrowserContext probe = Browsers.newContext()) {
            Browser browser = probe.browser();
            return browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false).setViewportSize(1280, 900));
        }
    }

    /** Presses Tab until the element matching the selector has the focus, as a keyboard user would. */
    private static void tabTo(Page page, String selector) {
        for (int i = 0; i < 80; i++) {
            page.keyboard().press("Tab");
            if ((Boolean) page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + selector);
    }

    private static void assertFitsAPhone(Page page) {
        page.setViewportSize(320, 800);
        int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
        assertTrue(width <= 320, page.url() + " scrolls sideways at 320px: " + width);
        page.setViewportSize(1280, 900);
    }

    private static void waitSaved(Page page, String questionKey) {
        page.locator("#" + questionKey + " [data-status]").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Saved at")).waitFor();
    }

    @Test
    void aWholeReturnIsCompletedWithTheKeyboardOnly() throws IOException {
        ReturnScenario.Opened o = scenario.create();
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "respond/" + o.token());
            assertTrue(page.locator("#progress").textContent().contains("You have completed 0 of 2 standards"));
            assertTrue(page.locator("main").textContent().contains("Due by 30 June 2018. Late returns are accepted until 31 July 2018."));
            Accessibility.assertNoViolations(page);
            assertFitsAPhone(page);

            tabTo(page, "a[href$='/standards/s1']");
            page.keyboard().press("Enter");
            page.waitForURL("**/standards/s1");
            Accessibility.assertNoViolations(page);
            assertFitsAPhone(page);
            tabTo(page, "#s1-q1-grade");
            page.keyboard().press("Space");
            tabTo(page, "#s1-q1-evidence");
            page.keyboard().type("Safer recruitment policy; all staff trained in 2018.");
            tabTo(page, "#s1-q2-grade");
            page.keyboard().press("Space");
            page.keyboard().press("ArrowDown");
            page.keyboard().press("ArrowDown");
            assertTrue(page.isChecked("#s1-q2-grade-requires-improvement"));
            tabTo(page, "#s1-q2-evidence");
            page.keyboard().type("Induction covers it, refresher overdue.");
            tabTo(page, "#s1-q2-action-what");
            page.keyboard().type("Refresher training for every member of staff");
            tabTo(page, "#s1-q2-action-owner");
            page.keyboard().type("Deputy head");
            tabTo(page, "#s1-q2-action-due-day");
            page.keyboard().type("31");
            page.keyboard().press("Tab");
            page.keyboard().type("12");
            page.keyboard().press("Tab");
            page.keyboard().type("2018");
            waitSaved(page, "s1-q2");
            tabTo(page, "button.govuk-button[type=submit]");
            page.keyboard().press("Enter");
            page.waitForURL(url -> url.contains("?saved=s1"));
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("Saved: Standard 1"));
            assertTrue(page.locator("#progress").textContent().contains("You have completed 1 of 2 standards"));

            tabTo(page, "a[href$='/standards/s2']");
            page.keyboard().press("Enter");
            page.waitForURL("**/standards/s2");
            tabTo(page, "#s2-q1-grade");
            page.keyboard().press("Space");
            for (int i = 0; i < 4; i++) {
                page.keyboard().press("ArrowDown");
            }
            assertTrue(page.isChecked("#s2-q1-grade-not-applicable"));
            tabTo(page, "#s2-q1-naReason");
            page.keyboard().type("Ni ddefnyddiwn gludiant – we provide no transport.");
            tabTo(page, "#s2-q2-grade");
            page.keyboard().press("Space");
            page.keyboard().press("ArrowDown");
            tabTo(page, "#s2-q2-evidence");
            page.keyboard().type("Governors review the policy every year.");
            waitSaved(page, "s2-q2");
            tabTo(page, "button.govuk-button[type=submit]");
            page.keyboard().press("Enter");
            page.waitForURL(url -> url.contains("?saved=s2"));
            assertTrue(page.locator("#progress").textContent().contains("You have completed 2 of 2 standards"));

            tabTo(page, "a[href$='/check']");
            page.keyboard().press("Enter");
            page.waitForURL("**/check");
            Accessibility.assertNoViolations(page);
            assertFitsAPhone(page);
            tabTo(page, "#name");
            page.keyboard().type("Siân Ellis");
            page.keyboard().press("Tab");
            page.keyboard().type("Designated safeguarding lead");
            page.keyboard().press("Tab");
            page.keyboard().type("sian@school.test");
            tabTo(page, "form[action$='/submit'] button");
            page.keyboard().press("Enter");
            page.waitForURL("**/submitted");
            assertTrue(page.locator(".govuk-panel__title").textContent().contains("Return submitted"));
            Accessibility.assertNoViolations(page);
            assertFitsAPhone(page);

            Download download = page.waitForDownload(() -> page.getByText("Download your return (PDF)").click());
            String text = RespondApiTest.pdfText(Files.readAllBytes(download.path()));
            assertTrue(text.contains("Refresher training for every member of staff"), text);
            assertTrue(text.contains("Siân Ellis"), text);
            assertTrue(text.contains("Requires Improvement"), text);
        }
        Return r = scenario.reload(o.returnId());
        assertTrue(r.isSubmitted());
        List<OutboxMessage> receipts = scenario.outbox(o.returnId());
        assertTrue(receipts.stream().anyMatch(m -> m.to.equals("sian@school.test") && m.attachment != null
                && m.attachmentType.equals("application/pdf")));
    }

    @Test
    void withoutJavaScriptTheSaveButtonSavesAndTooLongEvidenceIsRefusedWithAMessage() {
        ReturnScenario.Opened o = scenario.create();
        try (BrowserContext context = withoutJavaScript()) {
            Page page = context.newPage();
            page.navigate(base + "respond/" + o.token() + "/standards/s1");
            page.check("#s1-q1-grade-good");
            page.fill("#s1-q1-evidence", "e".repeat(10_001));
            page.fill("#s1-q2-evidence", "Kept while the other answer is fixed");
            Response response = page.waitForNavigation(() -> page.click("button.govuk-button[type=submit]"));
            assertEquals(400, response.status());
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("10,000 characters or fewer"));
            assertEquals("Kept while the other answer is fixed", page.inputValue("#s1-q2-evidence"));
            assertEquals(10_001, page.inputValue("#s1-q1-evidence").length());
            assertFitsAPhone(page);

            page.fill("#s1-q1-evidence", "Policy and training records");
            page.click("button.govuk-button[type=submit]");
            page.waitForURL(url -> url.contains("?saved=s1"));
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("Saved"));
            assertTrue(page.locator("#status-s1").textContent().contains("In progress"));
        }
        assertEquals("Policy and training records", scenario.answer(o.returnId(), "s1-q1").evidence);
        assertEquals("Kept while the other answer is fixed", scenario.answer(o.returnId(), "s1-q2").evidence);
    }

    @Test
    void notApplicableAsksForTheReasonInsteadOfTheEvidenceAndWithoutJavaScriptBothBoxesShow() {
        ReturnScenario.Opened o = scenario.create();
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "respond/" + o.token() + "/standards/s1");
            assertTrue(page.isVisible("#s1-q1-evidence"));
            assertFalse(page.isVisible("#s1-q1-naReason"), "no grade yet: the reason is not asked");
            page.check("#s1-q1-grade-not-applicable");
            assertTrue(page.isVisible("#s1-q1-naReason"));
            assertFalse(page.isVisible("#s1-q1-evidence"), "Not applicable asks for the reason, not evidence");
            Accessibility.assertNoViolations(page);
            page.fill("#s1-q1-naReason", "We run no recruitment of our own.");
            waitSaved(page, "s1-q1");
            page.waitForResponse(r -> r.url().endsWith("/answers/s1-q1") && r.status() == 200,
                    () -> page.check("#s1-q1-grade-good"));
            assertTrue(page.isVisible("#s1-q1-evidence"));
            assertTrue(page.isVisible("#s1-q1-naReason"), "a box holding text stays visible");
        }
        try (BrowserContext context = withoutJavaScript()) {
            Page page = context.newPage();
            page.navigate(base + "respond/" + o.token() + "/standards/s1");
            page.check("#s1-q1-grade-not-applicable");
            assertTrue(page.isVisible("#s1-q1-evidence"));
            assertTrue(page.isVisible("#s1-q1-naReason"));
            page.fill("#s1-q1-evidence", "Typed without JavaScript");
            page.click("button.govuk-button[type=submit]");
            page.waitForURL(url -> url.contains("?saved=s1"));
        }
        Answer a = scenario.answer(o.returnId(), "s1-q1");
        assertEquals(org.compactaudit.tool.Grade.NOT_APPLICABLE, a.grade);
        assertTrue(AnswerCompleteness.isComplete(a), "Not applicable with a reason is complete, whatever the evidence box holds");
    }

    @Test
    void typingSavesItselfAMomentLaterAndSurvivesAReload() {
        ReturnScenario.Opened o = scenario.create();
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "respond/" + o.token() + "/standards/s2");
            page.check("#s2-q2-grade-good");
            page.locator("#s2-q2-evidence").pressSequentially("Autosaved evidence 👍", new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(20));
            waitSaved(page, "s2-q2");
            assertTrue(page.locator("#s2-q2 [data-status]").textContent().matches("Saved at \\d\\d:\\d\\d"));
            page.reload();
            assertEquals("Autosaved evidence 👍", page.inputValue("#s2-q2-evidence"));
            assertTrue(page.isChecked("#s2-q2-grade-good"));
        }
    }

    @Test
    void whenTwoPeopleEditTheSameAnswerTheSecondSeesBothVersionsAndChoosesOne() {
        ReturnScenario.Opened o = scenario.create();
        try (BrowserContext first = withoutJavaScript(); BrowserContext second = withoutJavaScript()) {
            Page alice = first.newPage();
            Page bob = second.newPage();
            alice.navigate(base + "respond/" + o.token() + "/standards/s1");
            bob.navigate(base + "respond/" + o.token() + "/standards/s1");
            alice.check("#s1-q1-grade-good");
            alice.fill("#s1-q1-evidence", "Alice's evidence");
            alice.click("button.govuk-button[type=submit]");
            alice.waitForURL(url -> url.contains("?saved=s1"));

            bob.check("#s1-q1-grade"); // the first radio, Outstanding, carries the bare id the error summary links to
            bob.fill("#s1-q1-evidence", "Bob's evidence");
            Response response = bob.waitForNavigation(() -> bob.click("button.govuk-button[type=submit]"));
            assertEquals(409, response.status());
            assertTrue(bob.locator("#s1-q1-theirs").textContent().contains("Alice's evidence"));
            assertTrue(bob.locator("#s1-q1-yours").textContent().contains("Bob's evidence"));
            assertTrue(bob.locator("#s1-q1-yours").textContent().contains("Grade: Outstanding"));
            assertTrue(bob.locator("#s1-q1-theirs").textContent().contains("Grade: Good"));
            assertTrue(bob.locator("#s1-q1-theirs").textContent().contains("saved 1 May 2018 at 10:00"));
            assertEquals("Alice's evidence", scenario.answer(o.returnId(), "s1-q1").evidence);

            bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Keep my version of s1-q1")).click();
            bob.waitForURL(url -> url.contains("?saved=s1"));
        }
        Answer kept = scenario.answer(o.returnId(), "s1-q1");
        assertEquals("Bob's evidence", kept.evidence);
        assertEquals(org.compactaudit.tool.Grade.OUTSTANDING, kept.grade);
    }

    @Test
    void submitIsBlockedWithALinkToEachBlankThenAccepted() {
        ReturnScenario.Opened o = scenario.create();
        io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("grade", "good", "evidence", "", "version", 0))
                .put("/api/v1/respond/" + o.token() + "/answers/s1-q1").then().statusCode(200);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "respond/" + o.token() + "/check");
            page.fill("#name", "Ann Other");
            page.fill("#role", "Practice manager");
            page.fill("#email", "ann@practice.test");
            Response blocked = page.waitForNavigation(() -> page.click("form[action$='/submit'] button"));
            assertEquals(422, blocked.status());
            assertEquals(4, page.locator(".govuk-error-summary__list a").count());
            com.microsoft.playwright.Locator first = page.locator(".govuk-error-summary__list a").first();
            assertEquals("Question 1 in Standard 1: add your evidence", first.textContent());
            assertTrue(first.getAttribute("href").endsWith("/standards/s1?check=true#s1-q1-evidence"), first.getAttribute("href"));
            com.microsoft.playwright.Locator second = page.locator(".govuk-error-summary__list a").nth(1);
            assertEquals("Question 2 in Standard 1: choose a grade", second.textContent());
            assertTrue(second.getAttribute("href").endsWith("#s1-q2-grade"), second.getAttribute("href"));
            assertFalse(page.locator(".govuk-error-summary").textContent().contains("s1-q"), "no internal keys");
            Accessibility.assertNoViolations(page);
            assertFitsAPhone(page);

            first.click();
            page.waitForURL(url -> url.contains("/standards/s1?check=true#s1-q1-evidence"));
            com.microsoft.playwright.Locator summary = page.locator(".govuk-error-summary__list a");
            assertEquals(List.of("Question 1: add your evidence", "Question 2: choose a grade"), summary.allTextContents());
            assertEquals("#s1-q1-evidence", summary.first().getAttribute("href"));
            assertTrue(page.locator("#s1-q1-evidence-error").textContent().contains("Question 1: add your evidence"));
            assertTrue(page.locator("#s1-q1-evidence").getAttribute("class").contains("govuk-textarea--error"));
            assertEquals(0, page.locator("#s1-q1-grade-error").count(), "the grade was given: the radios are not at fault");
            Accessibility.assertNoViolations(page);

            for (String key : List.of("s1-q1", "s1-q2", "s2-q1", "s2-q2")) {
                io.restassured.RestAssured.given().contentType(ContentType.JSON)
                        .body(Map.of("grade", "good", "evidence", "Evidence for " + key, "version", key.equals("s1-q1") ? 1 : 0))
                        .put("/api/v1/respond/" + o.token() + "/answers/" + key).then().statusCode(200);
            }
            page.navigate(base + "respond/" + o.token() + "/check");
            page.fill("#name", "Ann Other");
            page.fill("#role", "Practice manager");
            page.fill("#email", "ann@practice.test");
            page.click("form[action$='/submit'] button");
            page.waitForURL("**/submitted");
            Accessibility.assertNoViolations(page);
            page.navigate(base + "respond/" + o.token() + "/standards/s1");
            assertTrue(page.url().endsWith("/respond/" + o.token()), "a submitted return is read-only");
            assertFalse(page.content().contains("Change<"));
        }
    }

    @Test
    void aLinkThatIsNotValidGetsAPlainPageSayingWhomToContact() {
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            Response response = page.navigate(base + "respond/this-is-not-a-valid-token-0000");
            assertEquals(404, response.status());
            assertTrue(page.locator("h1").textContent().contains("This link is not valid"));
            assertFalse(page.content().contains("Exception"));
            Accessibility.assertNoViolations(page);
            assertFitsAPhone(page);
        }
    }

    @Test
    void aManagerSeesTheReturnWithItsHistoryAndReopensItAfterConfirming() {
        ReturnScenario.Opened o = scenario.create();
        for (String key : List.of("s1-q1", "s1-q2", "s2-q1", "s2-q2")) {
            io.restassured.RestAssured.given().contentType(ContentType.JSON)
                    .body(Map.of("grade", "good", "evidence", "Evidence for " + key, "version", 0))
                    .put("/api/v1/respond/" + o.token() + "/answers/" + key).then().statusCode(200);
        }
        io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("name", "Ann", "role", "Lead", "email", "ann@x.test"))
                .post("/api/v1/respond/" + o.token() + "/submit").then().statusCode(200);
        String manager = users.create(Role.MANAGER);
        String mesc = users.create(Role.MESC);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), mesc);
            page.navigate(base + "returns/" + o.returnId());
            assertTrue(page.locator("table").textContent().contains("submitted"));
            assertEquals(0, page.getByText("Reopen the return").count());
        }
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), manager);
            page.navigate(base + "returns/" + o.returnId());
            assertTrue(page.locator("table").textContent().contains("s1-q1"), "saves are in the history");
            Accessibility.assertNoViolations(page);
            page.getByText("Reopen the return").click();
            page.click("main form button");
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("Enter why"));
            page.fill("#reason", "Standard 2 needs dated evidence");
            page.click("main form button");
            page.waitForURL(url -> url.contains("?done=reopened"));
            assertTrue(page.locator("table").textContent().contains("Standard 2 needs dated evidence"));
        }
        assertEquals(ReturnStatus.IN_PROGRESS, scenario.reload(o.returnId()).status);
    }
}

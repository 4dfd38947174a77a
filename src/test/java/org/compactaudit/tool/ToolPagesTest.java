package org.compactaudit.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.security.Role;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class ToolPagesTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestUsers users;

    @Inject
    Fixtures fixtures;

    @Test
    void anonymousVisitorsAreSentToSignIn() {
        given().redirects().follow(false).when().get("/tools/compact-audit/2018-19")
                .then().statusCode(302).header("Location", containsString("/login"));
    }

    @Test
    void mescListsViewsAndComparesToolVersionsOnAccessiblePages() {
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MESC));

            page.navigate(base + "tools");
            assertTrue(page.locator("table").textContent().contains("compact-audit-education"));
            assertEquals(0, page.getByText("Publish a tool file").count(), "mesc may not publish");
            Accessibility.assertNoViolations(page);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName("Safeguarding and Early Help Compact Audit 2018-19").setExact(true)).click();
            page.waitForURL(base + "tools/compact-audit/2018-19");
            assertEquals(12, page.locator("h2.govuk-heading-m").count());
            page.locator("details summary").first().click();
            assertTrue(page.locator("details[open] .govuk-summary-list").first().textContent().contains("Requires Improvement"));
            Accessibility.assertNoViolations(page);

            page.getByText("Compare this version with another").click();
            page.waitForURL(url -> url.contains("/tools/compare?to="));
            assertTrue(page.locator("#compare-hint").textContent().contains("Choose an earlier and a later version"));
            assertEquals(0, page.locator(".govuk-error-summary").count(), "not submitted yet: no error");
            page.getByLabel("Earlier version").selectOption("compact-audit/2017-18");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compare")).click();
            page.waitForURL(url -> url.contains("/tools/compare?from=compact-audit%2F2017-18"));
            assertTrue(page.locator("h2").first().textContent().contains(
                    "From Safeguarding and Early Help Compact Audit 2017-18 to Safeguarding and Early Help Compact Audit 2018-19"));
            String counts = page.locator("#compare-counts").textContent();
            assertTrue(counts.contains("3 questions added, 1 removed, 3 reworded"), counts);
            assertTrue(!counts.matches("(?s).*\\b1 (questions|changes|other changes)\\b.*"), counts);
            // Standards by their titles and questions by their text, not by the keys in the file.
            String added = page.locator("table", new Page.LocatorOptions().setHasText("Questions added")).textContent();
            assertTrue(added.contains("Service development informed by the voice of the child")
                    && added.contains("Children and young people are asked whether they feel safe"), added);
            assertTrue(!added.contains("children-feel-safe") && !added.contains("voice-of-the-child"), added);
            String reworded = page.locator("table", new Page.LocatorOptions().setHasText("Questions reworded")).textContent();
            assertTrue(reworded.contains("Safe recruitment") && reworded.contains("Temporary, agency, locum and bank staff")
                    && reworded.contains("Old text"), reworded);
            assertTrue(!reworded.contains("temporary-agency-staff"), reworded);
            Accessibility.assertNoViolations(page);
        }
    }

    @Test
    void anEmptyOrRepeatedChoiceIsAnErrorBesideItsField() {
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MESC));
            page.navigate(base + "tools/compare");
            assertTrue(page.locator("#compare-hint").isVisible());
            Accessibility.assertNoViolations(page);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compare")).click();
            page.waitForURL(url -> url.contains("from="));
            assertTrue(page.locator("#from-error").textContent().contains("Choose the earlier version"));
            assertTrue(page.locator("#to-error").textContent().contains("Choose the later version"));
            assertTrue(page.title().startsWith("Error: "));
            Accessibility.assertNoViolations(page);

            page.getByLabel("Earlier version").selectOption("compact-audit/2018-19");
            page.getByLabel("Later version").selectOption("compact-audit/2018-19");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compare")).click();
            page.waitForURL(url -> url.contains("from=compact-audit%2F2018-19"));
            assertTrue(page.locator("#to-error").textContent().contains("not the earlier one: both are compact-audit/2018-19"));
            assertEquals(0, page.locator("#from-error").count());
            assertEquals("compact-audit/2018-19", page.getByLabel("Later version").inputValue(), "the choice is kept");
            Accessibility.assertNoViolations(page);
        }
    }

    @Test
    void comparingAnUnknownVersionShowsTheErrorBesideTheField() {
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MANAGER));
            page.navigate(base + "tools/compare?from=nothing/here&to=compact-audit/2018-19");
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("no published tool version nothing/here"));
            assertTrue(page.locator("#from-error").isVisible());
            Accessibility.assertNoViolations(page);
        }
    }

    @Test
    void aManagerPublishesAToolFileAndSeesErrorsWithLinesForABadOne() throws IOException {
        String key = Fixtures.unique("t");
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            // A manager of one partnership: the upload becomes that partnership's version.
            TestUsers.signIn(page, base.toString(), users.member(fixtures.partnership(), Role.MANAGER));

            page.navigate(base + "tools/upload");
            Accessibility.assertNoViolations(page);
            String bad = ToolFiles.small(key).replace("naAllowed: false", "naAllowed: maybe");
            page.getByLabel("Tool file").setInputFiles(new FilePayload("bad.yaml", "application/yaml",
                    bad.getBytes(StandardCharsets.UTF_8)));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
            page.waitForURL(base + "tools/upload");
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("bad.yaml is not a valid audit tool file"));
            String problems = page.locator("table").textContent();
            assertTrue(problems.contains("standards[0].questions[0].naAllowed") && problems.contains("line 14"), problems);
            Accessibility.assertNoViolations(page);

            Path good = Files.createTempFile("tool", ".yaml");
            Files.writeString(good, ToolFiles.small(key));
            page.getByLabel("Tool file").setInputFiles(good);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
            page.waitForURL(base + "tools/" + key + "/2018-19?outcome=published");
            assertTrue(page.locator(".govuk-notification-banner").textContent().contains("is published"));
            Files.delete(good);
        }
    }

    @Test
    void mescMayNotOpenTheUploadPage() {
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.MESC));
            assertEquals(403, page.navigate(base + "tools/upload").status());
        }
    }
}

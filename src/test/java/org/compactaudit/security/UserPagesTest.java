package org.compactaudit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.TestUsers;

/** The admin's and every user's pages in a real browser, each checked with axe-core. */
@QuarkusTest
class UserPagesTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestUsers users;

    @Test
    void anAdminAddsAUserWithAGeneratedPasswordWhoSignsInAndChangesIt() {
        String newEmail = "nia-" + UUID.randomUUID() + "@example.org";
        String generated;
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), users.create(Role.ADMIN));
            page.navigate(base + "users");
            assertEquals("Users", page.locator("h1").textContent(), page.content());
            Accessibility.assertNoViolations(page);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a user")).click();
            Accessibility.assertNoViolations(page);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user")).click();
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("Enter the user's name"));
            assertTrue(page.locator("#roles-error").textContent().contains("Select at least one role"));
            Accessibility.assertNoViolations(page);

            page.getByLabel("Name").fill("Nia Reviewer");
            page.getByLabel("Email address").fill(newEmail);
            page.getByLabel("MESC reviewer").check();
            page.getByLabel("Generate a password and show it to me once").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user")).click();
            assertTrue(page.locator("h1").textContent().contains("User added"));
            generated = page.locator("#generated-password").textContent().trim();
            assertTrue(generated.length() >= Passwords.MIN_LENGTH);
            Accessibility.assertNoViolations(page);
        }
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            signIn(page, newEmail, generated);
            page.navigate(base + "account");
            assertTrue(page.locator("main").textContent().contains("MESC reviewer"));
            Accessibility.assertNoViolations(page);

            page.getByLabel("Current password").fill(generated);
            page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("a-brand-new-password");
            page.getByLabel("Confirm new password").fill("a-different-password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
            assertTrue(page.locator("#confirmPassword-error").textContent().contains("do not match"));
            Accessibility.assertNoViolations(page);

            page.getByLabel("Current password").fill(generated);
            page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("a-brand-new-password");
            page.getByLabel("Confirm new password").fill("a-brand-new-password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
            assertEquals(base + "account?changed=true", page.url());
            assertTrue(page.locator(".govuk-notification-banner--success").textContent().contains("password has been changed"));
            Accessibility.assertNoViolations(page);
        }
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            signIn(page, newEmail, "a-brand-new-password");
            assertEquals(base + "", page.url(), "the new password signs in");
        }
    }

    @Test
    void anAdminDisablesAUserAfterConfirmingAndCannotDisableThemself() {
        String admin = users.create(Role.ADMIN);
        String manager = users.create(Role.MANAGER);
        long managerId = StaffUser.findByEmail(manager).orElseThrow().id;
        long adminId = StaffUser.findByEmail(admin).orElseThrow().id;
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), admin);
            page.navigate(base + "users/" + managerId);
            Accessibility.assertNoViolations(page);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable user")).click();
            assertTrue(page.locator("h1").textContent().startsWith("Disable"));
            Accessibility.assertNoViolations(page);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable user")).click();
            assertTrue(page.locator(".govuk-notification-banner--success").textContent().contains("User disabled"));
            assertTrue(page.locator(".govuk-summary-list").textContent().contains("Disabled"));

            page.navigate(base + "users/" + adminId + "/disable");
            assertTrue(page.locator(".govuk-warning-text").textContent().contains("your own account"));
            assertEquals(0, page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable user")).count());
        }
    }

    @Test
    void anAdminAddsAndChangesAPartnershipOnAccessiblePages() {
        String code = "p-" + UUID.randomUUID().toString().substring(0, 8);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            String admin = users.create(Role.ADMIN);
            TestUsers.signIn(page, base.toString(), admin);
            page.navigate(base + "partnerships");
            Accessibility.assertNoViolations(page);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a partnership")).click();
            page.getByLabel("Code").fill("Not A Code");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save partnership")).click();
            assertTrue(page.locator("#name-error").isVisible());
            assertTrue(page.locator("#code-error").textContent().contains("lower-case"));
            assertEquals("Not A Code", page.getByLabel("Code").inputValue());
            Accessibility.assertNoViolations(page);

            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Westmere Safeguarding Children Partnership");
            page.getByLabel("Code").fill(code);
            page.getByLabel("Contact email address (optional)").fill("contact@westmere.example.org");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save partnership")).click();
            assertTrue(page.url().endsWith("/partnerships?saved=true"));
            // Other tests' partnerships may fill the first page of the list, so check the saved one by the API.
            io.restassured.RestAssured.given().auth().preemptive().basic(admin, TestUsers.PASSWORD)
                    .get("/api/v1/partnerships").then().statusCode(200)
                    .body("code", org.hamcrest.Matchers.hasItem(code));
            Accessibility.assertNoViolations(page);
        }
    }

    private void signIn(Page page, String email, String password) {
        page.navigate(base + "login");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }
}

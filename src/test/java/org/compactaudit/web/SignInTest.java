package org.compactaudit.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.security.Role;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.TestUsers;

@QuarkusTest
class SignInTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestUsers users;

    @Test
    void anonymousVisitorIsSentToTheSignInPage() {
        given().redirects().follow(false).when().get("/")
                .then().statusCode(302).header("Location", containsString("/login"));
    }

    @Test
    void staffSignInWithEmailAndPasswordAndSeeTheirNameOnAnAccessiblePage() {
        String email = users.create(Role.MANAGER);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "login");
            Accessibility.assertNoViolations(page);
            TestUsers.signIn(page, base.toString(), email);
            assertEquals(base + "", page.url());
            assertTrue(page.locator(".app-account-bar").textContent().contains("Test manager"));
            Accessibility.assertNoViolations(page);
        }
    }

    @Test
    void aWrongPasswordShowsAnErrorSummaryAndKeepsTheUserOut() {
        String email = users.create(Role.MESC);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "login");
            page.getByLabel("Email address").fill(email);
            page.getByLabel("Password").fill("not-the-password");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Sign in")).click();
            assertTrue(page.url().contains("/login?error=true"));
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("not recognised"));
            assertEquals(email, page.getByLabel("Email address").inputValue(), "the email is kept");
            assertEquals("", page.getByLabel("Password").inputValue());
            Accessibility.assertNoViolations(page);

            page.getByLabel("Password").fill(TestUsers.PASSWORD);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Sign in")).click();
            assertFalse(page.url().contains("/login"), page.url());
        }
    }
}

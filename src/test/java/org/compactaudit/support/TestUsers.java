package org.compactaudit.support;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.microsoft.playwright.Page;

import org.compactaudit.security.Passwords;
import org.compactaudit.security.StaffUser;

/** Staff users made fresh for each test, so tests never depend on each other's accounts. */
@ApplicationScoped
public class TestUsers {

    public static final String PASSWORD = "correct-horse-battery";

    /** Creates an active user with the roles and returns its email. */
    @Transactional
    public String create(String... roles) {
        StaffUser user = new StaffUser();
        user.email = "user-" + UUID.randomUUID() + "@test.local";
        user.displayName = "Test " + String.join(" and ", roles);
        user.passwordHash = Passwords.hash(PASSWORD);
        user.setRoles(Set.of(roles));
        user.createdAt = Instant.now();
        user.persist();
        return user.email;
    }

    /** Signs in through the real login form. */
    public static void signIn(Page page, String baseUrl, String email) {
        page.navigate(baseUrl + "login");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
    }
}

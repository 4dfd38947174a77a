package org.compactaudit.support;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.microsoft.playwright.Page;

import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.Passwords;
import org.compactaudit.security.StaffUser;

/**
 * Staff users made fresh for each test, so tests never depend on each other's accounts. Users from
 * {@link #create} work for every partnership, those existing and those the fixtures make later (as a shared business
 * unit would), so tests about other features need not say whose they are; {@link #member} makes a user of one
 * partnership only, for the tests of keeping partnerships apart.
 */
@ApplicationScoped
public class TestUsers {

    public static final String PASSWORD = "correct-horse-battery";

    /** The email prefix of users who work for every partnership ({@code Fixtures.partnership()} adds them). */
    public static final String EVERY_PARTNERSHIP = "user-";

    /** Creates an active user with the roles, working for every partnership, and returns its email. */
    @Transactional
    public String create(String... roles) {
        StaffUser user = user(EVERY_PARTNERSHIP, roles);
        user.partnerships.addAll(Partnership.listAll());
        return user.email;
    }

    /** Creates an active user with the roles who works for the given partnerships only. */
    @Transactional
    public String member(List<Partnership> partnerships, String... roles) {
        StaffUser user = user("member-", roles);
        partnerships.forEach(p -> user.partnerships.add(Partnership.findById(p.id)));
        return user.email;
    }

    public String member(Partnership partnership, String... roles) {
        return member(List.of(partnership), roles);
    }

    private static StaffUser user(String prefix, String... roles) {
        StaffUser user = new StaffUser();
        user.email = prefix + UUID.randomUUID() + "@test.local";
        user.displayName = "Test " + String.join(" and ", roles);
        user.passwordHash = Passwords.hash(PASSWORD);
        user.setRoles(Set.of(roles));
        user.createdAt = Instant.now();
        user.persist();
        return user;
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

package org.compactaudit.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.support.TestUsers;

/**
 * A verified HTTP Basic sign-in is kept for a minute, and a change to the user that it would hide (password,
 * disable, roles) drops it at once: each test signs in first, so the next request would be served from the cache.
 */
@QuarkusTest
class CredentialCacheTest {

    private static final String ACTING_ADMIN = "admin@test.local";
    private static final String NEW_PASSWORD = "another-correct-horse-2";

    @Inject
    TestUsers users;

    @Inject
    StaffUsers staff;

    @Inject
    CredentialCache cache;

    @Test
    void aVerifiedSignInIsKeptUnderAKeyThatIsNeitherThePasswordNorTheEmail() {
        String email = users.create(Role.MANAGER);
        assertTrue(cache.get(email, TestUsers.PASSWORD).isEmpty());
        sectors(email, TestUsers.PASSWORD, 200);

        assertTrue(cache.get(email, TestUsers.PASSWORD).isPresent());
        assertTrue(cache.get(email.toUpperCase(), TestUsers.PASSWORD).isPresent(), "emails are matched as sign-in matches them");
        assertTrue(cache.get(email, TestUsers.PASSWORD + "x").isEmpty());
        assertFalse(cache.holdsKeyContaining(TestUsers.PASSWORD));
        assertFalse(cache.holdsKeyContaining(email));
        // a wrong password is never kept, and is still refused
        sectors(email, "wrong-password-123", 401);
        assertTrue(cache.get(email, "wrong-password-123").isEmpty());
    }

    @Test
    void aPasswordChangeDropsTheCachedSignInAtOnce() {
        String email = users.create(Role.MANAGER);
        sectors(email, TestUsers.PASSWORD, 200);

        staff.changePassword(email, TestUsers.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
        assertTrue(cache.get(email, TestUsers.PASSWORD).isEmpty());
        sectors(email, TestUsers.PASSWORD, 401);
        sectors(email, NEW_PASSWORD, 200);
    }

    @Test
    void disablingAUserDropsTheCachedSignInAtOnce() {
        String email = users.create(Role.MANAGER);
        sectors(email, TestUsers.PASSWORD, 200);

        staff.setActive(staff.view(email).id(), false, ACTING_ADMIN);
        sectors(email, TestUsers.PASSWORD, 401);
        assertTrue(cache.get(email, TestUsers.PASSWORD).isEmpty());
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextRequest() {
        String email = users.create(Role.ADMIN);
        given().auth().preemptive().basic(email, TestUsers.PASSWORD).get("/api/v1/users").then().statusCode(200);

        staff.update(staff.view(email).id(), new StaffUsers.UserChange(null, Set.of(Role.MESC), null, null), ACTING_ADMIN);
        given().auth().preemptive().basic(email, TestUsers.PASSWORD).get("/api/v1/users").then().statusCode(403);
    }

    @Test
    void aChangeToOneUserKeepsTheOthersSignIns() {
        String changed = users.create(Role.MANAGER);
        String other = users.create(Role.MANAGER);
        sectors(changed, TestUsers.PASSWORD, 200);
        sectors(other, TestUsers.PASSWORD, 200);

        staff.setActive(staff.view(changed).id(), false, ACTING_ADMIN);
        assertTrue(cache.get(changed, TestUsers.PASSWORD).isEmpty());
        assertTrue(cache.get(other, TestUsers.PASSWORD).isPresent());
    }

    private static void sectors(String email, String password, int status) {
        given().auth().preemptive().basic(email, password).get("/api/v1/sectors").then().statusCode(status);
    }
}

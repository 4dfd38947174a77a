package org.compactaudit.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.support.TestUsers;

@QuarkusTest
class CsrfAndDisabledUserTest {

    @Inject
    TestUsers users;

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        FormSession admin = FormSession.signIn(users.create(Role.ADMIN));
        FormSession.Csrf csrf = admin.csrfFrom("/users/new");
        String refused = "csrf-" + UUID.randomUUID() + "@example.org";

        int status = given().cookie(FormSession.COOKIE, admin.sessionCookie()).cookie("csrf-token", csrf.cookie())
                .redirects().follow(false)
                .formParam("displayName", "No Token").formParam("email", refused).formParam("roles", Role.MESC)
                .formParam("passwordChoice", "generate")
                .post("/users").statusCode();
        assertTrue(status == 400 || status == 403, "refused, was " + status);
        assertEquals(0, StaffUser.count("email", refused));

        String accepted = "csrf-" + UUID.randomUUID() + "@example.org";
        given().cookie(FormSession.COOKIE, admin.sessionCookie()).cookie("csrf-token", csrf.cookie())
                .redirects().follow(false)
                .formParam("csrf-token", csrf.field())
                .formParam("displayName", "With Token").formParam("email", accepted).formParam("roles", Role.MESC)
                .formParam("passwordChoice", "set").formParam("password", "a-long-password-1")
                .post("/users")
                .then().statusCode(303).header("Location", containsString("created=true"));
        assertEquals(1, StaffUser.count("email", accepted));
    }

    @Test
    void aDisabledUserCannotSignInByFormOrBasicAndTheirOpenSessionStopsWorking() {
        String email = users.create(Role.MANAGER);
        FormSession open = FormSession.signIn(email);
        given().cookie(FormSession.COOKIE, open.sessionCookie()).redirects().follow(false).get("/account")
                .then().statusCode(200);

        FormSession admin = FormSession.signIn(users.create(Role.ADMIN));
        long id = StaffUser.findByEmail(email).orElseThrow().id;
        FormSession.Csrf csrf = admin.csrfFrom("/users/" + id + "/disable");
        given().cookie(FormSession.COOKIE, admin.sessionCookie()).cookie("csrf-token", csrf.cookie())
                .formParam("csrf-token", csrf.field()).redirects().follow(false)
                .post("/users/" + id + "/disable")
                .then().statusCode(303).header("Location", containsString("disabled=true"));

        given().cookie(FormSession.COOKIE, open.sessionCookie()).redirects().follow(false).get("/account")
                .then().statusCode(302).header("Location", containsString("/login"));
        given().redirects().follow(false).formParam("j_username", email).formParam("j_password", TestUsers.PASSWORD)
                .post("/j_security_check")
                .then().statusCode(302).header("Location", containsString("/login?error=true"));
        given().auth().preemptive().basic(email, TestUsers.PASSWORD).get("/api/v1/sectors").then().statusCode(401);
    }
}

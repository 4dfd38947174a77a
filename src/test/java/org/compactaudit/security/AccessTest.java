package org.compactaudit.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.support.TestUsers;

/** Who may reach the users, partnerships and account pages and APIs. */
@QuarkusTest
class AccessTest {

    @Inject
    TestUsers users;

    @ParameterizedTest
    @ValueSource(strings = { "/users", "/users/new", "/partnerships", "/partnerships/new", "/account" })
    void anonymousVisitorsAreSentToSignIn(String path) {
        given().redirects().follow(false).get(path)
                .then().statusCode(302).header("Location", containsString("/login"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/users", "/api/v1/partnerships" })
    void anonymousApiCallsAreUnauthorised(String path) {
        given().get(path).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = { Role.MANAGER, Role.MESC, Role.MODERATOR })
    void staffWhoAreNotAdminsAreForbiddenUsersAndPartnerships(String role) {
        String email = users.create(role);
        FormSession session = FormSession.signIn(email);
        for (String path : new String[] { "/users", "/users/new", "/partnerships", "/partnerships/new" }) {
            given().cookie(FormSession.COOKIE, session.sessionCookie()).redirects().follow(false).get(path)
                    .then().statusCode(403);
        }
        given().cookie(FormSession.COOKIE, session.sessionCookie()).get("/account")
                .then().statusCode(200).body(containsString(email));
        given().auth().preemptive().basic(email, TestUsers.PASSWORD).get("/api/v1/users").then().statusCode(403);
        given().auth().preemptive().basic(email, TestUsers.PASSWORD).get("/api/v1/partnerships").then().statusCode(403)
                .body("message", containsString("permission"));
    }
}

package org.compactaudit.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.support.TestUsers;

/** The web-security basics a council's review checks first. */
@QuarkusTest
class HardeningTest {

    @Inject
    TestUsers users;

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String path : new String[] { "/login", "/respond/not-a-token", "/api/v1/sectors" }) {
            given().redirects().follow(false).get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Strict-Transport-Security", containsString("max-age="))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("script-src 'self' 'sha256-"));
        }
    }

    @Test
    void theApiDescriptionIsReadWithHttpBasicNotTheSignInPage() {
        given().redirects().follow(false).get("/q/openapi?format=json").then().statusCode(401);
        given().auth().preemptive().basic(users.create(Role.MESC), TestUsers.PASSWORD).get("/q/openapi?format=json")
                .then().statusCode(200).body("info.title", equalTo("Compact Audit API"));
    }

    @Test
    void tenWrongPasswordsStopTheAccountSigningInEvenWithTheRightOne() {
        String email = users.create(Role.MANAGER);
        for (int i = 0; i < SignInThrottle.LIMIT; i++) {
            given().auth().preemptive().basic(email, "wrong-password-" + i).get("/api/v1/sectors").then().statusCode(401);
        }
        given().auth().preemptive().basic(email, TestUsers.PASSWORD).get("/api/v1/sectors").then().statusCode(401);
        String other = users.create(Role.MANAGER);
        given().auth().preemptive().basic(other, TestUsers.PASSWORD).get("/api/v1/sectors").then().statusCode(200);
    }

    @Test
    void aPageNumberPastAnyListIsRefusedWithTheFieldNamedNotAServerError() {
        String manager = users.create(Role.MANAGER);
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/agencies?page=2147483647").then()
                .statusCode(400).body("fields[0].field", equalTo("page"));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/outbox?page=2147483647").then()
                .statusCode(400);
        FormSession session = FormSession.signIn(manager);
        given().cookie(FormSession.COOKIE, session.sessionCookie()).get("/agencies?page=2147483647").then().statusCode(400);
        given().cookie(FormSession.COOKIE, session.sessionCookie()).get("/agencies?page=2").then().statusCode(200);
    }
}

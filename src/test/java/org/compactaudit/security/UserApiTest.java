package org.compactaudit.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;

@QuarkusTest
class UserApiTest {

    @Inject
    TestUsers users;

    @Inject
    Fixtures fixtures;

    @Test
    void anAdminCreatesListsAndChangesUsersAndNoAnswerCarriesAPasswordHash() {
        String admin = users.create(Role.ADMIN);
        String partnership = fixtures.partnership().code;
        String email = "New-" + UUID.randomUUID() + "@Example.org";

        int id = given().auth().preemptive().basic(admin, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("email", email, "displayName", "Nia Reviewer", "roles", List.of("mesc"),
                        "partnership", partnership, "password", "a-long-password-1"))
                .post("/api/v1/users")
                .then().statusCode(201)
                .body("email", equalTo(email.toLowerCase()))
                .body("roles", equalTo(List.of("mesc")))
                .body("partnership", equalTo(partnership))
                .body("active", equalTo(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")))
                .body("$", not(org.hamcrest.Matchers.hasKey("partnershipName")))
                .extract().path("id");

        String listing = given().auth().preemptive().basic(admin, TestUsers.PASSWORD).get("/api/v1/users")
                .then().statusCode(200).body("email", hasItem(email.toLowerCase())).extract().asString();
        assertFalse(listing.contains("$2a$") || listing.toLowerCase().contains("hash"), "no password hash is ever returned");

        given().auth().preemptive().basic(admin, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("moderator", "mesc"), "partnership", "", "active", false))
                .put("/api/v1/users/" + id)
                .then().statusCode(200)
                .body("roles", equalTo(List.of("mesc", "moderator")))
                .body("partnership", nullValue())
                .body("active", equalTo(false))
                .body("displayName", equalTo("Nia Reviewer"));
    }

    @Test
    void badInputIsRefusedWithEveryFieldNamedAndNothingSaved() {
        String admin = users.create(Role.ADMIN);
        String email = "bad-" + UUID.randomUUID() + "@example.org";
        given().auth().preemptive().basic(admin, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("email", email, "displayName", "", "roles", List.of("chief"), "partnership", "nowhere",
                        "password", "short"))
                .post("/api/v1/users")
                .then().statusCode(400)
                .body("fields.field", equalTo(List.of("displayName", "roles", "partnership", "password")))
                .body("message", containsString("name"));
        assertTrue(StaffUser.count("email", email) == 0);

        given().auth().preemptive().basic(admin, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("roles", List.of()))
                .put("/api/v1/users/999999999")
                .then().statusCode(404);
    }

    @Test
    void anAdminCannotDisableThemself() {
        String admin = users.create(Role.ADMIN);
        long id = StaffUser.findByEmail(admin).orElseThrow().id;
        given().auth().preemptive().basic(admin, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("active", false))
                .put("/api/v1/users/" + id)
                .then().statusCode(409).body("message", containsString("your own account"));
        assertTrue(StaffUser.findByEmail(admin).orElseThrow().active);
    }

    @Test
    void anAdminCreatesAndListsPartnerships() {
        String admin = users.create(Role.ADMIN);
        String code = "p-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().preemptive().basic(admin, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Northam Safeguarding Children Partnership",
                        "contactName", "Jo Bloggs", "contactEmail", "jo@northam.example.org", "contactPhone", "01234 567890"))
                .post("/api/v1/partnerships")
                .then().statusCode(201).body("code", equalTo(code)).body("contactPhone", equalTo("01234 567890"))
                .body("id", not(nullValue()));
        given().auth().preemptive().basic(admin, TestUsers.PASSWORD).get("/api/v1/partnerships")
                .then().statusCode(200).body("code", hasItem(code));
        given().auth().preemptive().basic(admin, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Duplicate", "contactEmail", "not-an-email"))
                .post("/api/v1/partnerships")
                .then().statusCode(400).body("fields.field", equalTo(List.of("code", "contactEmail")));
    }

    @Test
    void anAdminOpensThePageOfAUserWhoWorksForAPartnership() {
        String admin = users.create(Role.ADMIN);
        var partnership = fixtures.partnership();
        int id = given().auth().preemptive().basic(admin, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("email", "pat-" + UUID.randomUUID() + "@example.org", "displayName", "Pat Manager",
                        "roles", List.of("manager"), "partnership", partnership.code, "password", "a-long-password-1"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");

        FormSession session = FormSession.signIn(admin);
        for (String path : List.of("/users/" + id, "/users/" + id + "/edit")) {
            given().cookie(FormSession.COOKIE, session.sessionCookie()).redirects().follow(false).get(path)
                    .then().statusCode(200).body(containsString(partnership.name));
        }
        given().cookie(FormSession.COOKIE, session.sessionCookie()).redirects().follow(false)
                .get("/users/" + id + "/disable").then().statusCode(200).body(containsString("Pat Manager"));
    }
}

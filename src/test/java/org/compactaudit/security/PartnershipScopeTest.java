package org.compactaudit.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.AgencyCsv;
import org.compactaudit.round.AuditRound;
import org.compactaudit.support.TestUsers;

/** What the staff of one partnership see and change of another's, one behaviour at a time. */
@QuarkusTest
class PartnershipScopeTest {

    @Inject
    SeparatedPartnerships partnerships;

    @Inject
    TestUsers users;

    SeparatedPartnerships.First first;
    SeparatedPartnerships.Other other;

    @BeforeEach
    void twoPartnerships() {
        first = partnerships.first();
        other = partnerships.other(first);
    }

    private static RequestSpecification as(String email) {
        return given().auth().preemptive().basic(email, TestUsers.PASSWORD).contentType("application/json");
    }

    @Test
    void eachPartnershipListsItsOwnRoundsAndAgenciesAndTheSharedAgencyInBoth() {
        as(other.manager()).get("/api/v1/rounds").then().statusCode(200)
                .body("id", hasItem(other.round().id.intValue())).body("id", not(hasItem(first.round().id.intValue())));
        as(first.manager()).get("/api/v1/rounds").then().statusCode(200)
                .body("id", hasItem(first.round().id.intValue())).body("id", not(hasItem(other.round().id.intValue())));
        as(other.manager()).queryParam("size", 100).get("/api/v1/agencies").then().statusCode(200)
                .body("id", hasItem(first.shared().id.intValue())).body("id", not(hasItem(first.own().id.intValue())));
        // The shared agency shows only the partnerships the reader works for.
        as(other.manager()).get("/api/v1/agencies/" + first.shared().id).then().statusCode(200)
                .body("partnerships", equalTo(List.of(other.partnership().code)));
        as(other.manager()).queryParam("partnership", first.partnership().code).get("/api/v1/agencies").then()
                .statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anImportMatchesOnlyTheImportersAgenciesAndLeavesTheOtherPartnershipsAlone() {
        String csv = String.join(",", AgencyCsv.COLUMNS) + "\n" + first.own().name + ",school,,A,Someone Else,"
                + "someone@else.example.org,,,,\n";
        given().auth().preemptive().basic(other.manager(), TestUsers.PASSWORD).contentType("text/csv").body(csv)
                .post("/api/v1/agencies/import").then().statusCode(200).body("created", equalTo(1))
                .body("updated", equalTo(0));

        Agency theirs = QuarkusTransaction.requiringNew().call(() -> {
            Agency a = Agency.findById(first.own().id);
            a.partnerships.size();
            return a;
        });
        assertEquals(first.own().leadEmail, theirs.leadEmail);
        assertEquals(Set.of(first.partnership().code), theirs.partnerships.stream().map(p -> p.code).collect(Collectors.toSet()));
        long namesakes = QuarkusTransaction.requiringNew().call(() -> Agency.count("name", first.own().name));
        assertEquals(2, namesakes, "the other partnership now has its own agency of that name");
    }

    @Test
    void aRoundCannotBeOpenedForAnotherPartnershipAndItsFormOffersOnlyTheUsersOwn() {
        long before = QuarkusTransaction.requiringNew().call(() -> AuditRound.count());
        as(other.manager()).body(Map.of("name", "Taken over", "partnership", first.partnership().code,
                "opensOn", "2030-01-01", "dueOn", "2030-02-01", "closesOn", "2030-03-01"))
                .post("/api/v1/rounds").then().statusCode(400).body("fields[0].field", equalTo("partnership"));
        assertEquals(before, QuarkusTransaction.requiringNew().call(() -> AuditRound.count()));

        FormSession session = FormSession.signIn(other.manager());
        String form = given().cookie(FormSession.COOKIE, session.sessionCookie()).get("/rounds/new").then().statusCode(200)
                .extract().asString();
        assertNotEquals(-1, form.indexOf("value=\"" + other.partnership().code + "\""));
        assertEquals(-1, form.indexOf(first.partnership().name));
    }

    @Test
    void theOutboxListsOnlyTheUsersPartnershipsMessages() {
        as(first.manager()).get("/api/v1/outbox").then().statusCode(200).body("id", hasItem((int) first.messageId()));
        as(other.manager()).get("/api/v1/outbox").then().statusCode(200).body("id", not(hasItem((int) first.messageId())));
        as(other.manager()).post("/api/v1/outbox/" + first.messageId() + "/retry").then().statusCode(404);
    }

    @Test
    void aUserWhoseLastPartnershipIsRemovedLosesAccessAtTheNextRequest() {
        as(first.manager()).get("/api/v1/rounds/" + first.round().id).then().statusCode(200);
        long id = QuarkusTransaction.requiringNew().call(() -> StaffUser.findByEmail(first.manager()).orElseThrow().id);
        String admin = users.create(Role.ADMIN);
        as(admin).body(Map.of("partnerships", List.of())).put("/api/v1/users/" + id).then().statusCode(200)
                .body("partnerships.size()", equalTo(0));

        as(first.manager()).get("/api/v1/rounds/" + first.round().id).then().statusCode(404);
        as(first.manager()).get("/api/v1/rounds").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aUserOfBothPartnershipsSeesBothOrTheOnePickedInTheHeader() {
        String both = users.member(List.of(first.partnership(), other.partnership()), Role.MANAGER);
        as(both).get("/api/v1/rounds").then().statusCode(200)
                .body("id", hasItem(first.round().id.intValue())).body("id", hasItem(other.round().id.intValue()));
        as(both).cookie(PartnershipScope.COOKIE, other.partnership().code).get("/api/v1/rounds").then().statusCode(200)
                .body("id", hasItem(other.round().id.intValue())).body("id", not(hasItem(first.round().id.intValue())));
        as(both).cookie(PartnershipScope.COOKIE, other.partnership().code).get("/api/v1/rounds/" + first.round().id)
                .then().statusCode(404);
        // A code the user does not work for is ignored: it cannot widen what they see.
        String outsider = users.member(other.partnership(), Role.MANAGER);
        as(outsider).cookie(PartnershipScope.COOKIE, first.partnership().code).get("/api/v1/rounds/" + first.round().id)
                .then().statusCode(404);
    }

    @Test
    void theUsersApiTakesSeveralPartnershipsAndStillOneByItsOldName() {
        String admin = users.create(Role.ADMIN);
        as(admin).body(Map.of("email", "several-" + System.nanoTime() + "@test.local", "displayName", "Several",
                "roles", List.of(Role.MANAGER), "partnerships", List.of(first.partnership().code, other.partnership().code),
                "password", "a-long-enough-password")).post("/api/v1/users").then().statusCode(201)
                .body("partnerships.size()", equalTo(2)).body("partnership", equalTo(null));
        as(admin).body(Map.of("email", "one-" + System.nanoTime() + "@test.local", "displayName", "One",
                "roles", List.of(Role.MESC), "partnership", other.partnership().code, "password", "a-long-enough-password"))
                .post("/api/v1/users").then().statusCode(201)
                .body("partnerships", equalTo(List.of(other.partnership().code)))
                .body("partnership", equalTo(other.partnership().code));
    }
}

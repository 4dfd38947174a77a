package org.compactaudit.round;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.mail.OutboxDelivery;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.Return;
import org.compactaudit.security.Role;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.GreenMailResource;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.ToolVersion;

@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class RoundApiTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    @Inject
    OutboxDelivery delivery;

    private Map<String, Object> body(Partnership partnership, String name) {
        return Map.of("name", name, "partnership", partnership.code, "opensOn", "2018-05-01", "dueOn", "2018-06-30",
                "closesOn", "2018-07-31");
    }

    @Test
    void theCohortIsTheGroupDuePlusLastRoundsNonReturnersMarkedAsSuch() {
        ToolVersion tool = fixtures.tool(1, 2);
        Partnership partnership = fixtures.partnership();
        Agency dueA = fixtures.agency("school", CycleGroup.A, partnership);
        Agency notDueB = fixtures.agency("school", CycleGroup.B, partnership);
        Agency returnedA = fixtures.agency("health", CycleGroup.A, partnership);
        Agency missedB = fixtures.agency("voluntary-community", CycleGroup.B, partnership);
        Agency otherPartnership = fixtures.agency("school", CycleGroup.A, fixtures.partnership());
        // Last year's round (group B due): missedB never returned.
        AuditRound last = fixtures.round(partnership, tool);
        QuarkusTransaction.requiringNew().run(() -> {
            AuditRound r = AuditRound.findById(last.id);
            r.cycleGroup = CycleGroup.B;
        });
        fixtures.returnFor(last, missedB);
        fixtures.submit(fixtures.returnFor(last, notDueB), Map.of(), Instant.parse("2018-06-01T10:00:00Z"));
        String manager = users.create(Role.MANAGER);

        Map<String, Object> round = new java.util.HashMap<>(body(partnership, "2019-20"));
        round.put("opensOn", "2019-05-01");
        round.put("dueOn", "2019-06-30");
        round.put("closesOn", "2019-07-31");
        round.put("tools", Map.of("school", tool.reference()));
        int id = given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON).body(round)
                .post("/api/v1/rounds").then().statusCode(201)
                .body("status", equalTo("draft"))
                .body("cycleGroup", equalTo("A"))
                .body("tools.school", equalTo(tool.reference()))
                .body("cohort", containsInAnyOrder(dueA.id.intValue(), returnedA.id.intValue(), missedB.id.intValue()))
                .extract().path("id");
        String reason = QuarkusTransaction.requiringNew().call(() -> Return.<Return>find("round.id = ?1 and agency.id = ?2",
                (long) id, missedB.id).firstResult().cohortReason.name());
        assertEquals("NOT_RETURNED_LAST_ROUND", reason);
        assertTrue(otherPartnership.id > 0);
    }

    @Test
    void sendingQueuesOneInvitationPerAgencyThatArrivesBySmtpWithItsLinkAndReplyTo() throws Exception {
        ToolVersion tool = fixtures.tool(1, 2);
        Partnership partnership = fixtures.partnership();
        Agency school = fixtures.agency("school", CycleGroup.A, partnership);
        Agency noEmail = fixtures.agency("faith", CycleGroup.A, partnership);
        QuarkusTransaction.requiringNew().run(() -> Agency.<Agency>findById(noEmail.id).leadEmail = "not an email");
        String manager = users.create(Role.MANAGER);
        Map<String, Object> round = new java.util.HashMap<>(body(partnership, "2018-19"));
        round.put("tools", Map.of("school", tool.reference(), "faith", tool.reference()));
        int id = given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON).body(round)
                .post("/api/v1/rounds").then().statusCode(201).extract().path("id");

        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON).post("/api/v1/rounds/" + id + "/send")
                .then().log().ifValidationFails().statusCode(200).body("invited", equalTo(1)).body("cannotBeContacted", equalTo(1));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON).post("/api/v1/rounds/" + id + "/send")
                .then().statusCode(409);
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/outbox?status=pending&size=500")
                .then().log().ifValidationFails().statusCode(200).body("to", hasItem(school.leadEmail));

        delivery.drain();
        List<MimeMessage> received = GreenMailResource.receivedBy(school.leadEmail);
        assertEquals(1, received.size());
        MimeMessage invitation = received.get(0);
        assertTrue(invitation.getSubject().contains("30 June 2018"), invitation.getSubject());
        assertEquals(partnership.contactEmail, invitation.getReplyTo()[0].toString());
        String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(invitation);
        assertTrue(text.contains("/respond/"), text);
        assertTrue(text.contains(partnership.name), text);

        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/rounds/" + id + "/returns")
                .then().log().ifValidationFails().statusCode(200).body("status", containsInAnyOrder("invited", "cannot-be-contacted"))
                .body("find { it.agencyId == " + school.id + " }.lastContactAt", equalTo("2018-05-01T09:00:00Z"))
                .body("find { it.agencyId == " + school.id + " }.nextChaserOn", equalTo("2018-06-16"));
    }

    @Test
    void badRoundsAreRefusedWithEachFieldNamedAndNothingSaved() {
        Partnership partnership = fixtures.partnership();
        String manager = users.create(Role.MANAGER);
        Map<String, Object> round = new java.util.HashMap<>(body(partnership, "Backwards"));
        round.put("dueOn", "2018-04-01");
        round.put("closesOn", "2018-03-01");
        round.put("tools", Map.of("school", "no-such-tool/1"));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON).body(round)
                .post("/api/v1/rounds").then().statusCode(400)
                .body("fields.field", contains("dueOn", "closesOn", "tools.school"));

        // A partnership without agencies: the proposed cohort is empty.
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(body(partnership, "Empty")).post("/api/v1/rounds").then().statusCode(400)
                .body("fields.field", contains("cohort"));
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> AuditRound.count("partnership.id", partnership.id)));

        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body("{\"name\": ").post("/api/v1/rounds").then().statusCode(400);
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/rounds/999999").then().statusCode(404);
        String mesc = users.create(Role.MESC);
        given().auth().preemptive().basic(mesc, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(body(partnership, "Not mine")).post("/api/v1/rounds").then().statusCode(403);
        given().auth().preemptive().basic(mesc, TestUsers.PASSWORD).get("/api/v1/outbox").then().statusCode(403);
    }

    @Test
    void aToolVersionForAnotherSectorIsRefused() {
        ToolVersion tool = fixtures.tool(1, 1);
        QuarkusTransaction.requiringNew().run(() -> {
            ToolVersion t = ToolVersion.findById(tool.id);
            t.sectors.clear();
            t.sectors.add("school");
        });
        Partnership partnership = fixtures.partnership();
        fixtures.agency("health", CycleGroup.A, partnership);
        String manager = users.create(Role.MANAGER);
        Map<String, Object> round = new java.util.HashMap<>(body(partnership, "Wrong tool"));
        round.put("tools", Map.of("health", tool.reference()));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON).body(round)
                .post("/api/v1/rounds").then().statusCode(400)
                .body("fields[0].field", equalTo("tools.health"));
    }

    @Test
    void theManagerAddsAndRemovesAgenciesWithAReasonUntilTheRoundIsSent() {
        fixtures.tool(1, 1);
        Partnership partnership = fixtures.partnership();
        Agency due = fixtures.agency("school", CycleGroup.A, partnership);
        Agency extra = fixtures.agency("school", CycleGroup.B, partnership);
        String manager = users.create(Role.MANAGER);
        int id = given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(body(partnership, "2018-19")).post("/api/v1/rounds").then().statusCode(201).extract().path("id");

        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("add", List.of(Map.of("agencyId", extra.id)))).put("/api/v1/rounds/" + id + "/cohort")
                .then().statusCode(400).body("fields[0].field", equalTo("add[0].reason"));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("add", List.of(Map.of("agencyId", extra.id, "reason", "New nursery, joins early")),
                        "remove", List.of(Map.of("agencyId", due.id, "reason", "Closed in March"))))
                .put("/api/v1/rounds/" + id + "/cohort").then().log().ifValidationFails().statusCode(200)
                .body("cohort", contains(extra.id.intValue()));
        assertEquals(2L, (long) QuarkusTransaction.requiringNew().call(() -> CohortChange.count("roundId", (long) id)));

        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON).post("/api/v1/rounds/" + id + "/send").then().log().ifValidationFails().statusCode(200);
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("remove", List.of(Map.of("agencyId", extra.id, "reason", "Too late"))))
                .put("/api/v1/rounds/" + id + "/cohort").then().statusCode(409);
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/rounds")
                .then().log().ifValidationFails().statusCode(200).body("id", hasItem(id));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/rounds/" + id + "/returns?status=bogus")
                .then().statusCode(400).body("fields[0].field", equalTo("status"));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/rounds/" + id + "/returns")
                .then().log().ifValidationFails().statusCode(200).body("$", hasSize(1));
    }
}

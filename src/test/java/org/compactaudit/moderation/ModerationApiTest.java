package org.compactaudit.moderation;

import static org.compactaudit.moderation.ModerationScenario.as;
import static org.compactaudit.moderation.ModerationScenario.visitIdOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.mail.OutboxMessage;
import org.compactaudit.response.Answer;
import org.compactaudit.round.Return;
import org.compactaudit.security.Role;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.Grade;

@QuarkusTest
class ModerationApiTest {

    @Inject
    ModerationScenario scenario;

    @Inject
    TestUsers users;

    private static List<Integer> sampledReturnIds(long roundId, String manager) {
        return as(manager).get("/api/v1/rounds/{id}/moderation", roundId).then().statusCode(200)
                .extract().jsonPath().getList("visits.returnId", Integer.class);
    }

    private static Map<String, Object> plan(long moderatorId, long managerId) {
        return Map.of("date", "2018-09-12", "place", "The agency's office", "attendees", List.of(managerId, moderatorId),
                "status", "planned");
    }

    @Test
    void theSameSeedAndReturnsDrawTheSameStratifiedSampleIncludingASectorWithOneReturn() {
        ModerationScenario.Round r = scenario.round(1);
        for (int i = 0; i < 6; i++) {
            scenario.submitted(r, "school", Map.of());
        }
        for (int i = 0; i < 3; i++) {
            scenario.submitted(r, "early-years", Map.of());
        }
        Return police = scenario.submitted(r, "statutory", Map.of());
        scenario.notSubmitted(r, "health");

        Map<String, Object> body = Map.of("policy", "percent", "percent", 30, "minimum", 1, "seed", 987654321L);
        as(r.manager).body(body).post("/api/v1/rounds/{id}/moderation/sample", r.round.id).then().statusCode(200)
                .body("sample.seed", equalTo(987654321))
                .body("sample.size", equalTo(3))
                .body("sample.submittedReturns", equalTo(10))
                .body("visits", hasSize(3))
                .body("visits.returnId", hasItem(police.id.intValue()));
        // 30% of 10 = 3 visits; quotas school 1.8, early years 0.9, statutory 0.3: one visit each.
        List<Integer> first = sampledReturnIds(r.round.id, r.manager);
        Map<String, Long> bySector = as(r.manager).get("/api/v1/rounds/{id}/moderation", r.round.id).then().extract()
                .jsonPath().getList("visits.sectorCode", String.class).stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of("school", 1L, "early-years", 1L, "statutory", 1L), bySector);

        as(r.manager).body(body).post("/api/v1/rounds/{id}/moderation/sample", r.round.id).then().statusCode(200);
        assertEquals(Set.copyOf(first), Set.copyOf(sampledReturnIds(r.round.id, r.manager)));

        int differing = 0;
        for (long seed = 1; seed <= 5; seed++) {
            as(r.manager).body(Map.of("policy", "fixed", "size", 5, "seed", seed))
                    .post("/api/v1/rounds/{id}/moderation/sample", r.round.id).then().statusCode(200);
            differing += Set.copyOf(sampledReturnIds(r.round.id, r.manager)).equals(Set.copyOf(first)) ? 0 : 1;
        }
        assertTrue(differing >= 4, "another seed or size should draw another sample");
    }

    @Test
    void badSamplingRequestsAreRefusedWithTheFieldNamed() {
        ModerationScenario.Round r = scenario.round(1);
        scenario.notSubmitted(r, "school");
        as(r.manager).body(Map.of("policy", "fixed", "size", 1)).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(400).body("fields[0].field", equalTo("policy"))
                .body("message", containsString("No return has been submitted"));
        scenario.submitted(r, "school", Map.of());
        scenario.submitted(r, "health", Map.of());
        as(r.manager).body(Map.of("policy", "fixed", "size", 3)).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(400).body("fields[0].field", equalTo("size"))
                .body("message", containsString("larger than the 2 submitted returns"));
        as(r.manager).body(Map.of("policy", "percent", "percent", 0)).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(400).body("fields[0].field", equalTo("percent"));
        as(r.manager).body(Map.of("policy", "percent", "percent", 101)).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(400).body("fields[0].field", equalTo("percent"));
        as(r.manager).body(Map.of("policy", "lottery")).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(400).body("fields[0].field", equalTo("policy"));
        as(r.manager).get("/api/v1/rounds/{id}/moderation", r.round.id).then().statusCode(200).body("visits", hasSize(0));
        as(r.manager).body(Map.of("policy", "fixed", "size", 1)).post("/api/v1/rounds/{id}/moderation/sample", 987654321L)
                .then().statusCode(404);
    }

    @Test
    void theReportCountsOutcomesOverallBySectorAndByStandardAsWorkedOutByHand() {
        ModerationScenario.Round r = scenario.round(2);
        // Self-assessed standard grades (lowest graded answer): A s1 Good, s2 RI; B s1 Good, s2 Good; C s1 Outstanding, s2 Good.
        Return a = scenario.submitted(r, "school", Map.of("s2-q2", Grade.REQUIRES_IMPROVEMENT));
        Return b = scenario.submitted(r, "school", Map.of());
        Return c = scenario.submitted(r, "health", Map.of("s1-q1", Grade.NOT_APPLICABLE, "s1-q2", Grade.OUTSTANDING));
        as(r.manager).body(Map.of("policy", "fixed", "size", 3, "seed", 1)).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(200);
        Map<Return, List<String>> moderated = Map.of(a, List.of("good", "good"), b, List.of("good", "inadequate"),
                c, List.of("good", "good"));
        for (Map.Entry<Return, List<String>> e : moderated.entrySet()) {
            long visit = visitIdOf(e.getKey().id);
            as(r.manager).body(plan(r.moderatorId, r.managerId)).put("/api/v1/moderation/visits/{v}", visit).then().statusCode(200);
            as(r.moderator).body(Map.of("grade", e.getValue().get(0), "notes", "Training records seen"))
                    .put("/api/v1/moderation/visits/{v}/standards/s1", visit).then().statusCode(200);
            as(r.moderator).body(Map.of("grade", e.getValue().get(1), "notes", "Policy seen", "questions", Map.of("s2-q2", "good")))
                    .put("/api/v1/moderation/visits/{v}/standards/s2", visit).then().statusCode(200);
            as(r.moderator).body(Map.of("status", "done", "summary", "Evidence seen for every standard"))
                    .put("/api/v1/moderation/visits/{v}", visit).then().statusCode(200).body("visit.status", equalTo("done"));
        }
        as(r.manager).get("/api/v1/moderation/visits/{v}", visitIdOf(a.id)).then().statusCode(200)
                .body("standards[1].selfAssessedGrade", equalTo("requires-improvement"))
                .body("standards[1].grade", equalTo("good"))
                .body("standards[1].outcome", equalTo("under-scored"));

        String mesc = users.create(Role.MESC);
        as(mesc).get("/api/v1/rounds/{id}/moderation/report", r.round.id).then().statusCode(200)
                .body("commitment", equalTo("3 of 3 done, 100.0% of 3 returns"))
                .body("overall.confirmed", equalTo(3)).body("overall.underScored", equalTo(1))
                .body("overall.overInflated", equalTo(2))
                .body("overall.compared", equalTo(6)).body("overall.confirmedPercent", equalTo("50.0%"))
                .body("overall.underScoredPercent", equalTo("16.7%")).body("overall.overInflatedPercent", equalTo("33.3%"))
                .body("bySector", hasSize(2))
                .body("bySector.find { it.key == 'school' }.confirmed", equalTo(2))
                .body("bySector.find { it.key == 'school' }.underScored", equalTo(1))
                .body("bySector.find { it.key == 'school' }.overInflated", equalTo(1))
                .body("bySector.find { it.key == 'health' }.confirmed", equalTo(1))
                .body("bySector.find { it.key == 'health' }.overInflated", equalTo(1))
                .body("byStandard.key", equalTo(List.of("s1", "s2")))
                .body("byStandard[0].confirmed", equalTo(2)).body("byStandard[0].overInflated", equalTo(1))
                .body("byStandard[1].confirmed", equalTo(1)).body("byStandard[1].underScored", equalTo(1))
                .body("byStandard[1].overInflated", equalTo(1));
        String csv = given().auth().preemptive().basic(mesc, TestUsers.PASSWORD)
                .get("/api/v1/rounds/{id}/moderation/report.csv", r.round.id).then().statusCode(200).extract().asString();
        assertTrue(csv.contains("overall,all,All standards,3,1,2,6,50.0%,16.7%,33.3%,0"), csv);
        assertTrue(csv.contains("standard,s1,Standard 1,2,0,1,3,66.7%,0.0%,33.3%,0"), csv);
        assertTrue(csv.contains("sector,school,"), csv);
        assertTrue(csv.contains(",2,1,1,4,50.0%,25.0%,25.0%,0"), csv);

        // The agency's own grades are untouched; its lead got the date and the outcome through the outbox.
        QuarkusTransaction.requiringNew().run(() -> {
            Answer answer = Answer.find("agencyReturn.id = ?1 and question.key = ?2", a.id, "s2-q2").firstResult();
            assertEquals(Grade.REQUIRES_IMPROVEMENT, answer.grade);
            Return managed = Return.findById(a.id);
            List<String> kinds = OutboxMessage.<OutboxMessage>list("returnId", a.id).stream().map(m -> m.kind).toList();
            assertEquals(List.of("visit", "visit-outcome"), kinds);
            OutboxMessage outcome = OutboxMessage.find("returnId = ?1 and kind = ?2", a.id, "visit-outcome").firstResult();
            assertEquals(managed.agency.leadEmail, outcome.to);
            assertTrue(outcome.bodyText.contains("Under-scored"), outcome.bodyText);
            assertTrue(outcome.bodyHtml.contains("<table>"), outcome.bodyHtml);
        });
    }

    @Test
    void moderatorsRecordOnlyVisitsTheyAttendMescReadsTheReportAndAnonymousIsRefused() {
        ModerationScenario.Round r = scenario.round(1);
        Return a = scenario.submitted(r, "school", Map.of());
        as(r.manager).body(Map.of("policy", "fixed", "size", 1)).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(200);
        long visit = visitIdOf(a.id);
        as(r.manager).get("/api/v1/rounds/{id}/moderation", r.round.id).then().body("canDrawAgain", equalTo(true));
        as(r.manager).body(plan(r.moderatorId, r.managerId)).put("/api/v1/moderation/visits/{v}", visit).then().statusCode(200)
                .body("visit.date", equalTo("2018-09-12")).body("visit.attendees", hasSize(2));
        // The page's offer and the draw follow the one rule: a planned visit ends both.
        as(r.manager).get("/api/v1/rounds/{id}/moderation", r.round.id).then().body("canDrawAgain", equalTo(false));
        as(r.manager).body(Map.of("policy", "fixed", "size", 1)).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(409).body("message", equalTo(Sampling.DRAW_AGAIN_REFUSED));
        String otherModerator = users.create(Role.MODERATOR);
        String mesc = users.create(Role.MESC);
        Map<String, Object> grade = Map.of("grade", "good", "notes", "Seen");

        as(otherModerator).body(grade).put("/api/v1/moderation/visits/{v}/standards/s1", visit).then().statusCode(403);
        as(otherModerator).get("/api/v1/moderation/visits/{v}", visit).then().statusCode(403);
        as(mesc).body(grade).put("/api/v1/moderation/visits/{v}/standards/s1", visit).then().statusCode(403);
        as(mesc).get("/api/v1/rounds/{id}/moderation", r.round.id).then().statusCode(403);
        as(r.moderator).get("/api/v1/rounds/{id}/moderation", r.round.id).then().statusCode(403);
        as(r.moderator).body(Map.of("date", "2018-10-01")).put("/api/v1/moderation/visits/{v}", visit).then().statusCode(403);
        given().contentType("application/json").body(grade).put("/api/v1/moderation/visits/{v}/standards/s1", visit)
                .then().statusCode(401);
        given().get("/api/v1/rounds/{id}/moderation/report", r.round.id).then().statusCode(401);

        as(r.moderator).body(grade).put("/api/v1/moderation/visits/{v}/standards/s1", visit).then().statusCode(200)
                .body("outcome", equalTo("confirmed"));
        as(mesc).get("/api/v1/rounds/{id}/moderation/report", r.round.id).then().statusCode(200)
                .body("commitment", equalTo("0 of 1 done, 0.0% of 1 return"));
    }

    @Test
    void gradesAreCheckedAgainstTheAgencysToolAndACompletedVisitIsReadOnlyUntilReopened() {
        ModerationScenario.Round r = scenario.round(2);
        Return a = scenario.submitted(r, "school", Map.of());
        as(r.manager).body(Map.of("policy", "fixed", "size", 1)).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(200);
        long visit = visitIdOf(a.id);
        as(r.manager).body(Map.of("grade", "good")).put("/api/v1/moderation/visits/{v}/standards/s9", visit)
                .then().statusCode(404).body("message", containsString("s9 is not in this agency's tool"));
        as(r.manager).body(Map.of("grade", "excellent")).put("/api/v1/moderation/visits/{v}/standards/s1", visit)
                .then().statusCode(400).body("fields[0].field", equalTo("grade"));
        as(r.manager).body(Map.of("grade", "good", "questions", Map.of("s2-q1", "good")))
                .put("/api/v1/moderation/visits/{v}/standards/s1", visit)
                .then().statusCode(400).body("fields[0].field", equalTo("questions.s2-q1"));
        as(r.manager).body(plan(r.moderatorId, r.managerId)).put("/api/v1/moderation/visits/{v}", visit).then().statusCode(200);
        as(r.manager).body(Map.of("grade", "good")).put("/api/v1/moderation/visits/{v}/standards/s1", visit).then().statusCode(200);
        // Completing needs a summary and every standard graded: nothing is half-saved.
        as(r.manager).body(Map.of("status", "done")).put("/api/v1/moderation/visits/{v}", visit).then().statusCode(400)
                .body("fields.field", hasItem("summary")).body("fields.field", hasItem("grade-s2"));
        as(r.manager).body(Map.of("grade", "outstanding")).put("/api/v1/moderation/visits/{v}/standards/s2", visit).then().statusCode(200);
        as(r.manager).body(Map.of("status", "done", "summary", "All seen")).put("/api/v1/moderation/visits/{v}", visit)
                .then().statusCode(200);
        as(r.manager).body(Map.of("grade", "inadequate")).put("/api/v1/moderation/visits/{v}/standards/s1", visit)
                .then().statusCode(409).body("message", containsString("read-only"));
        as(r.moderator).body(Map.of("status", "planned")).put("/api/v1/moderation/visits/{v}", visit).then().statusCode(403);
        as(r.manager).body(Map.of("status", "planned")).put("/api/v1/moderation/visits/{v}", visit).then().statusCode(200)
                .body("visit.status", equalTo("planned"));
        as(r.manager).body(Map.of("grade", "inadequate")).put("/api/v1/moderation/visits/{v}/standards/s1", visit)
                .then().statusCode(200).body("outcome", equalTo("over-inflated"));
        as(r.manager).body(Map.of("status", "cancelled")).put("/api/v1/moderation/visits/{v}", visit).then().statusCode(400)
                .body("fields[0].field", equalTo("cancelReason"));
    }

    @Test
    void theManagerReplacesASampledAgencyFromTheSameSectorAndAddsOneOutsideTheSample() {
        ModerationScenario.Round r = scenario.round(1);
        Return s1 = scenario.submitted(r, "school", Map.of());
        Return s2 = scenario.submitted(r, "school", Map.of());
        Return h1 = scenario.submitted(r, "health", Map.of());
        as(r.manager).body(Map.of("policy", "fixed", "size", 1, "seed", 5)).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(200);
        long sampledReturn = sampledReturnIds(r.round.id, r.manager).get(0);
        assertTrue(sampledReturn == s1.id || sampledReturn == s2.id);
        long sampledVisit = visitIdOf(sampledReturn);
        Sampling sampling = io.quarkus.arc.Arc.container().instance(Sampling.class).get();
        ModerationVisit added = sampling.replace(r.round.id, sampledVisit, "Head teacher on long-term leave", null);
        long expected = sampledReturn == s1.id ? s2.id : s1.id;
        assertEquals(Selection.REPLACEMENT, ModerationScenario.visitOf(expected).selection);
        assertNotEquals(sampledVisit, added.id);
        as(r.manager).get("/api/v1/rounds/{id}/moderation", r.round.id).then().statusCode(200)
                .body("visits.find { it.id == " + sampledVisit + " }.status", equalTo("cancelled"))
                .body("visits.find { it.id == " + sampledVisit + " }.replacedById", equalTo((int) (long) added.id))
                .body("visits.find { it.returnId == " + expected + " }.selection", equalTo("replacement"));
        sampling.add(r.round.id, h1.id, "A concern raised by the designated officer");
        as(r.manager).get("/api/v1/rounds/{id}/moderation", r.round.id).then()
                .body("visits.find { it.returnId == " + h1.id + " }.selection", equalTo("added"))
                .body("visits.find { it.returnId == " + h1.id + " }.selectionReason", containsString("concern"));
        // Once visits are replaced or added, the sample cannot silently be drawn again.
        as(r.manager).body(Map.of("policy", "fixed", "size", 1)).post("/api/v1/rounds/{id}/moderation/sample", r.round.id)
                .then().statusCode(409);
    }
}

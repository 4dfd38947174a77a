package org.compactaudit.response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.compactaudit.mail.OutboxMessage;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnReopened;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.round.ReturnSubmitted;
import org.compactaudit.support.Fixtures;
import org.compactaudit.tool.Grade;

@QuarkusTest
class RespondApiTest {

    /** Records the CDI events the reporting feature listens to. */
    @Singleton
    static class Events {
        final List<Long> submitted = new CopyOnWriteArrayList<>();
        final List<Long> reopened = new CopyOnWriteArrayList<>();

        void onSubmitted(@Observes ReturnSubmitted e) {
            submitted.add(e.returnId());
        }

        void onReopened(@Observes ReturnReopened e) {
            reopened.add(e.returnId());
        }
    }

    @Inject
    ReturnScenario scenario;

    @Inject
    Fixtures fixtures;

    @Inject
    ReturnService service;

    @Inject
    StaffReturns staff;

    @Inject
    ReturnProgress progress;

    @Inject
    Events events;

    static Map<String, Object> answer(String grade, String evidence, int version) {
        Map<String, Object> body = new HashMap<>();
        body.put("grade", grade);
        body.put("evidence", evidence);
        body.put("version", version);
        return body;
    }

    static Map<String, Object> complete(String grade) {
        Map<String, Object> body = answer(grade, "Safer recruitment policy, reviewed 2018.", 0);
        if (grade.equals("not-applicable")) {
            body.put("evidence", null);
            body.put("naReason", "We employ no staff.");
        }
        if (grade.equals("requires-improvement") || grade.equals("inadequate")) {
            body.put("action", Map.of("what", "Train all staff", "owner", "Head teacher", "due", "2018-12-31"));
        }
        return body;
    }

    static void put(String token, String key, Object body, int status) {
        given().contentType(ContentType.JSON).body(body).when().put("/api/v1/respond/" + token + "/answers/" + key)
                .then().statusCode(status);
    }

    @Test
    void theReturnListsAgencyRoundToolAndOnlyTheQuestionsForTheAgencysSector() {
        ReturnScenario.Opened o = scenario.create();
        scenario.onlyFor(o.toolId(), "s2-q2", "health");
        given().when().get("/api/v1/respond/" + o.token()).then().statusCode(200)
                .body("agency.id", equalTo((int) o.agencyId()))
                .body("agency.sector", equalTo("school"))
                .body("round.id", equalTo((int) o.roundId()))
                .body("round.dueOn", equalTo("2018-06-30"))
                .body("round.closesOn", equalTo("2018-07-31"))
                .body("toolVersion.version", equalTo("2018-19"))
                .body("toolVersion.variant", equalTo("full"))
                .body("status", equalTo("not-started"))
                .body("late", equalTo(false))
                .body("submittedAt", nullValue())
                .body("standards.key", contains("s1", "s2"))
                .body("standards[0].status", equalTo("not-started"))
                .body("standards[1].questions.key", contains("s2-q1"))
                .body("standards[0].questions[0].naAllowed", equalTo(true))
                .body("standards[0].questions[1].naAllowed", equalTo(false))
                .body("standards[0].questions[0].guidance.requiresImprovement", equalTo("Requires Improvement looks like this."))
                .body("standards[0].questions[0].answer", nullValue());
        put(o.token(), "s2-q2", answer("good", "x", 0), 404);
    }

    @Test
    void aSaveReturnsTheAnswerWithItsVersionAndAStaleVersionIsRefusedWithTheCurrentAnswer() {
        ReturnScenario.Opened o = scenario.create();
        int v1 = given().contentType(ContentType.JSON).body(answer("good", "First evidence", 0))
                .when().put("/api/v1/respond/" + o.token() + "/answers/s1-q1")
                .then().statusCode(200).body("grade", equalTo("good")).body("evidence", equalTo("First evidence"))
                .body("carriedForward", equalTo(false)).body("updatedAt", notNullValue())
                .extract().path("version");
        given().contentType(ContentType.JSON).body(answer("requires-improvement", "Another first save", 0))
                .when().put("/api/v1/respond/" + o.token() + "/answers/s1-q1")
                .then().statusCode(409).body("answer.evidence", equalTo("First evidence"));
        given().contentType(ContentType.JSON).body(answer("outstanding", "Second person's evidence", v1))
                .when().put("/api/v1/respond/" + o.token() + "/answers/s1-q1").then().statusCode(200);
        given().contentType(ContentType.JSON).body(answer("inadequate", "Stale edit", v1))
                .when().put("/api/v1/respond/" + o.token() + "/answers/s1-q1")
                .then().statusCode(409).body("answer.grade", equalTo("outstanding"))
                .body("answer.evidence", equalTo("Second person's evidence"));
        assertEquals("Second person's evidence", scenario.answer(o.returnId(), "s1-q1").evidence);
        given().when().get("/api/v1/respond/" + o.token()).then().statusCode(200).body("status", equalTo("in-progress"));
    }

    @Test
    void eachAnswerCarriesTheFlagsItsEvidenceRaisesAndTheWholeReturnAddsRepeatedEvidence() {
        ReturnScenario.Opened o = scenario.create();
        String pasted = "The DSL keeps the concerns register and the head reviews it every term, with minutes filed.";
        given().contentType(ContentType.JSON).body(answer("good", "We have a policy.", 0))
                .when().put("/api/v1/respond/" + o.token() + "/answers/s1-q1").then().statusCode(200)
                .body("evidenceFlags", equalTo(List.of("short", "nothing-checkable")));
        for (String key : List.of("s1-q2", "s2-q1", "s2-q2")) {
            put(o.token(), key, answer("good", pasted, 0), 200);
        }
        given().when().get("/api/v1/respond/" + o.token()).then().statusCode(200)
                .body("standards[0].questions[0].answer.evidenceFlags", equalTo(List.of("short", "nothing-checkable")))
                .body("standards[0].questions[1].answer.evidenceFlags", equalTo(List.of("repeated")))
                .body("standards[1].questions[0].answer.evidenceFlags", equalTo(List.of("repeated")));
    }

    @Test
    void savesAreStampedWithTheClockAndEachMinuteOfSavingIsOneLineOfHistory() {
        ReturnScenario.Opened o = scenario.create();
        put(o.token(), "s1-q1", answer("good", "Policy A", 0), 200);
        put(o.token(), "s1-q2", answer("good", "Policy B", 0), 200);
        put(o.token(), "s1-q1", answer("outstanding", "Policy A, revised", 1), 200);
        Instant now = Instant.parse("2018-05-01T09:00:00Z");
        given().when().get("/api/v1/respond/" + o.token()).then().statusCode(200)
                .body("standards[0].questions[0].answer.updatedAt", equalTo(now.toString()))
                .body("standards[0].questions[0].answer.version", equalTo(2));
        assertEquals(now, scenario.answer(o.returnId(), "s1-q2").updatedAt);
        assertEquals(now, scenario.reload(o.returnId()).lastSavedAt);
        List<ReturnEvent> saved = scenario.history(o.returnId()).stream().filter(e -> e.kind.equals("saved")).toList();
        assertEquals(1, saved.size());
        assertEquals("s1-q1, s1-q2", saved.get(0).detail);
        assertEquals(now, saved.get(0).occurredAt);
    }

    @Test
    void badInputIsRefusedWithTheFieldNamedAndNothingSaved() {
        ReturnScenario.Opened o = scenario.create();
        given().contentType(ContentType.JSON).body(answer("excellent", "x", 0))
                .when().put("/api/v1/respond/" + o.token() + "/answers/s1-q1")
                .then().statusCode(400).body("fields[0].field", equalTo("grade"));
        given().contentType(ContentType.JSON).body(answer("good", "a".repeat(10_001), 0))
                .when().put("/api/v1/respond/" + o.token() + "/answers/s1-q1")
                .then().statusCode(400).body("fields[0].field", equalTo("evidence"))
                .body("message", containsString("10,000"));
        given().contentType(ContentType.JSON).body(answer("not-applicable", null, 0))
                .when().put("/api/v1/respond/" + o.token() + "/answers/s1-q2")
                .then().statusCode(400).body("fields[0].field", equalTo("grade"));
        assertNull(scenario.answer(o.returnId(), "s1-q1"));
        put(o.token(), "no-such-question", answer("good", "x", 0), 404);
        // Ten thousand emoji are ten thousand characters, though Java counts them twice.
        put(o.token(), "s1-q1", answer("good", "😀".repeat(10_000), 0), 200);
    }

    @Test
    void anyUnicodeTextRoundTripsExactly() {
        ReturnScenario.Opened o = scenario.create();
        String text = "Polisi diogelu: mae’r ŵyr a’r ŷd yn iawn 👩🏽‍⚕️🧒 — שלום עולם — مرحبا بالعالم\n\tline two  ";
        Map<String, Object> body = complete("requires-improvement");
        body.put("evidence", text);
        body.put("action", Map.of("what", "Hyfforddiant 📚 للجميع", "owner", "Siân Ellis", "due", "2019-03-31"));
        put(o.token(), "s1-q2", body, 200);
        given().when().get("/api/v1/respond/" + o.token()).then().statusCode(200)
                .body("standards[0].questions[1].answer.evidence", equalTo(text))
                .body("standards[0].questions[1].answer.grade", equalTo("requires-improvement"))
                .body("standards[0].questions[1].answer.action.what", equalTo("Hyfforddiant 📚 للجميع"))
                .body("standards[0].questions[1].answer.action.owner", equalTo("Siân Ellis"))
                .body("standards[0].questions[1].answer.action.due", equalTo("2019-03-31"));
        assertEquals(text, scenario.answer(o.returnId(), "s1-q2").evidence);
    }

    @Test
    void submitListsEveryIncompleteQuestionThenAcceptsAndLocksTheReturnAndSendsTheReceiptWithThePdf() throws IOException {
        ReturnScenario.Opened o = scenario.create();
        put(o.token(), "s1-q1", answer("good", "", 0), 200);
        put(o.token(), "s1-q2", answer("inadequate", "Some evidence", 0), 200);
        Map<String, String> declaration = Map.of("name", "Siân Ellis", "role", "Head teacher", "email", "sian@school.test");
        given().contentType(ContentType.JSON).body(declaration).when().post("/api/v1/respond/" + o.token() + "/submit")
                .then().statusCode(422).body("incomplete", hasSize(4))
                .body("incomplete.questionKey", contains("s1-q1", "s1-q2", "s2-q1", "s2-q2"))
                .body("incomplete[0].standardKey", equalTo("s1"))
                .body("incomplete[0].problem", equalTo("has no evidence"))
                .body("incomplete[1].problem", containsString("action"))
                .body("incomplete[2].problem", equalTo("has no grade"))
                .body("incomplete.field", contains("evidence", "action.what", "grade", "grade"))
                .body("incomplete[0].message", equalTo("Question 1 in Standard 1: add your evidence"))
                .body("incomplete[1].message", equalTo("Question 2 in Standard 1: say what will be done"))
                .body("incomplete[3].message", equalTo("Question 2 in Standard 2: choose a grade"));
        assertFalse(scenario.reload(o.returnId()).isSubmitted());

        Map<String, Object> q1 = complete("not-applicable");
        q1.put("version", scenario.answer(o.returnId(), "s1-q1").seenVersion());
        put(o.token(), "s1-q1", q1, 200);
        Map<String, Object> q2 = complete("inadequate");
        q2.put("version", scenario.answer(o.returnId(), "s1-q2").seenVersion());
        put(o.token(), "s1-q2", q2, 200);
        put(o.token(), "s2-q1", complete("outstanding"), 200);
        put(o.token(), "s2-q2", complete("good"), 200);
        given().contentType(ContentType.JSON).body(Map.of("name", "", "role", "Head", "email", "not-an-email"))
                .when().post("/api/v1/respond/" + o.token() + "/submit")
                .then().statusCode(400).body("fields.field", contains("name", "email"));
        given().contentType(ContentType.JSON).body(declaration).when().post("/api/v1/respond/" + o.token() + "/submit")
                .then().statusCode(200).body("status", equalTo("submitted")).body("late", equalTo(false))
                .body("submittedAt", equalTo("2018-05-01T09:00:00Z"));

        Return r = scenario.reload(o.returnId());
        assertEquals("Siân Ellis", r.submittedByName);
        assertEquals("Head teacher", r.submittedByRole);
        assertTrue(events.submitted.contains(o.returnId()));
        assertTrue(scenario.history(o.returnId()).stream().anyMatch(e -> e.kind.equals("submitted")));
        put(o.token(), "s2-q2", answer("outstanding", "Changed after submitting", 1), 423);

        List<OutboxMessage> receipts = scenario.outbox(o.returnId());
        assertEquals(List.of("sian@school.test", r.agency.leadEmail), receipts.stream().map(m -> m.to).toList());
        for (OutboxMessage m : receipts) {
            assertEquals("application/pdf", m.attachmentType);
            String text = pdfText(m.attachment);
            assertTrue(text.contains(r.agency.name), text);
            assertTrue(text.contains("Siân Ellis"), text);
            assertTrue(text.contains("We employ no staff."), text);
            assertTrue(text.contains("Train all staff"), text);
            assertTrue(text.contains("Who will do it: Head teacher"), text);
            assertTrue(text.contains("When it will be done by: 31 December 2018"), text);
            assertTrue(text.contains("(due 30 June 2018)"), text);
            assertFalse(text.contains("; owner:"), text);
            assertTrue(m.bodyText.contains("submitted on 1 May 2018 at 10:00"), m.bodyText);
            assertTrue(m.bodyText.contains("share it with Ofsted and your governing body"), m.bodyText);
        }
        byte[] pdf = given().when().get("/api/v1/respond/" + o.token() + "/pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertTrue(pdfText(pdf).contains("Question 2 of standard 2?"));
    }

    @Test
    void aReceiptOutsideSchoolsAndCollegesDoesNotMentionOfsted() {
        ReturnScenario.Opened o = scenario.create("voluntary-community");
        for (String key : List.of("s1-q1", "s1-q2", "s2-q1", "s2-q2")) {
            put(o.token(), key, complete("good"), 200);
        }
        given().contentType(ContentType.JSON).body(Map.of("name", "Ann", "role", "Youth leader", "email", "ann@club.test"))
                .when().post("/api/v1/respond/" + o.token() + "/submit").then().statusCode(200);
        OutboxMessage receipt = scenario.outbox(o.returnId()).get(0);
        assertTrue(receipt.bodyText.contains("Keep it for your records."), receipt.bodyText);
        assertFalse(receipt.bodyText.contains("Ofsted"), receipt.bodyText);
        assertFalse(receipt.bodyText.contains("schools"), receipt.bodyText);
    }

    @Test
    void aReturnSubmittedAfterTheDueDayIsLateAndAfterTheRoundClosesItIsReadOnly() {
        ReturnScenario.Opened late = scenario.create();
        scenario.dates(late.roundId(), LocalDate.of(2018, 4, 1), LocalDate.of(2018, 4, 30), LocalDate.of(2018, 5, 1));
        for (String key : List.of("s1-q1", "s1-q2", "s2-q1", "s2-q2")) {
            put(late.token(), key, complete("good"), 200);
        }
        given().contentType(ContentType.JSON).body(Map.of("name", "Ann", "role", "Manager", "email", "ann@x.test"))
                .when().post("/api/v1/respond/" + late.token() + "/submit").then().statusCode(200).body("late", equalTo(true));

        ReturnScenario.Opened closed = scenario.create();
        scenario.dates(closed.roundId(), LocalDate.of(2018, 3, 1), LocalDate.of(2018, 3, 31), LocalDate.of(2018, 4, 30));
        given().when().get("/api/v1/respond/" + closed.token()).then().statusCode(200).body("status", equalTo("not-started"));
        given().contentType(ContentType.JSON).body(complete("good")).when().put("/api/v1/respond/" + closed.token() + "/answers/s1-q1")
                .then().statusCode(423).body("message", containsString("closed on 30 April 2018"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Ann", "role", "Manager", "email", "ann@x.test"))
                .when().post("/api/v1/respond/" + closed.token() + "/submit").then().statusCode(423);
    }

    @Test
    void theLastRoundsAnswersAreCarriedForwardAndCountAsUnansweredUntilConfirmed() {
        ReturnScenario.Opened o = scenario.create();
        long earlier = scenario.earlierRound(o);
        Return previous = scenario.returnIn(earlier, o.agencyId());
        fixtures.submit(previous, Map.of("s1-q1", Grade.NOT_APPLICABLE), Instant.parse("2017-06-01T09:00:00Z"));

        given().when().get("/api/v1/respond/" + o.token()).then().statusCode(200)
                .body("standards[0].status", equalTo("not-started"))
                .body("standards[0].questions[0].answer.grade", equalTo("not-applicable"))
                .body("standards[0].questions[0].answer.naReason", equalTo("We do not provide this service."))
                .body("standards[0].questions[0].answer.carriedForward", equalTo(true))
                .body("standards[0].questions[1].answer.evidence", equalTo("Policy and training records seen."));
        given().contentType(ContentType.JSON).body(Map.of("name", "Ann", "role", "Manager", "email", "ann@x.test"))
                .when().post("/api/v1/respond/" + o.token() + "/submit").then().statusCode(422)
                .body("incomplete", hasSize(4)).body("incomplete[0].problem", containsString("last return"));
        assertEquals(0, progress.percentComplete(List.of(o.returnId())).get(o.returnId()));

        Answer carried = scenario.answer(o.returnId(), "s1-q1");
        Map<String, Object> confirm = new HashMap<>();
        confirm.put("grade", "not-applicable");
        confirm.put("naReason", carried.naReason);
        confirm.put("version", carried.seenVersion());
        put(o.token(), "s1-q1", confirm, 200);
        assertFalse(scenario.answer(o.returnId(), "s1-q1").carriedForward);
        assertEquals(25, progress.percentComplete(List.of(o.returnId())).get(o.returnId()));
    }

    @Test
    void percentCompleteIsComputedForManyReturnsAtOnce() {
        ReturnScenario.Opened a = scenario.create();
        ReturnScenario.Opened b = scenario.create();
        put(a.token(), "s1-q1", complete("good"), 200);
        put(a.token(), "s1-q2", complete("requires-improvement"), 200);
        put(a.token(), "s2-q1", answer("good", "", 0), 200);
        Map<Long, Integer> percents = progress.percentComplete(List.of(a.returnId(), b.returnId()));
        assertEquals(50, percents.get(a.returnId()));
        assertEquals(0, percents.get(b.returnId()));
    }

    @Test
    void theManagerReopensASubmittedReturnWithAReasonAndReplacesItsLink() {
        ReturnScenario.Opened o = scenario.create();
        for (String key : List.of("s1-q1", "s1-q2", "s2-q1", "s2-q2")) {
            put(o.token(), key, complete("good"), 200);
        }
        given().contentType(ContentType.JSON).body(Map.of("name", "Ann", "role", "Manager", "email", "ann@x.test"))
                .when().post("/api/v1/respond/" + o.token() + "/submit").then().statusCode(200);
        staff.reopen(o.returnId(), "Evidence for standard 2 is missing its dates", "manager@test.local");
        Return r = scenario.reload(o.returnId());
        assertEquals(ReturnStatus.IN_PROGRESS, r.status);
        assertNull(r.submittedAt);
        assertTrue(events.reopened.contains(o.returnId()));
        assertTrue(scenario.history(o.returnId()).stream()
                .anyMatch(e -> e.kind.equals("reopened") && e.detail.contains("missing its dates") && e.detail.contains("Ann")));
        assertTrue(scenario.outbox(o.returnId()).stream().anyMatch(m -> m.kind.equals("return-reopened") && m.to.equals("ann@x.test")));
        put(o.token(), "s2-q2", answer("outstanding", "Better evidence", scenario.answer(o.returnId(), "s2-q2").seenVersion()), 200);

        staff.sendNewLink(o.returnId(), true, "link-replaced", "manager@test.local");
        given().when().get("/api/v1/respond/" + o.token()).then().statusCode(404)
                .body("message", containsString(r.round.partnership.contactEmail));
        OutboxMessage link = scenario.outbox(o.returnId()).stream().filter(m -> m.kind.equals("return-link")).findFirst().orElseThrow();
        assertFalse(link.bodyText.contains("/respond/"), "the stored body holds no link");
        String newToken = link.linkUrl.substring(link.linkUrl.lastIndexOf('/') + 1);
        given().when().get("/api/v1/respond/" + newToken).then().statusCode(200).body("status", equalTo("in-progress"));
    }

    @Test
    void aWrongTokenIs404AndRepeatedBadTokensFromOneAddressAreSlowedDown() {
        ReturnScenario.Opened o = scenario.create();
        String client = "203.0.113." + (int) (Math.random() * 250);
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", client).when().get("/api/v1/respond/not-a-real-token-at-all-" + i)
                    .then().statusCode(404).body("message", containsString("not valid"));
        }
        given().header("X-Forwarded-For", client).when().get("/api/v1/respond/" + o.token())
                .then().statusCode(429).header("Retry-After", notNullValue());
        given().header("X-Forwarded-For", client).when().get("/respond/" + o.token())
                .then().statusCode(429).contentType(ContentType.HTML);
        given().when().get("/api/v1/respond/" + o.token()).then().statusCode(200);
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

}

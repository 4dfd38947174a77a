package org.compactaudit.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.response.Answer;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnFigureTally;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.security.Role;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.ToolVersion;

@QuarkusTest
class ReturnsDashboardTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    @Inject
    ReturnsDashboard dashboard;

    @Inject
    ReturnFigureTally figureTally;

    @Test
    void ratesAndStatusesMatchTheFiguresComputedByHand() {
        ToolVersion tool = fixtures.tool(1, 2);
        Partnership partnership = fixtures.partnership();
        AuditRound round = fixtures.round(partnership, tool);
        Instant onTime = Instant.parse("2018-06-01T10:00:00Z");
        Instant late = Instant.parse("2018-07-05T10:00:00Z");
        fixtures.submit(fixtures.returnFor(round, fixtures.agency("school", CycleGroup.A, partnership)), Map.of(), onTime);
        fixtures.submit(fixtures.returnFor(round, fixtures.agency("school", CycleGroup.A, partnership)), Map.of(), late);
        Agency halfDone = fixtures.agency("school", CycleGroup.A, partnership);
        Return inProgress = fixtures.returnFor(round, halfDone);
        fixtures.returnFor(round, fixtures.agency("voluntary-community", CycleGroup.A, partnership));
        fixtures.returnFor(round, fixtures.agency("voluntary-community", CycleGroup.A, partnership));
        Return exempt = fixtures.returnFor(round, fixtures.agency("voluntary-community", CycleGroup.A, partnership));
        fixtures.submit(fixtures.returnFor(round, fixtures.agency("health", CycleGroup.A, partnership)), Map.of(), onTime);
        QuarkusTransaction.requiringNew().run(() -> {
            Return.<Return>findById(exempt.id).exemptReason = "Merged with another agency";
            figureTally.recount(round.id);
            Return r = Return.findById(inProgress.id);
            r.status = ReturnStatus.IN_PROGRESS;
            r.firstOpenedAt = Instant.parse("2018-04-05T10:00:00Z");
            Answer answer = new Answer();
            answer.agencyReturn = r;
            answer.question = Question.find("standard.toolVersion.id = ?1 and key = ?2", tool.id, "s1-q2").firstResult();
            answer.grade = Grade.GOOD;
            answer.evidence = "Policy";
            answer.updatedAt = Instant.parse("2018-04-05T10:00:00Z");
            answer.persist();
        });

        ReturnsDashboard.RoundFigures figures = QuarkusTransaction.requiringNew().call(
                () -> dashboard.figures(List.of(AuditRound.findById(round.id))).get(round.id));
        assertEquals("3 of 6 – 50%", figures.overall().getReturnRate());
        assertEquals("2 of 6 – 33%", figures.overall().getOnTimeRate());
        assertEquals("2 of 3 – 67%", figures.sector("school").getReturnRate());
        assertEquals("1 of 3 – 33%", figures.sector("school").getOnTimeRate());
        assertEquals("0 of 2 – 0%", figures.sector("voluntary-community").getReturnRate());
        assertEquals("2 of 3 – 67%", figures.nonReturnerShare("voluntary-community"));
        assertEquals("1 of 3 – 33%", figures.nonReturnerShare("school"));

        String mesc = users.create(Role.MESC);
        given().auth().preemptive().basic(mesc, TestUsers.PASSWORD).get("/api/v1/rounds/" + round.id + "/returns")
                .then().statusCode(200)
                .body("size()", equalTo(7))
                .body("findAll { it.status == 'submitted' }.size()", equalTo(3))
                .body("findAll { it.late }.size()", equalTo(1))
                .body("findAll { it.status == 'exempt' }.size()", equalTo(1))
                .body("findAll { it.status == 'invited' }.size()", equalTo(2))
                .body("find { it.agencyId == " + halfDone.id + " }.status", equalTo("in-progress"))
                .body("find { it.agencyId == " + halfDone.id + " }.percentComplete", equalTo(50));
        given().auth().preemptive().basic(mesc, TestUsers.PASSWORD)
                .get("/api/v1/rounds/" + round.id + "/returns?sector=voluntary-community&status=invited")
                .then().statusCode(200).body("size()", equalTo(2)).header("X-Total-Count", "2");
        // After the closing date, a missing return reads "not returned".
        var page = QuarkusTransaction.requiringNew().call(() -> dashboard.page(AuditRound.findById(round.id), "voluntary-community",
                "not-returned", 1, 50, LocalDate.of(2018, 8, 1)));
        assertEquals(2, page.total());
    }
}

package org.compactaudit.moderation;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.security.Role;
import org.compactaudit.security.StaffUser;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.ToolVersion;

/** A fresh round with submitted returns and staff for one moderation test. */
@ApplicationScoped
public class ModerationScenario {

    public static final Instant SUBMITTED_AT = Instant.parse("2018-06-20T10:00:00Z");

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    public static final class Round {
        public AuditRound round;
        public ToolVersion tool;
        public Partnership partnership;
        public final List<Return> returns = new ArrayList<>();
        public String manager;
        public String moderator;
        public long managerId;
        public long moderatorId;
    }

    /** A round on a tool of {@code standards} × 2 questions, with staff; add returns with {@link #submitted}. */
    public Round round(int standards) {
        Round r = new Round();
        r.tool = fixtures.tool(standards, 2);
        r.partnership = fixtures.partnership();
        r.round = fixtures.round(r.partnership, r.tool);
        r.manager = users.create(Role.MANAGER);
        r.moderator = users.create(Role.MODERATOR);
        r.managerId = userId(r.manager);
        r.moderatorId = userId(r.moderator);
        return r;
    }

    public Return submitted(Round r, String sector, Map<String, Grade> grades) {
        Agency agency = fixtures.agency(sector, CycleGroup.A, r.partnership);
        Return submitted = fixtures.submit(fixtures.returnFor(r.round, agency), grades, SUBMITTED_AT);
        r.returns.add(submitted);
        return submitted;
    }

    public Return notSubmitted(Round r, String sector) {
        return fixtures.returnFor(r.round, fixtures.agency(sector, CycleGroup.A, r.partnership));
    }

    public static long userId(String email) {
        return QuarkusTransaction.requiringNew().call(() -> StaffUser.findByEmail(email).orElseThrow().id);
    }

    public static RequestSpecification as(String email) {
        return given().auth().preemptive().basic(email, TestUsers.PASSWORD).contentType(ContentType.JSON);
    }

    public static ModerationVisit visitOf(long returnId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModerationVisit visit = ModerationVisit.find("agencyReturn.id", returnId).firstResult();
            return visit;
        });
    }

    public static long visitIdOf(long returnId) {
        ModerationVisit visit = visitOf(returnId);
        if (visit == null) {
            throw new AssertionError("No visit for return " + returnId);
        }
        return visit.id;
    }
}

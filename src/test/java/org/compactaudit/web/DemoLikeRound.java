package org.compactaudit.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.moderation.Actor;
import org.compactaudit.moderation.ModerationScenario;
import org.compactaudit.moderation.ModerationVisit;
import org.compactaudit.moderation.Sampling;
import org.compactaudit.moderation.Visits;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.response.AnswerInput;
import org.compactaudit.response.Answering;
import org.compactaudit.response.ReturnScenario;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.security.Role;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.ToolVersion;

/**
 * What a partnership looks like a month into its first round, as the demo shows it: staff of the partnership
 * (the admin installation-wide), a sent round with submitted, in-progress and unopened returns, a drawn sample
 * and a planned visit that emailed the agency.
 */
@ApplicationScoped
public class DemoLikeRound {

    /** Before the tests' fixed clock (1 May 2018), as a return submitted early in the round. */
    private static final Instant SUBMITTED_AT = Instant.parse("2018-04-20T10:00:00Z");

    public record Data(String manager, String mesc, String moderator, String admin, String inProgressToken,
            String submittedToken, long roundId) {
    }

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    @Inject
    ReturnScenario returns;

    @Inject
    Answering answering;

    @Inject
    Sampling sampling;

    @Inject
    Visits visits;

    public Data create() {
        ToolVersion tool = fixtures.tool(3, 2);
        Partnership partnership = fixtures.partnership();
        AuditRound round = fixtures.round(partnership, tool);
        String manager = staff(Role.MANAGER, partnership);
        String mesc = staff(Role.MESC, partnership);
        String moderator = staff(Role.MODERATOR, partnership);
        String admin = users.create(Role.ADMIN);

        List<Return> submitted = List.of(
                submitted(round, partnership, "school", Map.of("s2-q2", Grade.REQUIRES_IMPROVEMENT)),
                submitted(round, partnership, "health", Map.of("s1-q1", Grade.NOT_APPLICABLE)),
                submitted(round, partnership, "early-years", Map.of("s3-q1", Grade.INADEQUATE)),
                submitted(round, partnership, "gp-practice", Map.of("s1-q2", Grade.OUTSTANDING)));
        String submittedToken = returns.issue(submitted.get(0).id);

        Return inProgress = fixtures.returnFor(round, agency("statutory", partnership));
        String inProgressToken = returns.issue(inProgress.id);
        answering.save(inProgressToken, "s1-q1", new AnswerInput("good", "Safer recruitment policy seen.", null, null, null));
        answering.save(inProgressToken, "s1-q2", new AnswerInput("requires-improvement", "Refresher overdue.",
                null, new AnswerInput.Action("Refresher training", "Deputy head", LocalDate.of(2018, 12, 31)), null));

        for (String sector : List.of("voluntary-community", "faith")) {
            returns.issue(fixtures.returnFor(round, agency(sector, partnership)).id);
        }

        sampling.draw(round.id, new Sampling.SampleRequest(Sampling.FIXED, 2, null, null, 2018L), manager);
        long visitId = QuarkusTransaction.requiringNew().call(() ->
                ModerationVisit.<ModerationVisit>find("round.id = ?1 order by id", round.id).firstResult().id);
        visits.plan(visitId, new Visits.VisitPlan(LocalDate.of(2018, 9, 12), "The agency's office",
                List.of(ModerationScenario.userId(manager), ModerationScenario.userId(moderator))),
                new Actor(manager, true, false));
        return new Data(manager, mesc, moderator, admin, inProgressToken, submittedToken, round.id);
    }

    private Return submitted(AuditRound round, Partnership partnership, String sector, Map<String, Grade> grades) {
        return fixtures.submit(fixtures.returnFor(round, agency(sector, partnership)), grades, SUBMITTED_AT);
    }

    private Agency agency(String sector, Partnership partnership) {
        return fixtures.agency(sector, CycleGroup.A, partnership);
    }

    /** A staff user who works for the partnership, as every demo user but the admin does. */
    private String staff(String role, Partnership partnership) {
        return users.member(partnership, role);
    }
}

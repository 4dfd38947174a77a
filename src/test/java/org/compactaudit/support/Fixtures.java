package org.compactaudit.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.agency.Sector;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.response.Answer;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.CohortChanged;
import org.compactaudit.round.CohortReason;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.round.ReturnSubmitted;
import org.compactaudit.security.StaffUser;
import org.compactaudit.security.StaffUserChanged;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.Standard;
import org.compactaudit.tool.ToolVersion;

/**
 * Fresh, uniquely named data for one test: a small tool version whose figures are easy to compute by hand,
 * partnerships, agencies, rounds and returns. Nothing here depends on data another test made.
 */
@ApplicationScoped
public class Fixtures {

    @Inject
    Event<ReturnSubmitted> submitted;

    @Inject
    Event<CohortChanged> cohortChanged;

    @Inject
    Event<StaffUserChanged> staffChanged;

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A tool version with standards {@code s1..sN}, each with questions {@code s1-q1..}; the first question of
     * every standard allows Not applicable. Sectors: every sector.
     */
    @Transactional
    public ToolVersion tool(int standards, int questionsPerStandard) {
        ToolVersion tool = new ToolVersion();
        tool.toolKey = unique("fixture-tool");
        tool.version = "2018-19";
        tool.variant = "full";
        tool.title = "Fixture tool " + tool.toolKey;
        tool.contentHash = "0".repeat(64);
        tool.sourceName = "fixture";
        tool.sourceYaml = "# built by the test fixture";
        tool.publishedAt = Instant.parse("2018-04-01T09:00:00Z");
        Sector.<Sector>listAll().forEach(s -> tool.sectors.add(s.code));
        for (int s = 1; s <= standards; s++) {
            Standard standard = new Standard();
            standard.toolVersion = tool;
            standard.key = "s" + s;
            standard.title = "Standard " + s;
            standard.description = "Fixture standard " + s;
            standard.position = s;
            for (int q = 1; q <= questionsPerStandard; q++) {
                Question question = new Question();
                question.standard = standard;
                question.key = "s" + s + "-q" + q;
                question.text = "Question " + q + " of standard " + s + "?";
                question.naAllowed = q == 1;
                question.position = q;
                question.guidanceOutstanding = "Outstanding looks like this.";
                question.guidanceGood = "Good looks like this.";
                question.guidanceRequiresImprovement = "Requires Improvement looks like this.";
                question.guidanceInadequate = "Inadequate looks like this.";
                standard.questions.add(question);
            }
            tool.standards.add(standard);
        }
        tool.persist();
        return tool;
    }

    @Transactional
    public Partnership partnership() {
        Partnership partnership = new Partnership();
        partnership.code = unique("p");
        partnership.name = "Partnership " + partnership.code;
        partnership.contactName = "Pat Manager";
        partnership.contactEmail = partnership.code + "@partnership.test";
        partnership.persist();
        Partnership.getEntityManager().flush();
        Partnership.getEntityManager().createNativeQuery("insert into staff_partnership (staff_user_id, partnership_id)"
                + " select id, :p from staff_user where email like :every")
                .setParameter("p", partnership.id).setParameter("every", TestUsers.EVERY_PARTNERSHIP + "%").executeUpdate();
        // As an admin's change would: a sign-in cached before does not miss the new partnership.
        StaffUser.<StaffUser>list("email like ?1", TestUsers.EVERY_PARTNERSHIP + "%")
                .forEach(u -> staffChanged.fire(new StaffUserChanged(u.email)));
        return partnership;
    }

    @Transactional
    public Agency agency(String sectorCode, CycleGroup group, Partnership partnership) {
        Agency agency = new Agency();
        agency.name = unique("Agency");
        agency.sector = Sector.findById(sectorCode);
        agency.cycleGroup = group;
        agency.leadName = "Lee Lead";
        agency.leadEmail = agency.name.toLowerCase() + "@agency.test";
        agency.seniorName = "Sam Senior";
        agency.seniorEmail = "senior-" + agency.name.toLowerCase() + "@agency.test";
        if (partnership != null) {
            agency.partnerships.add(Partnership.findById(partnership.id));
        }
        agency.createdAt = Instant.parse("2018-01-01T09:00:00Z");
        agency.updatedAt = agency.createdAt;
        agency.persist();
        return agency;
    }

    /** A sent round that gives every sector the tool, opening 2018-04-01, due 2018-06-30, closing 2018-07-31. */
    @Transactional
    public AuditRound round(Partnership partnership, ToolVersion tool) {
        AuditRound round = new AuditRound();
        round.partnership = Partnership.findById(partnership.id);
        round.name = unique("Round");
        round.cycleGroup = CycleGroup.A;
        round.opensOn = LocalDate.of(2018, 4, 1);
        round.dueOn = LocalDate.of(2018, 6, 30);
        round.closesOn = LocalDate.of(2018, 7, 31);
        round.status = org.compactaudit.round.RoundStatus.SENT;
        round.sentAt = Instant.parse("2018-04-01T09:00:00Z");
        round.createdAt = round.sentAt;
        ToolVersion managed = ToolVersion.findById(tool.id);
        managed.sectors.forEach(sector -> round.tools.put(sector, managed));
        round.persist();
        return round;
    }

    @Transactional
    public Return returnFor(AuditRound round, Agency agency) {
        Return r = new Return();
        r.round = AuditRound.findById(round.id);
        r.agency = Agency.findById(agency.id);
        r.toolVersion = r.round.tools.get(r.agency.sector.code);
        r.cohortReason = CohortReason.CYCLE_GROUP;
        r.invitedAt = round.sentAt;
        r.persist();
        // A return joins a round only through its cohort, which recounts the round's return figures.
        cohortChanged.fire(new CohortChanged(round.id));
        return r;
    }

    /**
     * Answers every applicable question, grading by question key (others Good), and submits the return
     * as the return feature would, firing {@link ReturnSubmitted}.
     */
    @Transactional
    public Return submit(Return agencyReturn, Map<String, Grade> gradesByQuestionKey, Instant at) {
        Return r = Return.findById(agencyReturn.id);
        for (Standard standard : r.toolVersion.standards) {
            for (Question question : standard.questions) {
                if (!question.appliesTo(r.agency.sector.code)) {
                    continue;
                }
                Answer answer = new Answer();
                answer.agencyReturn = r;
                answer.question = question;
                answer.grade = gradesByQuestionKey.getOrDefault(question.key, Grade.GOOD);
                answer.evidence = answer.grade.isGraded() ? "Policy and training records seen." : null;
                answer.naReason = answer.grade.isGraded() ? null : "We do not provide this service.";
                if (answer.grade.needsAction()) {
                    answer.actionWhat = "Review and retrain";
                    answer.actionOwner = "Lee Lead";
                    answer.actionDue = LocalDate.of(2018, 12, 31);
                }
                answer.updatedAt = at;
                answer.persist();
            }
        }
        r.status = ReturnStatus.SUBMITTED;
        r.submittedAt = at;
        r.late = at.isAfter(r.round.dueOn.plusDays(1).atStartOfDay(org.compactaudit.common.ClockProducer.ZONE).toInstant());
        r.submittedByName = "Lee Lead";
        r.submittedByRole = "Designated safeguarding lead";
        r.submittedByEmail = r.agency.leadEmail;
        submitted.fire(new ReturnSubmitted(r.id));
        return r;
    }
}

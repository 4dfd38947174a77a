package org.compactaudit.response;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.mail.OutboxMessage;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnLinks;
import org.compactaudit.support.Fixtures;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.ToolVersion;

/** A fresh return with a live link for one test: the fixture tool (2 standards x 2 questions), a school (or another sector), a sent round. */
@ApplicationScoped
public class ReturnScenario {

    public record Opened(long returnId, String token, long roundId, long agencyId, long toolId, long partnershipId) {
    }

    @Inject
    Fixtures fixtures;

    @Inject
    ReturnLinks links;

    public Opened create() {
        return create("school");
    }

    public Opened create(String sector) {
        ToolVersion tool = fixtures.tool(2, 2);
        Partnership partnership = fixtures.partnership();
        Agency agency = fixtures.agency(sector, CycleGroup.A, partnership);
        AuditRound round = fixtures.round(partnership, tool);
        Return r = fixtures.returnFor(round, agency);
        return new Opened(r.id, issue(r.id), round.id, agency.id, tool.id, partnership.id);
    }

    @Transactional
    public String issue(long returnId) {
        String url = links.issue(Return.findById(returnId), "invitation");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Transactional
    public void dates(long roundId, LocalDate opens, LocalDate due, LocalDate closes) {
        AuditRound round = AuditRound.findById(roundId);
        round.opensOn = opens;
        round.dueOn = due;
        round.closesOn = closes;
    }

    /** Restricts a question of the tool to sectors (the fixture's questions apply to all). */
    @Transactional
    public void onlyFor(long toolId, String questionKey, String... sectors) {
        Question q = Question.find("standard.toolVersion.id = ?1 and key = ?2", toolId, questionKey).firstResult();
        q.sectors.clear();
        q.sectors.addAll(Set.of(sectors));
    }

    @Transactional
    public Return reload(long returnId) {
        Return r = Return.findById(returnId);
        r.round.partnership.name.length();
        r.agency.name.length();
        return r;
    }

    @Transactional
    public List<OutboxMessage> outbox(long returnId) {
        List<OutboxMessage> messages = OutboxMessage.list("returnId = ?1 order by id", returnId);
        messages.forEach(m -> java.util.Objects.hashCode(m.attachment));
        return messages;
    }

    @Transactional
    public List<ReturnEvent> history(long returnId) {
        return ReturnEvent.list("agencyReturn.id = ?1 order by id", returnId);
    }

    @Transactional
    public Answer answer(long returnId, String questionKey) {
        return Answer.find("agencyReturn.id = ?1 and question.key = ?2", returnId, questionKey).firstResult();
    }

    /** A round of the same partnership a year earlier, with the same tool. */
    @Transactional
    public long earlierRound(Opened o) {
        AuditRound round = fixtures.round(fixtures.partnership(), ToolVersion.findById(o.toolId()));
        moveBack(round.id, o.partnershipId());
        return round.id;
    }

    @Transactional
    void moveBack(long roundId, long partnershipId) {
        AuditRound round = AuditRound.findById(roundId);
        round.partnership = Partnership.findById(partnershipId);
        round.opensOn = LocalDate.of(2017, 4, 1);
        round.dueOn = LocalDate.of(2017, 6, 30);
        round.closesOn = LocalDate.of(2017, 7, 31);
    }

    @Transactional
    public Return returnIn(long roundId, long agencyId) {
        return fixtures.returnFor(AuditRound.findById(roundId), Agency.findById(agencyId));
    }
}

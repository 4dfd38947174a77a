package org.compactaudit.chasing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.common.DomainException;
import org.compactaudit.mail.OutboxDelivery;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.GreenMailResource;
import org.compactaudit.tool.ToolVersion;

/** The round from Fixtures is due 2018-06-30: chasers on 16 June, 27 June, 1, 8 and 15 July; escalation on 22 July. */
@QuarkusTest
class ChasingTest {

    @Inject
    Fixtures fixtures;

    @Inject
    ChasingService chasing;

    @Inject
    OutboxDelivery delivery;

    @Test
    void chasersGoOnTheirDatesOnlyToAgenciesThatHaveNotSubmittedAndOnlyOnce() throws Exception {
        ToolVersion tool = fixtures.tool(1, 1);
        Partnership partnership = fixtures.partnership();
        AuditRound round = fixtures.round(partnership, tool);
        Agency late = fixtures.agency("voluntary-community", CycleGroup.A, partnership);
        Agency returned = fixtures.agency("school", CycleGroup.A, partnership);
        Agency exempt = fixtures.agency("faith", CycleGroup.A, partnership);
        Return lateReturn = fixtures.returnFor(round, late);
        fixtures.submit(fixtures.returnFor(round, returned), Map.of(), Instant.parse("2018-06-01T10:00:00Z"));
        Return exemptReturn = fixtures.returnFor(round, exempt);
        QuarkusTransaction.requiringNew().run(() -> Return.<Return>findById(exemptReturn.id).exemptReason = "Closed");

        assertEquals(new ChasingService.RunResult(0, 0), chasing.run(round.id, LocalDate.of(2018, 6, 15)));
        assertEquals(new ChasingService.RunResult(1, 0), chasing.run(round.id, LocalDate.of(2018, 6, 16)));
        assertEquals(new ChasingService.RunResult(0, 0), chasing.run(round.id, LocalDate.of(2018, 6, 16)));
        assertEquals(new ChasingService.RunResult(0, 0), chasing.run(round.id, LocalDate.of(2018, 6, 20)));
        delivery.drain();
        List<MimeMessage> received = GreenMailResource.receivedBy(late.leadEmail);
        assertEquals(1, received.size());
        assertTrue(received.get(0).getSubject().startsWith("Reminder:"), received.get(0).getSubject());
        assertEquals(partnership.contactEmail, received.get(0).getReplyTo()[0].toString());
        assertEquals(0, GreenMailResource.receivedBy(returned.leadEmail).size());
        assertEquals(0, GreenMailResource.receivedBy(exempt.leadEmail).size());

        assertEquals(new ChasingService.RunResult(1, 0), chasing.run(round.id, LocalDate.of(2018, 7, 2)));
        delivery.drain();
        assertTrue(GreenMailResource.receivedBy(late.leadEmail).get(1).getSubject().startsWith("Overdue:"));
        List<String> keys = QuarkusTransaction.requiringNew().call(() -> Chaser.<Chaser>list("returnId = ?1 order by id", lateReturn.id)
                .stream().map(c -> c.stepKey + " " + c.template + " " + c.recipient).toList());
        assertEquals(List.of("due-14 chaser " + late.leadEmail, "due+1 chaser " + late.leadEmail), keys);
    }

    @Test
    void afterTheLastChaserAndOneMoreIntervalTheReturnIsEscalatedWithTheChairsLetterDrafted() {
        ToolVersion tool = fixtures.tool(1, 1);
        Partnership partnership = fixtures.partnership();
        AuditRound round = fixtures.round(partnership, tool);
        Agency agency = fixtures.agency("voluntary-community", CycleGroup.A, partnership);
        Return missing = fixtures.returnFor(round, agency);

        assertEquals(new ChasingService.RunResult(1, 0), chasing.run(round.id, LocalDate.of(2018, 7, 21)));
        assertEquals(new ChasingService.RunResult(0, 1), chasing.run(round.id, LocalDate.of(2018, 7, 22)));
        assertEquals(new ChasingService.RunResult(0, 0), chasing.run(round.id, LocalDate.of(2018, 7, 29)));
        Escalation escalation = QuarkusTransaction.requiringNew().call(() -> Escalation.<Escalation>find("returnId", missing.id).firstResult());
        assertTrue(escalation.letterText.startsWith("Dear Sam Senior,"), escalation.letterText);
        assertTrue(escalation.letterText.contains("despite 1 reminder to Lee Lead"), escalation.letterText);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Return.<Return>findById(missing.id).escalatedAt) != null);

        chasing.updateEscalation(missing.id, "Dear Ms Senior, ...", LocalDate.of(2018, 8, 14), "Agreed to return by September");
        Escalation updated = QuarkusTransaction.requiringNew().call(() -> Escalation.<Escalation>find("returnId", missing.id).firstResult());
        assertEquals(LocalDate.of(2018, 8, 14), updated.meetingOn);
        assertEquals("Agreed to return by September", updated.outcome);
        assertThrows(DomainException.class, () -> chasing.updateEscalation(missing.id, " ", null, null));
    }

    @Test
    void twoRunsAtTheSameMomentSendEachChaserOnce() throws Exception {
        ToolVersion tool = fixtures.tool(1, 1);
        Partnership partnership = fixtures.partnership();
        AuditRound round = fixtures.round(partnership, tool);
        for (int i = 0; i < 30; i++) {
            fixtures.returnFor(round, fixtures.agency("school", CycleGroup.A, partnership));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<ChasingService.RunResult> run = () -> chasing.run(round.id, LocalDate.of(2018, 6, 27));
            List<Future<ChasingService.RunResult>> results = new ArrayList<>(pool.invokeAll(List.of(run, run)));
            int queued = results.get(0).get().chasersQueued() + results.get(1).get().chasersQueued();
            assertEquals(30, queued);
        } finally {
            pool.shutdown();
        }
        long chasers = QuarkusTransaction.requiringNew().call(() -> Chaser.count(
                "returnId in (select r.id from Return r where r.round.id = ?1)", round.id));
        assertEquals(30, chasers);
    }

    @Test
    void theManagerChasesOneAgencyOrTheLateAgenciesOfASectorWithRepliesToThemselves() throws Exception {
        ToolVersion tool = fixtures.tool(1, 1);
        Partnership partnership = fixtures.partnership();
        AuditRound round = fixtures.round(partnership, tool);
        Agency one = fixtures.agency("health", CycleGroup.A, partnership);
        Agency nurseryA = fixtures.agency("early-years", CycleGroup.A, partnership);
        Agency nurseryB = fixtures.agency("early-years", CycleGroup.A, partnership);
        Agency submitted = fixtures.agency("early-years", CycleGroup.A, partnership);
        Return oneReturn = fixtures.returnFor(round, one);
        fixtures.returnFor(round, nurseryA);
        fixtures.returnFor(round, nurseryB);
        fixtures.submit(fixtures.returnFor(round, submitted), Map.of(), Instant.parse("2018-06-01T10:00:00Z"));

        chasing.chaseNow(oneReturn.id, "manager@partnership.test", LocalDate.of(2018, 5, 1));
        assertThrows(DomainException.class, () -> chasing.chaseLateInSector(round.id, "early-years", "manager@partnership.test",
                LocalDate.of(2018, 6, 30)));
        assertEquals(2, chasing.chaseLateInSector(round.id, "early-years", "manager@partnership.test", LocalDate.of(2018, 7, 3)));
        delivery.drain();
        MimeMessage manual = GreenMailResource.receivedBy(one.leadEmail).get(0);
        assertEquals("manager@partnership.test", manual.getReplyTo()[0].toString());
        assertEquals(1, GreenMailResource.receivedBy(nurseryB.leadEmail).size());
        assertEquals(0, GreenMailResource.receivedBy(submitted.leadEmail).size());
    }
}

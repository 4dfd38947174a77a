package org.compactaudit.bench;

import static io.restassured.RestAssured.given;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.compactaudit.mail.OutboxDelivery;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.RoundSending;
import org.compactaudit.round.RoundService;
import org.compactaudit.security.Role;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.ToolVersion;

/**
 * Not part of the test suite (the name does not match surefire's includes). Run with
 * {@code ./mvnw test -Dtest=RoundsBenchmark -Dsurefire.failIfNoSpecifiedTests=false} (add the COMPACT_TEST_DB_* variables
 * for MariaDB). Prints: queueing 10,000 invitations, draining the outbox into GreenMail with the heap used, and the
 * dashboard's p95 for the 10,000-agency round.
 */
@QuarkusTest
class RoundsBenchmark {

    private static final int AGENCIES = Integer.getInteger("bench.agencies", 10_000);

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    @Inject
    RoundService rounds;

    @Inject
    RoundSending sending;

    @Inject
    OutboxDelivery delivery;

    @Inject
    DataSource dataSource;

    @Test
    void queueDrainAndDashboardForTenThousandAgencies() throws Exception {
        ToolVersion tool = fixtures.tool(12, 6);
        Partnership partnership = fixtures.partnership();
        long seedStart = System.nanoTime();
        seed(partnership.id);
        System.out.printf("BENCH seeded %d agencies in %d ms%n", AGENCIES, (System.nanoTime() - seedStart) / 1_000_000);

        long createStart = System.nanoTime();
        AuditRound round = rounds.create(new RoundService.RoundInput("Bench " + Fixtures.unique("r"), partnership.code, "A",
                LocalDate.of(2018, 4, 1), LocalDate.of(2018, 6, 30), LocalDate.of(2018, 7, 31),
                tools(tool), null), "bench");
        System.out.printf("BENCH created the round with its cohort in %d ms%n", (System.nanoTime() - createStart) / 1_000_000);

        long sendStart = System.nanoTime();
        RoundSending.SendResult sent = sending.send(round.id);
        System.out.printf("BENCH queued %d invitations in %d ms%n", sent.invited(), (System.nanoTime() - sendStart) / 1_000_000);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        sampler.start();
        long drainStart = System.nanoTime();
        OutboxDelivery.DrainResult drained = delivery.drain();
        long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;
        sampler.interrupt();
        System.out.printf("BENCH drained %d messages (%d failed) into GreenMail in %d ms (%.0f/s); heap used before %d MB, peak %d MB, max %d MB%n",
                drained.sent(), drained.failed(), drainMillis, drained.sent() * 1000.0 / Math.max(1, drainMillis),
                before >> 20, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);

        String manager = users.create(Role.MANAGER);
        String cookie = signIn(manager);
        for (String path : List.of("/rounds/" + round.id, "/rounds/" + round.id + "?page=100",
                "/rounds/" + round.id + "?sector=school&status=invited&page=20")) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                long start = System.nanoTime();
                Response response = given().cookie("compact-audit-session", cookie).redirects().follow(false).get(path);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + response.statusCode());
                }
                if (i >= 20) {
                    times.add((System.nanoTime() - start) / 1_000);
                }
            }
            Collections.sort(times);
            System.out.printf("BENCH dashboard %s: median %.1f ms, p95 %.1f ms (100 requests after 20 warm-up)%n", path,
                    times.get(times.size() / 2) / 1000.0, times.get((int) (times.size() * 0.95)) / 1000.0);
        }
    }

    /** The one tool for every sector the agencies are in. */
    private static java.util.Map<String, String> tools(ToolVersion tool) {
        java.util.Map<String, String> tools = new java.util.HashMap<>();
        BenchData.SECTORS.forEach(sector -> tools.put(sector, tool.reference()));
        return tools;
    }

    private String signIn(String email) {
        Response login = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", email).formParam("j_password", TestUsers.PASSWORD).post("/j_security_check");
        String cookie = login.getCookie("compact-audit-session");
        if (cookie == null) {
            throw new IllegalStateException("Sign-in failed: " + login.statusCode());
        }
        return cookie;
    }

    private void seed(long partnershipId) throws Exception {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            long first;
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM agency")) {
                rs.next();
                first = rs.getLong(1) + 1;
            }
            // Sectors at a directory's unequal sizes, from a seeded source: the same agencies on every run.
            BenchData data = new BenchData(10_000L);
            try (PreparedStatement a = db.prepareStatement("INSERT INTO agency (id, name, sector_code, cycle_group, lead_name,"
                    + " lead_email, active, created_at, updated_at, version) VALUES (?, ?, ?, 'A', 'Lee', ?, TRUE,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
                    PreparedStatement link = db.prepareStatement("INSERT INTO agency_partnership (agency_id, partnership_id) VALUES (?, ?)")) {
                for (int i = 0; i < AGENCIES; i++) {
                    long id = first + i;
                    a.setLong(1, id);
                    a.setString(2, "Bench agency " + partnershipId + "-" + i);
                    a.setString(3, BenchData.SECTORS.get(data.sector()));
                    // One in fifty has no usable email, as in real directories.
                    a.setString(4, i % 50 == 0 ? null : "lead" + id + "@bench.test");
                    a.addBatch();
                    link.setLong(1, id);
                    link.setLong(2, partnershipId);
                    link.addBatch();
                    if (i % 1000 == 999) {
                        a.executeBatch();
                        link.executeBatch();
                    }
                }
                a.executeBatch();
                link.executeBatch();
            }
            db.commit();
        }
    }
}

package org.compactaudit.bench;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.compactaudit.agency.CycleGroup;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.reporting.QuestionsReports;
import org.compactaudit.reporting.ReportExports;
import org.compactaudit.reporting.ReportService;
import org.compactaudit.reporting.WideExport;
import org.compactaudit.round.AuditRound;
import org.compactaudit.security.Role;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.ToolVersion;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * National-scale benchmark of the MESC report (not part of the test suite: its name matches no surefire include).
 * Builds a 120-question tool, a round of {@code bench.returns} submitted returns and a round of 500 in the same
 * database over JDBC (no HTTP, no ORM): agencies at a directory's unequal sector sizes, every answer's grade drawn
 * from a seeded random source with realistic weights per sector, evidence of realistic length ({@link BenchData});
 * each return's standard grades derived as it is written, the tallies with INSERT ... SELECT GROUP BY. Then times,
 * alternating between the two rounds: the round report, the drill-down (service and page), every question's
 * figures (service, API with HTTP Basic, page), the workbook; then the plain GROUP BY over the answers that the
 * tallies replace, and the streamed CSV export. See docs/reporting.md for the command.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class ReportBenchmark {

    private static final int SMALL = 500;
    private static final int CHUNK = 1_000;
    private static final Timestamp AT = Timestamp.from(Instant.parse("2018-06-01T10:00:00Z"));

    /** Grades by rank for the derived standard grade: the lowest graded answer, Not applicable ignored. */
    private static final List<String> BY_RANK = List.of("inadequate", "requires-improvement", "good", "outstanding");

    private static final String PLAIN_GROUP_BY = """
            SELECT s.standard_key, q.question_key, a.sector_code, an.grade, COUNT(*)
            FROM audit_return r JOIN agency a ON a.id = r.agency_id
            JOIN answer an ON an.return_id = r.id
            JOIN question q ON q.id = an.question_id JOIN standard s ON s.id = q.standard_id
            WHERE r.round_id = ? AND r.status = 'SUBMITTED'
            GROUP BY s.standard_key, q.question_key, a.sector_code, an.grade""";

    @Inject
    Fixtures fixtures;

    @Inject
    DataSource dataSource;

    @Inject
    ReportService reports;

    @Inject
    QuestionsReports questions;

    @Inject
    ReportExports exports;

    @Inject
    TestUsers users;

    @Inject
    WideExport wideExport;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void benchmark() throws Exception {
        int returns = Integer.parseInt(System.getProperty("bench.returns", System.getenv().getOrDefault("BENCH_RETURNS", "50000")));
        int iterations = Integer.parseInt(System.getProperty("bench.iterations", "500"));
        try (Connection c = dataSource.getConnection()) {
            print("database: " + c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion()
                    + "; max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        }
        ToolVersion tool = fixtures.tool(12, 10);
        Partnership partnership = fixtures.partnership();
        AuditRound big = fixtures.round(partnership, tool);
        AuditRound small = fixtures.round(partnership, tool);
        fixedNames(tool, big, small);

        long start = System.nanoTime();
        BenchData data = new BenchData(20_181_901L);
        long answers = generate(big, tool, returns, data) + generate(small, tool, SMALL, data);
        double generateSeconds = seconds(start);
        print(String.format("generated %,d returns and %,d answers in %.1f s (%,.0f answers/s), tallies included",
                returns + SMALL, answers, generateSeconds, answers / generateSeconds));
        print(String.format("tally rows: %,d question-level, %,d standard-level, %,d Not applicable reasons",
                count("grade_tally"), count("standard_grade_tally"), count("na_reason_tally")));

        report("round report", returns, time(big.id, small.id, iterations, reports::roundReport));
        report("drill-down s1 (service)", returns, time(big.id, small.id, iterations,
                id -> reports.standardReport(id, "s1", 1)));

        report("every question (service)", returns, time(big.id, small.id, iterations, questions::questions));

        String manager = users.create(Role.MANAGER);
        String cookie = "compact-audit-session=" + signIn(manager);
        String basic = "Basic " + Base64.getEncoder().encodeToString((manager + ":" + TestUsers.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        int http = Math.min(iterations, 200);
        report("drill-down s1 page (HTTP, signed in)", returns, time(big.id, small.id, http,
                id -> get("Cookie", cookie, "rounds/" + id + "/report/standards/s1")));
        report("every question API (HTTP Basic)", returns, time(big.id, small.id, http,
                id -> get("Authorization", basic, "api/v1/rounds/" + id + "/report/questions")));
        report("every question page (HTTP, signed in)", returns, time(big.id, small.id, http,
                id -> get("Cookie", cookie, "rounds/" + id + "/report/questions")));
        report("XLSX workbook", returns, time(big.id, small.id, 20, exports::xlsx));

        double[] plain = new double[3];
        for (int i = 0; i < plain.length; i++) {
            long t = System.nanoTime();
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PLAIN_GROUP_BY)) {
                s.setLong(1, big.id);
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(5);
                    }
                }
            }
            plain[i] = (System.nanoTime() - t) / 1e6;
        }
        // Only the first run counts: H2 answers a repeated identical query over unchanged tables from a cache.
        print(String.format("plain GROUP BY over the answers of %,d returns (what the tallies replace): first run %.0f ms"
                + " (later runs %.0f–%.0f ms)", returns, plain[0], Math.min(plain[1], plain[2]), Math.max(plain[1], plain[2])));

        CountingStream out = new CountingStream();
        long t = System.nanoTime();
        long rows = exports.writeCsv(big.id, out);
        double csvSeconds = seconds(t);
        print(String.format("CSV export: %,d rows, %,d MB in %.1f s = %,.0f rows/s (max heap %d MB); CRC-32C %s", rows,
                out.bytes / (1024 * 1024), csvSeconds, rows / csvSeconds, Runtime.getRuntime().maxMemory() / (1024 * 1024),
                out.digest()));

        // Twice: the first run after the long export finds other pages in H2's cache than a later one.
        wide(big.id, returns, Set.of());
        wide(big.id, returns, Set.of());
        wide(big.id, returns, Set.of("evidence", "actions"));
    }

    /** The wide CSV of the big round, timed, with the peak heap used while it streams (sampled every 50 ms). */
    private void wide(long roundId, int returns, Set<String> details) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        CountingStream out = new CountingStream();
        sampler.start();
        long t = System.nanoTime();
        long rows = wideExport.writeCsv(roundId, details, out);
        double seconds = seconds(t);
        sampler.interrupt();
        sampler.join();
        print(String.format("wide CSV %s, %,d returns: %,d rows, %,d MB in %.2f s; heap used before %d MB, peak %d MB,"
                + " max %d MB; CRC-32C %s", details.isEmpty() ? "(grades)" : details, returns, rows, out.bytes / (1024 * 1024),
                seconds, before >> 20, peak.get() >> 20, memory.getHeapMemoryUsage().getMax() >> 20, out.digest()));
    }

    private static void report(String what, int returns, double[][] times) {
        print(String.format("%s, %,d returns: p50 %.2f ms, p95 %.2f ms", what, returns, pct(times[0], 50), pct(times[0], 95)));
        print(String.format("%s, %,d returns: p50 %.2f ms, p95 %.2f ms", what, SMALL, pct(times[1], 50), pct(times[1], 95)));
        print(String.format("%s, p95 ratio %,d / %,d returns: %.2f", what, returns, SMALL, pct(times[0], 95) / pct(times[1], 95)));
    }

    private long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One GET through java.net.http, the body read and dropped: less client work in the timing than RestAssured. */
    private void get(String header, String value, String path) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.toURI().resolve(path)).header(header, value)
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(path, e);
        }
    }

    private static String signIn(String email) {
        Response login = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", email).formParam("j_password", TestUsers.PASSWORD).post("/j_security_check");
        String cookie = login.getCookie("compact-audit-session");
        if (cookie == null) {
            throw new IllegalStateException("Sign-in failed: " + login.statusCode());
        }
        return cookie;
    }

    /**
     * Times both rounds under the same conditions: both warmed up first, then calls alternate between them, so
     * neither pays more of the JIT's warm-up or of a garbage collection than the other.
     */
    private static double[][] time(long bigRound, long smallRound, int iterations, LongConsumer call) {
        for (int i = 0; i < Math.min(100, iterations); i++) {
            call.accept(bigRound);
            call.accept(smallRound);
        }
        double[][] times = new double[2][iterations];
        for (int i = 0; i < iterations; i++) {
            for (int r = 0; r < 2; r++) {
                long t = System.nanoTime();
                call.accept(r == 0 ? bigRound : smallRound);
                times[r][i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(times[0]);
        Arrays.sort(times[1]);
        return times;
    }

    /**
     * Agencies (sectors at a directory's unequal sizes), submitted returns (about one in twelve late) and 120 answers
     * each, grades drawn from {@link BenchData}; each return's standard grades are derived in the client as they are
     * written; then the tallies with INSERT ... SELECT GROUP BY over what was written.
     */
    private long generate(AuditRound round, ToolVersion tool, int count, BenchData data) throws SQLException {
        String prefix = "bench-" + round.id + "-";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<long[]> questions = new ArrayList<>();
            List<String> standardKeys = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT q.id, s.standard_key FROM question q"
                    + " JOIN standard s ON s.id = q.standard_id WHERE s.tool_version_id = ? ORDER BY s.position, q.position")) {
                q.setLong(1, tool.id);
                try (var rs = q.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(2);
                        if (!standardKeys.contains(key)) {
                            standardKeys.add(key);
                        }
                        questions.add(new long[] {rs.getLong(1), standardKeys.indexOf(key)});
                    }
                }
            }
            int[] sectorOf = new int[count];
            try (PreparedStatement agency = c.prepareStatement("""
                    INSERT INTO agency (name, sector_code, cycle_group, active, created_at, updated_at, version)
                    VALUES (?, ?, ?, TRUE, ?, ?, 0)""")) {
                for (int i = 0; i < count; i++) {
                    sectorOf[i] = data.sector();
                    agency.setString(1, prefix + i);
                    agency.setString(2, BenchData.SECTORS.get(sectorOf[i]));
                    agency.setString(3, CycleGroup.A.name());
                    agency.setTimestamp(4, AT);
                    agency.setTimestamp(5, AT);
                    agency.addBatch();
                    if (i % CHUNK == CHUNK - 1) {
                        agency.executeBatch();
                    }
                }
                agency.executeBatch();
            }
            try (PreparedStatement ret = c.prepareStatement("""
                    INSERT INTO audit_return (round_id, agency_id, tool_version_id, cohort_reason, status, submitted_at,
                                              late, version)
                    SELECT ?, a.id, ?, 'CYCLE_GROUP', 'SUBMITTED', ?, MOD(a.id, 12) = 0, 0
                    FROM agency a WHERE a.name LIKE ? ORDER BY a.id""")) {
                ret.setLong(1, round.id);
                ret.setLong(2, tool.id);
                ret.setTimestamp(3, AT);
                ret.setString(4, prefix + "%");
                ret.executeUpdate();
            }
            c.commit();
            long[] range = range(c, round.id);
            long answers = 0;
            try (PreparedStatement answer = c.prepareStatement("""
                    INSERT INTO answer (return_id, question_id, grade, evidence, na_reason, action_what, action_owner,
                                        action_due, carried_forward, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, NULL, FALSE, ?, 0)""");
                    PreparedStatement standardGrade = c.prepareStatement(
                            "INSERT INTO return_standard_grade (return_id, standard_key, round_id, grade, list_order, agency_name)"
                                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                // Returns were inserted in agency order, so return i is agency i's.
                for (long returnId = range[0]; returnId <= range[1]; returnId++) {
                    int agency = (int) (returnId - range[0]);
                    int sector = sectorOf[agency];
                    int[] lowest = new int[standardKeys.size()];
                    Arrays.fill(lowest, Integer.MAX_VALUE);
                    for (long[] question : questions) {
                        String grade = data.grade(sector);
                        boolean weak = grade.equals("requires-improvement") || grade.equals("inadequate");
                        answer.setLong(1, returnId);
                        answer.setLong(2, question[0]);
                        answer.setString(3, grade);
                        answer.setString(4, data.chance(85) ? data.evidence() : null);
                        answer.setString(5, grade.equals("not-applicable") ? data.naReason() : null);
                        answer.setString(6, weak ? data.action() : null);
                        answer.setString(7, weak ? "Designated safeguarding lead" : null);
                        answer.setTimestamp(8, AT);
                        answer.addBatch();
                        int rank = BY_RANK.indexOf(grade);
                        int s = (int) question[1];
                        lowest[s] = Math.min(lowest[s], rank < 0 ? Integer.MAX_VALUE : rank);
                    }
                    for (int s = 0; s < lowest.length; s++) {
                        standardGrade.setLong(1, returnId);
                        standardGrade.setString(2, standardKeys.get(s));
                        standardGrade.setLong(3, round.id);
                        standardGrade.setString(4, lowest[s] == Integer.MAX_VALUE ? "not-applicable" : BY_RANK.get(lowest[s]));
                        // the agency list's order (V91): 1 Inadequate .. 4 Outstanding, 5 Not applicable
                        standardGrade.setInt(5, lowest[s] == Integer.MAX_VALUE ? 5 : lowest[s] + 1);
                        standardGrade.setString(6, prefix + agency);
                        standardGrade.addBatch();
                    }
                    answers += questions.size();
                    if ((returnId - range[0]) % 100 == 99) {
                        answer.executeBatch();
                        standardGrade.executeBatch();
                        c.commit();
                    }
                }
                answer.executeBatch();
                standardGrade.executeBatch();
                c.commit();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO round_sector_returns (round_id, sector_code, cohort, returned, on_time, exempt) "
                        + "SELECT r.round_id, a.sector_code, COUNT(*), SUM(CASE WHEN r.status = 'SUBMITTED' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN r.status = 'SUBMITTED' AND r.late = FALSE THEN 1 ELSE 0 END), 0 "
                        + "FROM audit_return r JOIN agency a ON a.id = r.agency_id "
                        + "WHERE r.round_id = " + round.id + " GROUP BY r.round_id, a.sector_code");
                s.executeUpdate("INSERT INTO report_counted_return (return_id, round_id, sector_code) "
                        + "SELECT r.id, r.round_id, a.sector_code FROM audit_return r JOIN agency a ON a.id = r.agency_id "
                        + "WHERE r.round_id = " + round.id + " AND r.status = 'SUBMITTED'");
                c.commit();
                s.executeUpdate("INSERT INTO standard_grade_tally (round_id, standard_key, sector_code, grade, agencies) "
                        + "SELECT g.round_id, g.standard_key, c.sector_code, g.grade, COUNT(*) FROM return_standard_grade g "
                        + "JOIN report_counted_return c ON c.return_id = g.return_id WHERE g.round_id = " + round.id
                        + " GROUP BY g.round_id, g.standard_key, c.sector_code, g.grade");
                s.executeUpdate("INSERT INTO grade_tally (round_id, standard_key, question_key, sector_code, grade, answers) "
                        + "SELECT c.round_id, s.standard_key, q.question_key, c.sector_code, an.grade, COUNT(*) "
                        + "FROM report_counted_return c JOIN answer an ON an.return_id = c.return_id "
                        + "JOIN question q ON q.id = an.question_id JOIN standard s ON s.id = q.standard_id "
                        + "WHERE c.round_id = " + round.id
                        + " GROUP BY c.round_id, s.standard_key, q.question_key, c.sector_code, an.grade");
                s.executeUpdate("INSERT INTO na_reason_tally (round_id, standard_key, question_key, sector_code, reason, answers) "
                        + "SELECT c.round_id, s.standard_key, q.question_key, c.sector_code, COALESCE(an.na_reason, ''), COUNT(*) "
                        + "FROM report_counted_return c JOIN answer an ON an.return_id = c.return_id "
                        + "JOIN question q ON q.id = an.question_id JOIN standard s ON s.id = q.standard_id "
                        + "WHERE c.round_id = " + round.id + " AND an.grade = 'not-applicable'"
                        + " GROUP BY c.round_id, s.standard_key, q.question_key, c.sector_code, COALESCE(an.na_reason, '')");
                c.commit();
            }
            return answers;
        }
    }

    /** The fixtures draw random names; fixed ones make each export's CRC-32C the same from run to run on one seed. */
    private void fixedNames(ToolVersion tool, AuditRound big, AuditRound small) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement key = c.prepareStatement("UPDATE tool_version SET tool_key = ? WHERE id = ?");
                PreparedStatement name = c.prepareStatement("UPDATE audit_round SET name = ? WHERE id = ?")) {
            key.setString(1, "bench-tool");
            key.setLong(2, tool.id);
            key.executeUpdate();
            for (AuditRound round : List.of(big, small)) {
                name.setString(1, "Bench round " + (round == big ? "big" : "small"));
                name.setLong(2, round.id);
                name.executeUpdate();
            }
        }
    }

    private static long[] range(Connection c, long roundId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(id), MAX(id) FROM audit_return WHERE round_id = ?")) {
            s.setLong(1, roundId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void print(String line) {
        System.out.println("[bench] " + line);
    }

    /**
     * Discards the CSV, counting bytes, so the figure is the export's, not the disk's; keeps a CRC-32C of what was
     * written (cheap beside the export), so two runs on the same seed, before and after a change to an export, show
     * whether its bytes changed.
     */
    private static final class CountingStream extends OutputStream {
        long bytes;
        private final CRC32C crc = new CRC32C();

        @Override
        public void write(int b) {
            bytes++;
            crc.update(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            crc.update(b, off, len);
        }

        String digest() {
            return String.format("%08x", crc.getValue());
        }
    }
}

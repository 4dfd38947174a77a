package org.compactaudit.bench;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.compactaudit.agency.CycleGroup;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.reporting.ReportExports;
import org.compactaudit.reporting.ReportService;
import org.compactaudit.round.AuditRound;
import org.compactaudit.support.Fixtures;
import org.compactaudit.tool.ToolVersion;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * National-scale benchmark of the MESC report (not part of the test suite: its name matches no surefire include).
 * Builds a 120-question tool, a round of {@code bench.returns} submitted returns and a round of 500 in the same
 * database with set-based, chunked INSERT ... SELECT (no HTTP, no ORM), builds the tallies with INSERT ... SELECT
 * GROUP BY, then times {@link ReportService#roundReport} on both rounds (p50/p95), the plain GROUP BY over the
 * answers that the tallies replace, and the streamed CSV export. See docs/reporting.md for the command.
 */
@QuarkusTest
class ReportBenchmark {

    private static final int SMALL = 500;
    private static final int CHUNK = 1_000;
    private static final Timestamp AT = Timestamp.from(Instant.parse("2018-06-01T10:00:00Z"));
    private static final List<String> SECTORS = List.of("statutory", "health", "gp-practice", "school",
            "further-education", "early-years", "voluntary-community", "sport-culture", "faith", "commercial");

    /** The derived standard grade (lowest graded answer, N/A ignored) in SQL, for the one-off bulk build. */
    private static final String LOWEST = """
            CASE MIN(CASE an.grade WHEN 'inadequate' THEN 1 WHEN 'requires-improvement' THEN 2 WHEN 'good' THEN 3
                                   WHEN 'outstanding' THEN 4 ELSE 9 END)
                 WHEN 1 THEN 'inadequate' WHEN 2 THEN 'requires-improvement' WHEN 3 THEN 'good'
                 WHEN 4 THEN 'outstanding' ELSE 'not-applicable' END""";

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
    ReportExports exports;

    @Test
    void benchmark() throws Exception {
        int returns = Integer.parseInt(System.getProperty("bench.returns", System.getenv().getOrDefault("BENCH_RETURNS", "50000")));
        int iterations = Integer.parseInt(System.getProperty("bench.iterations", "200"));
        try (Connection c = dataSource.getConnection()) {
            print("database: " + c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion()
                    + "; max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        }
        ToolVersion tool = fixtures.tool(12, 10);
        Partnership partnership = fixtures.partnership();
        AuditRound big = fixtures.round(partnership, tool);
        AuditRound small = fixtures.round(partnership, tool);

        long start = System.nanoTime();
        long answers = generate(big, tool, returns) + generate(small, tool, SMALL);
        double generateSeconds = seconds(start);
        print(String.format("generated %,d returns and %,d answers in %.1f s (%,.0f answers/s), tallies included",
                returns + SMALL, answers, generateSeconds, answers / generateSeconds));

        double[] bigTimes = time(big.id, iterations);
        double[] smallTimes = time(small.id, iterations);
        print(String.format("round report, %,d returns: p50 %.2f ms, p95 %.2f ms", returns, pct(bigTimes, 50), pct(bigTimes, 95)));
        print(String.format("round report, %,d returns: p50 %.2f ms, p95 %.2f ms", SMALL, pct(smallTimes, 50), pct(smallTimes, 95)));
        print(String.format("p95 ratio %,d / %,d returns: %.2f", returns, SMALL, pct(bigTimes, 95) / pct(smallTimes, 95)));

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
        print(String.format("plain GROUP BY over the answers of %,d returns (what the tallies replace): best %.0f ms, worst %.0f ms",
                returns, Arrays.stream(plain).min().orElseThrow(), Arrays.stream(plain).max().orElseThrow()));

        CountingStream out = new CountingStream();
        long t = System.nanoTime();
        long rows = exports.writeCsv(big.id, out);
        double csvSeconds = seconds(t);
        print(String.format("CSV export: %,d rows, %,d MB in %.1f s = %,.0f rows/s (max heap %d MB)", rows,
                out.bytes / (1024 * 1024), csvSeconds, rows / csvSeconds, Runtime.getRuntime().maxMemory() / (1024 * 1024)));
    }

    private double[] time(long roundId, int iterations) {
        for (int i = 0; i < 30; i++) {
            reports.roundReport(roundId);
        }
        double[] times = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            reports.roundReport(roundId);
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        return times;
    }

    /** Agencies, submitted returns (2% late), 120 answers each and the tallies: set-based and chunked. */
    private long generate(AuditRound round, ToolVersion tool, int count) throws SQLException {
        String prefix = "bench-" + round.id + "-";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement agency = c.prepareStatement("""
                    INSERT INTO agency (name, sector_code, cycle_group, active, created_at, updated_at, version)
                    VALUES (?, ?, ?, TRUE, ?, ?, 0)""")) {
                for (int i = 0; i < count; i++) {
                    agency.setString(1, prefix + i);
                    agency.setString(2, SECTORS.get(i % SECTORS.size()));
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
                    SELECT ?, a.id, ?, 'CYCLE_GROUP', 'SUBMITTED', ?, MOD(a.id, 50) = 0, 0
                    FROM agency a WHERE a.name LIKE ?""")) {
                ret.setLong(1, round.id);
                ret.setLong(2, tool.id);
                ret.setTimestamp(3, AT);
                ret.setString(4, prefix + "%");
                ret.executeUpdate();
            }
            c.commit();
            long[] range = range(c, round.id);
            long answers = 0;
            for (long from = range[0]; from <= range[1]; from += CHUNK) {
                try (PreparedStatement answer = c.prepareStatement("""
                        INSERT INTO answer (return_id, question_id, grade, evidence, na_reason, action_what, action_owner,
                                            action_due, carried_forward, updated_at, version)
                        SELECT r.id, q.id, g.grade, 'Policy seen; staff trained in the last year.',
                               CASE WHEN g.grade = 'not-applicable' THEN 'We do not provide this service.' END,
                               CASE WHEN g.grade IN ('requires-improvement', 'inadequate') THEN 'Review and retrain' END,
                               CASE WHEN g.grade IN ('requires-improvement', 'inadequate') THEN 'Lead' END,
                               NULL, FALSE, ?, 0
                        FROM audit_return r JOIN question q ON 1 = 1 JOIN standard s ON s.id = q.standard_id
                        JOIN (SELECT 0 AS k, 'outstanding' AS grade UNION ALL SELECT 1, 'good' UNION ALL SELECT 2, 'good'
                              UNION ALL SELECT 3, 'good' UNION ALL SELECT 4, 'requires-improvement'
                              UNION ALL SELECT 5, 'inadequate' UNION ALL SELECT 6, 'not-applicable') g
                          ON g.k = MOD(r.id * 7 + q.id * 13, 7)
                        WHERE r.round_id = ? AND r.id BETWEEN ? AND ? AND s.tool_version_id = ?""")) {
                    answer.setTimestamp(1, AT);
                    answer.setLong(2, round.id);
                    answer.setLong(3, from);
                    answer.setLong(4, from + CHUNK - 1);
                    answer.setLong(5, tool.id);
                    answers += answer.executeUpdate();
                }
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
                for (long from = range[0]; from <= range[1]; from += CHUNK) {
                    s.executeUpdate("INSERT INTO return_standard_grade (return_id, standard_key, round_id, grade) "
                            + "SELECT an.return_id, s.standard_key, " + round.id + ", " + LOWEST
                            + " FROM audit_return r JOIN answer an ON an.return_id = r.id"
                            + " JOIN question q ON q.id = an.question_id JOIN standard s ON s.id = q.standard_id"
                            + " WHERE r.round_id = " + round.id + " AND r.id BETWEEN " + from + " AND " + (from + CHUNK - 1)
                            + " GROUP BY an.return_id, s.standard_key");
                    c.commit();
                }
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
                c.commit();
            }
            return answers;
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

    /** Discards the CSV, counting bytes, so the figure is the export's, not the disk's. */
    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}

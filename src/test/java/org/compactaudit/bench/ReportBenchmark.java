package org.compactaudit.bench;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * GROUP BY (the per-return standard grades in chunks through the client), then times {@link ReportService#roundReport} on both rounds (p50/p95), the plain GROUP BY over the
 * answers that the tallies replace, and the streamed CSV export. See docs/reporting.md for the command.
 */
@QuarkusTest
class ReportBenchmark {

    private static final int SMALL = 500;
    private static final int CHUNK = 1_000;
    private static final Timestamp AT = Timestamp.from(Instant.parse("2018-06-01T10:00:00Z"));
    private static final List<String> SECTORS = List.of("statutory", "health", "gp-practice", "school",
            "further-education", "early-years", "voluntary-community", "sport-culture", "faith", "commercial");

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
    ReportExports exports;

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

        long start = System.nanoTime();
        long answers = generate(big, tool, returns) + generate(small, tool, SMALL);
        double generateSeconds = seconds(start);
        print(String.format("generated %,d returns and %,d answers in %.1f s (%,.0f answers/s), tallies included",
                returns + SMALL, answers, generateSeconds, answers / generateSeconds));

        double[][] times = time(big.id, small.id, iterations);
        double[] bigTimes = times[0];
        double[] smallTimes = times[1];
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
        // Only the first run counts: H2 answers a repeated identical query over unchanged tables from a cache.
        print(String.format("plain GROUP BY over the answers of %,d returns (what the tallies replace): first run %.0f ms"
                + " (later runs %.0f–%.0f ms)", returns, plain[0], Math.min(plain[1], plain[2]), Math.max(plain[1], plain[2])));

        CountingStream out = new CountingStream();
        long t = System.nanoTime();
        long rows = exports.writeCsv(big.id, out);
        double csvSeconds = seconds(t);
        print(String.format("CSV export: %,d rows, %,d MB in %.1f s = %,.0f rows/s (max heap %d MB)", rows,
                out.bytes / (1024 * 1024), csvSeconds, rows / csvSeconds, Runtime.getRuntime().maxMemory() / (1024 * 1024)));
    }

    /**
     * Times both rounds under the same conditions: both warmed up first, then calls alternate between them, so
     * neither pays more of the JIT's warm-up or of a garbage collection than the other.
     */
    private double[][] time(long bigRound, long smallRound, int iterations) {
        for (int i = 0; i < 100; i++) {
            reports.roundReport(bigRound);
            reports.roundReport(smallRound);
        }
        double[][] times = new double[2][iterations];
        for (int i = 0; i < iterations; i++) {
            for (int r = 0; r < 2; r++) {
                long t = System.nanoTime();
                reports.roundReport(r == 0 ? bigRound : smallRound);
                times[r][i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(times[0]);
        Arrays.sort(times[1]);
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
                standardGrades(c, round.id, tool.id, range);
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

    /**
     * Each return's derived grade per standard, aggregated here from one index range of answers per chunk: a join
     * from answer to question in SQL let H2 drive from the question and scan every answer once per chunk.
     */
    private static void standardGrades(Connection c, long roundId, long toolId, long[] range) throws SQLException {
        Map<Long, String> standardOf = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT q.id, s.standard_key FROM question q"
                + " JOIN standard s ON s.id = q.standard_id WHERE s.tool_version_id = ?")) {
            q.setLong(1, toolId);
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    standardOf.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        try (PreparedStatement read = c.prepareStatement(
                "SELECT return_id, question_id, grade FROM answer WHERE return_id BETWEEN ? AND ?");
                PreparedStatement write = c.prepareStatement(
                        "INSERT INTO return_standard_grade (return_id, standard_key, round_id, grade) VALUES (?, ?, ?, ?)")) {
            for (long from = range[0]; from <= range[1]; from += CHUNK) {
                Map<Long, Map<String, Integer>> lowest = new HashMap<>();
                read.setLong(1, from);
                read.setLong(2, from + CHUNK - 1);
                try (var rs = read.executeQuery()) {
                    while (rs.next()) {
                        int rank = BY_RANK.indexOf(rs.getString(3));
                        lowest.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                                .merge(standardOf.get(rs.getLong(2)), rank < 0 ? Integer.MAX_VALUE : rank, Math::min);
                    }
                }
                for (Map.Entry<Long, Map<String, Integer>> ret : lowest.entrySet()) {
                    for (Map.Entry<String, Integer> standard : ret.getValue().entrySet()) {
                        write.setLong(1, ret.getKey());
                        write.setString(2, standard.getKey());
                        write.setLong(3, roundId);
                        write.setString(4, standard.getValue() == Integer.MAX_VALUE ? "not-applicable"
                                : BY_RANK.get(standard.getValue()));
                        write.addBatch();
                    }
                }
                write.executeBatch();
                c.commit();
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

package org.compactaudit.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load test of answer saving, not part of the test suite. Starts the packaged app on a fresh H2 file, seeds
 * 200 agencies with returns and links by JDBC (through H2's auto-server, into the app's own file), then
 * 32 client threads PUT answers for the given seconds; reports saves/s and latency percentiles, and checks
 * that every acknowledged save is in the database (count via answer versions, content via last evidence).
 *
 * <pre>
 * ./mvnw -q package -DskipTests
 * java -cp "target/test-classes:$(./mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     org.compactaudit.bench.AnswerSaveBenchmark [seconds=60] [threads=32] [agencies=200]
 * </pre>
 */
public final class AnswerSaveBenchmark {

    private static final int PORT = 18_480;
    private static final int STANDARDS = 2;
    private static final int QUESTIONS = 5;

    private static final String UNKNOWN = "?";

    private record Target(long returnId, String token) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int agencies = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dir = Files.createTempDirectory("ca-bench-");
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;AUTO_SERVER=TRUE";
        Process app = new ProcessBuilder("java", "-Xmx768m",
                "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.datasource.jdbc.url=" + url,
                "-Dquarkus.datasource.jdbc.max-size=32",
                "-Dcompact.clock.fixed=2018-05-01T09:00:00Z",
                "-Dcompact.bootstrap.admin-email=bench@bench.local",
                "-Dcompact.bootstrap.admin-password=bench-password-1",
                "-Dquarkus.http.auth.session.encryption-key=bench-session-key-0123456789",
                "-Dquarkus.log.level=WARN",
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::destroy));
        HttpClient probe = HttpClient.newHttpClient();
        waitUntilUp(probe);
        System.out.printf("app up; H2 file %s%n", dir);

        List<Target> targets;
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            targets = seed(db, agencies);
        }
        System.out.printf("seeded %d agencies with returns and links; %d threads for %d s%n", targets.size(), threads, seconds);

        Map<String, String> lastEvidence = new ConcurrentHashMap<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int t = 0; t < threads; t++) {
            long[] own = new long[2_000_000];
            latencies.add(own);
            int thread = t;
            Thread worker = new Thread(() -> work(thread, threads, targets, end, own, lastEvidence, ok, failed));
            worker.start();
            workers.add(worker);
        }
        for (Thread w : workers) {
            w.join();
        }
        long[] all = latencies.stream().flatMapToLong(a -> Arrays.stream(a).filter(x -> x > 0)).sorted().toArray();
        System.out.printf("saves: %d ok, %d failed; %.0f saves/s%n", ok.get(), failed.get(), ok.get() / (double) seconds);
        System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", pct(all, 50), pct(all, 95), pct(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);

        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            verify(db, targets, lastEvidence, ok.get(), failed.get());
        } finally {
            app.destroy();
        }
    }

    private static void work(int thread, int threads, List<Target> targets, long end, long[] latencies,
            Map<String, String> lastEvidence, AtomicLong ok, AtomicLong failed) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Integer> versions = new HashMap<>();
        int n = 0;
        int i = 0;
        while (System.nanoTime() < end) {
            Target target = targets.get((thread + threads * (i % Math.max(1, targets.size() / threads))) % targets.size());
            String key = "s" + (1 + i % STANDARDS) + "-q" + (1 + (i / STANDARDS) % QUESTIONS);
            i++;
            String slot = target.returnId() + "/" + key;
            String evidence = "Bench evidence from thread " + thread + ", save " + n + " – ŵ 👍";
            String body = "{\"grade\":\"good\",\"evidence\":\"" + evidence + "\",\"version\":" + versions.getOrDefault(slot, 0) + "}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/respond/"
                    + target.token() + "/answers/" + key)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                if (response.statusCode() == 200) {
                    latencies[n++] = took;
                    ok.incrementAndGet();
                    versions.put(slot, Integer.parseInt(response.body().replaceAll(".*\"version\":(\\d+).*", "$1")));
                    lastEvidence.put(slot, evidence);
                } else {
                    failed.incrementAndGet();
                    lastEvidence.put(slot, UNKNOWN);
                    if (failed.get() < 5) {
                        System.out.println("failed: " + response.statusCode() + " " + response.body());
                    }
                }
            } catch (Exception e) {
                // A timed-out save may still commit later: its slot's final content is unknown.
                failed.incrementAndGet();
                lastEvidence.put(slot, UNKNOWN);
            }
        }
    }

    private static void verify(Connection db, List<Target> targets, Map<String, String> lastEvidence, long saves,
            long failures) throws Exception {
        long stored = 0;
        int mismatched = 0;
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("select a.return_id, q.question_key, a.version, a.evidence from answer a"
                        + " join question q on q.id = a.question_id")) {
            while (rs.next()) {
                stored += rs.getInt(3) + 1L;
                String expected = lastEvidence.get(rs.getLong(1) + "/" + rs.getString(2));
                if (!UNKNOWN.equals(expected) && !rs.getString(4).equals(expected)) {
                    mismatched++;
                }
            }
        }
        // Every acknowledged save must be stored; failed requests (timeouts) may or may not have committed.
        boolean ok = stored >= saves && stored <= saves + failures && mismatched == 0;
        System.out.printf("verify: %d acknowledged saves, %d failed, %d stored (sum of answer versions + 1); %d answers,"
                + " %d with wrong content -> %s%n", saves, failures, stored, lastEvidence.size(), mismatched, ok ? "OK" : "MISMATCH");
    }

    private static List<Target> seed(Connection db, int agencies) throws Exception {
        db.setAutoCommit(false);
        long partnership = insert(db, "insert into partnership (code, name, contact_name, contact_email) values"
                + " ('bench', 'Bench Partnership', 'Pat', 'pat@bench.test')");
        long tool = insert(db, "insert into tool_version (tool_key, version, variant, title, content_hash, source_name,"
                + " source_yaml, published_at) values ('bench', '2018-19', 'full', 'Bench tool', '" + "0".repeat(64)
                + "', 'bench', '#', timestamp '2018-04-01 09:00:00')");
        exec(db, "insert into tool_version_sector (tool_version_id, sector_code) values (" + tool + ", 'school')");
        for (int s = 1; s <= STANDARDS; s++) {
            long standard = insert(db, "insert into standard (tool_version_id, standard_key, title, description, position)"
                    + " values (" + tool + ", 's" + s + "', 'Standard " + s + "', 'Bench', " + s + ")");
            for (int q = 1; q <= QUESTIONS; q++) {
                exec(db, "insert into question (standard_id, question_key, text, na_allowed, position, guidance_outstanding,"
                        + " guidance_good, guidance_requires_improvement, guidance_inadequate) values (" + standard + ", 's"
                        + s + "-q" + q + "', 'Question " + q + "?', true, " + q + ", 'o', 'g', 'ri', 'i')");
            }
        }
        long round = insert(db, "insert into audit_round (partnership_id, name, cycle_group, opens_on, due_on, closes_on,"
                + " status, sent_at, chaser_repeat_days, chaser_max, created_at, version) values (" + partnership
                + ", 'Bench round', 'A', date '2018-04-01', date '2018-06-30', date '2018-07-31', 'SENT',"
                + " timestamp '2018-04-01 09:00:00', 7, 5, timestamp '2018-04-01 09:00:00', 0)");
        exec(db, "insert into round_tool (round_id, sector_code, tool_version_id) values (" + round + ", 'school', " + tool + ")");
        List<Target> targets = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        try (PreparedStatement agency = db.prepareStatement("insert into agency (name, sector_code, cycle_group, lead_name,"
                + " lead_email, active, created_at, updated_at, version) values (?, 'school', 'A', 'Lead', ?, true,"
                + " timestamp '2018-01-01 09:00:00', timestamp '2018-01-01 09:00:00', 0)", Statement.RETURN_GENERATED_KEYS);
                PreparedStatement ret = db.prepareStatement("insert into audit_return (round_id, agency_id, tool_version_id,"
                        + " cohort_reason, token_hash, token_issued_at, status, invited_at, late, version) values (?, ?, ?,"
                        + " 'CYCLE_GROUP', ?, timestamp '2018-04-01 09:00:00', 'NOT_STARTED', timestamp '2018-04-01 09:00:00',"
                        + " false, 0)", Statement.RETURN_GENERATED_KEYS)) {
            for (int a = 0; a < agencies; a++) {
                agency.setString(1, "Bench school " + a);
                agency.setString(2, "lead" + a + "@bench.test");
                agency.executeUpdate();
                long agencyId = key(agency);
                exec(db, "insert into agency_partnership (agency_id, partnership_id) values (" + agencyId + ", " + partnership + ")");
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                ret.setLong(1, round);
                ret.setLong(2, agencyId);
                ret.setLong(3, tool);
                ret.setString(4, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes())));
                ret.executeUpdate();
                targets.add(new Target(key(ret), token));
            }
        }
        db.commit();
        return targets;
    }

    private static long insert(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
            return key(s);
        }
    }

    private static long key(Statement s) throws Exception {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static void exec(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static void waitUntilUp(HttpClient client) throws Exception {
        for (int i = 0; i < 240; i++) {
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the app did not start; see its log");
    }

    private static double pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}

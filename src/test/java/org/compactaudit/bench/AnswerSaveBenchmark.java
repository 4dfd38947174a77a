package org.compactaudit.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * 32 client threads PUT answers: first as fast as the server answers for a warm-up (the JIT compiles the save
 * path), then for the measured seconds. With a rate, the threads together offer that many saves per second on a fixed schedule and each
 * latency counts from the moment its save was due, so a stalled server cannot hide its queue (no coordinated
 * omission); rate 0 saves as fast as the server answers. Reports saves/s and latency percentiles of the
 * measured window, and checks that every acknowledged save is in the database (count via answer versions,
 * content via last evidence).
 *
 * <pre>
 * ./mvnw -q package -DskipTests
 * java -cp "target/test-classes:$(./mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     org.compactaudit.bench.AnswerSaveBenchmark [seconds=60] [threads=32] [agencies=200] [rate=500] [warmup=15]
 * </pre>
 */
public final class AnswerSaveBenchmark {

    private static final int PORT = 18_480;
    private static final int STANDARDS = 2;
    private static final int QUESTIONS = 5;

    private static final String UNKNOWN = "?";

    /** The index of "school" in {@link BenchData#SECTORS}: the benchmark's tool is for schools. */
    private static final int SCHOOL = BenchData.SECTORS.indexOf("school");

    private record Target(long returnId, String token) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int agencies = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 15;
        Path dir = Files.createTempDirectory("ca-bench-");
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;AUTO_SERVER=TRUE;WRITE_DELAY=0";
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
        Files.write(dir.resolve("tokens.txt"), targets.stream().map(Target::token).toList());
        if (seconds == 0) {
            // Hold the seeded app for an external load tool (wrk); stop with Ctrl-C.
            System.out.printf("seeded %d agencies; tokens in %s; app on port %d until Ctrl-C%n", targets.size(),
                    dir.resolve("tokens.txt"), PORT);
            app.waitFor();
            return;
        }
        System.out.printf("seeded %d agencies with returns and links; %d threads, %s, %d s warm-up then %d s measured%n",
                targets.size(), threads, rate == 0 ? "unpaced" : rate + " saves/s offered", warmup, seconds);

        Map<String, String> lastEvidence = new ConcurrentHashMap<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        long interval = rate == 0 ? 0 : threads * 1_000_000_000L / rate;
        for (int t = 0; t < threads; t++) {
            long[] own = new long[2_000_000];
            latencies.add(own);
            int thread = t;
            // Threads start spread over one interval so the offered load is even, not in bursts.
            long first = measureFrom + (interval == 0 ? 0 : interval * t / threads);
            Thread worker = new Thread(() -> work(new Http11(), thread, threads, targets, new Window(first, interval, measureFrom, end),
                    own, lastEvidence, ok, failed));
            worker.start();
            workers.add(worker);
        }
        Thread progress = new Thread(() -> {
            long last = 0;
            try {
                while (true) {
                    Thread.sleep(5_000);
                    long done = ok.get() + failed.get();
                    System.out.printf("  %3d s: %d saves/s over the last 5 s, slowest %.0f ms%n",
                            (System.nanoTime() - start) / 1_000_000_000L, (done - last) / 5, slowest.getAndSet(0) / 1e6);
                    last = done;
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        });
        progress.setDaemon(true);
        progress.start();
        for (Thread w : workers) {
            w.join();
        }
        progress.interrupt();
        long[] all = latencies.stream().flatMapToLong(a -> Arrays.stream(a).filter(x -> x > 0)).sorted().toArray();
        System.out.printf("measured window: %d saves ok, %d failed; %.0f saves/s%n", all.length, measuredFailures.get(),
                all.length / (double) seconds);
        System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", pct(all, 50), pct(all, 95), pct(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);

        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            verify(db, targets, lastEvidence, ok.get(), failed.get());
        } finally {
            app.destroy();
        }
    }

    /**
     * When a thread's saves are due: back to back during the warm-up, then from {@code first} every {@code interval}
     * ns (0: back to back) until {@code end}.
     */
    private record Window(long first, long interval, long measureFrom, long end) {
    }

    private static final AtomicLong measuredFailures = new AtomicLong();

    private static final AtomicLong slowest = new AtomicLong();

    private static void work(Http11 client, int thread, int threads, List<Target> targets, Window window, long[] latencies,
            Map<String, String> lastEvidence, AtomicLong ok, AtomicLong failed) {
        Map<String, Integer> versions = new HashMap<>();
        BenchData data = new BenchData(1_000L + thread);
        int n = 0;
        int i = 0;
        boolean warm = false;
        long due = System.nanoTime();
        while (due < window.end()) {
            if (!warm && System.nanoTime() >= window.measureFrom()) {
                // Warm-up is over: from here on, saves are due on the schedule.
                warm = true;
                due = window.first();
            }
            if (warm && window.interval() > 0) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            } else {
                due = System.nanoTime();
            }
            boolean measured = due >= window.measureFrom();
            Target target = targets.get((thread + threads * (i % Math.max(1, targets.size() / threads))) % targets.size());
            String key = "s" + (1 + i % STANDARDS) + "-q" + (1 + (i / STANDARDS) % QUESTIONS);
            i++;
            String slot = target.returnId() + "/" + key;
            // Realistic content: a drawn grade, evidence of the length agencies write, a reason or an action where
            // the grade asks for one; the marker keeps each save's evidence unique for the final check.
            String grade = data.grade(SCHOOL);
            String evidence = data.evidence() + " (thread " + thread + ", save " + i + " – ŵ 👍)";
            String extra = grade.equals("not-applicable") ? ",\"naReason\":\"" + data.naReason() + "\""
                    : grade.equals("requires-improvement") || grade.equals("inadequate")
                            ? ",\"action\":{\"what\":\"" + data.action() + "\",\"owner\":\"Designated safeguarding lead\"}" : "";
            String body = "{\"grade\":\"" + grade + "\",\"evidence\":\"" + evidence + "\"" + extra + ",\"version\":"
                    + versions.getOrDefault(slot, 0) + "}";
            long start = warm && window.interval() > 0 ? due : System.nanoTime();
            due += warm ? window.interval() : 0;
            try {
                Http11.Reply response = client.put("/api/v1/respond/" + target.token() + "/answers/" + key, body);
                long took = System.nanoTime() - start;
                slowest.accumulateAndGet(took, Math::max);
                if (response.status() == 200) {
                    if (measured) {
                        latencies[n++] = took;
                    }
                    ok.incrementAndGet();
                    versions.put(slot, Integer.parseInt(response.body().replaceAll(".*\"version\":(\\d+).*", "$1")));
                    lastEvidence.put(slot, evidence);
                } else {
                    failed.incrementAndGet();
                    if (measured) {
                        measuredFailures.incrementAndGet();
                    }
                    lastEvidence.put(slot, UNKNOWN);
                    if (failed.get() < 5) {
                        System.out.println("failed: " + response.status() + " " + response.body());
                    }
                }
            } catch (IOException e) {
                client.close();
                // A timed-out save may still commit later: its slot's final content is unknown.
                failed.incrementAndGet();
                if (measured) {
                    measuredFailures.incrementAndGet();
                }
                lastEvidence.put(slot, UNKNOWN);
            }
        }
    }

    /**
     * A bare HTTP/1.1 keep-alive connection, one per client thread: the load generator shares the two cores with
     * the service, so it should spend as little of them as it can (java.net.http cost about a third of a core).
     */
    private static final class Http11 {

        record Reply(int status, String body) {
        }

        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Reply put(String path, String json) throws IOException {
            if (socket == null) {
                socket = new Socket("127.0.0.1", PORT);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream());
                out = new BufferedOutputStream(socket.getOutputStream());
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            out.write(("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = 0;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String h = header.toLowerCase(java.util.Locale.ROOT);
                if (h.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                } else if (h.startsWith("connection:") && h.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                    content.write(in.readNBytes(size));
                    line();
                }
                line();
            } else {
                content.write(in.readNBytes(length));
            }
            if (close) {
                close();
            }
            return new Reply(status, content.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // already gone
            }
            socket = null;
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
                        + " cohort_reason, status, invited_at, late, version) values (?, ?, ?, 'CYCLE_GROUP', 'NOT_STARTED',"
                        + " timestamp '2018-04-01 09:00:00', false, 0)", Statement.RETURN_GENERATED_KEYS);
                PreparedStatement link = db.prepareStatement("insert into return_link (token_hash, return_id, purpose,"
                        + " issued_at) values (?, ?, 'invitation', timestamp '2018-04-01 09:00:00')")) {
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
                ret.executeUpdate();
                long returnId = key(ret);
                link.setString(1, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes())));
                link.setLong(2, returnId);
                link.executeUpdate();
                targets.add(new Target(returnId, token));
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

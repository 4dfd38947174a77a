package org.compactaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded default keeps what it acknowledged: the packaged jar (target/quarkus-app/quarkus-run.jar, the H2
 * build) runs on its default database URL in a folder of its own; several threads save answers, the process is
 * killed with SIGKILL in the middle of the burst and started again, and every save answered 200 must be stored.
 * The same starts show the session key is shared across restarts (a cookie from before still signs in), that no
 * start-up log prints it, and that emailed links follow the HTTP port.
 */
class CrashDurabilityIT {

    private static final String ADMIN = "admin@crash.test";
    private static final String PASSWORD = "crash-admin-password";
    private static final int THREADS = 8;
    private static final int QUESTIONS = 5;
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Path> logs = new ArrayList<>();
    private Process app;
    private Path dir;
    private int port;

    private record Slot(String token, String question) {
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.destroyForcibly();
        }
    }

    @Test
    void everyAcknowledgedSaveSurvivesAKillAndTheSessionKeySurvivesARestart() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assumeTrue(Files.exists(jar), "target/quarkus-app/quarkus-run.jar is missing: run ./mvnw verify");
        dir = Files.createTempDirectory(Path.of("target"), "crash-it-").toAbsolutePath();
        port = freePort();

        start(jar);
        assertTrue(Files.readString(logs.get(0)).contains("Links in emails lead to http://localhost:" + port),
                "emailed links follow the HTTP port when no base URL is set");
        String cookie = signIn();
        assertEquals(200, get("/users", cookie).statusCode());
        stopGracefully();

        List<String> tokens;
        try (Connection db = database()) {
            tokens = seed(db);
        }
        start(jar);
        assertEquals(200, get("/users", cookie).statusCode(), "a cookie from before the restart still signs in");

        Map<Slot, Integer> acknowledged = new ConcurrentHashMap<>();
        Map<Slot, String> evidence = new ConcurrentHashMap<>();
        AtomicInteger saves = new AtomicInteger();
        List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String token = tokens.get(t);
            Thread worker = new Thread(() -> save(token, acknowledged, evidence, saves, refused));
            worker.start();
            workers.add(worker);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (saves.get() < 400 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        app.destroyForcibly().waitFor();
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        assertEquals(List.of(), refused, "every save before the kill is accepted");
        assertTrue(saves.get() >= 400, "saves acknowledged before the kill: " + saves.get());

        start(jar);
        stopGracefully();
        List<String> lost = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        String key;
        try (Connection db = database()) {
            for (var entry : acknowledged.entrySet()) {
                Slot slot = entry.getKey();
                try (PreparedStatement s = db.prepareStatement("SELECT a.version, a.evidence FROM answer a"
                        + " JOIN return_link l ON l.return_id = a.return_id JOIN question q ON q.id = a.question_id"
                        + " WHERE l.token_hash = ? AND q.question_key = ?")) {
                    s.setString(1, hash(slot.token()));
                    s.setString(2, slot.question());
                    try (ResultSet rs = s.executeQuery()) {
                        // The API's version counts saves; the column starts at 0 with the first.
                        int stored = rs.next() ? rs.getInt(1) + 1 : 0;
                        if (stored < entry.getValue()) {
                            lost.add(slot.question() + " stored " + stored + " < acknowledged " + entry.getValue());
                        } else if (stored == entry.getValue() && !rs.getString(2).equals(evidence.get(slot))) {
                            wrong.add(slot.question());
                        }
                    }
                }
            }
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT encryption_key FROM session_key")) {
                key = rs.next() ? rs.getString(1) : null;
            }
        }
        assertEquals(List.of(), lost, "answers whose stored version is older than the acknowledged one, of "
                + acknowledged.size() + " answers and " + saves.get() + " acknowledged saves");
        assertEquals(List.of(), wrong, "answers stored with other evidence than acknowledged");
        System.out.printf("CrashDurabilityIT: %d saves acknowledged over %d answers before SIGKILL, 0 lost%n",
                saves.get(), acknowledged.size());

        assertNotNull(key, "the generated session key is kept in the database");
        for (Path log : logs) {
            String text = Files.readString(log);
            assertFalse(text.contains("temporary key"), log + " shows Quarkus making a temporary key");
            assertFalse(text.contains(key), log + " shows the session key");
        }
    }

    private void save(String token, Map<Slot, Integer> acknowledged, Map<Slot, String> evidence, AtomicInteger saves,
            List<String> refused) {
        for (int i = 0; ; i++) {
            Slot slot = new Slot(token, "s1-q" + (1 + i % QUESTIONS));
            String text = "Evidence save " + i + " of " + token.substring(0, 6);
            String body = "{\"grade\":\"good\",\"evidence\":\"" + text + "\",\"version\":"
                    + acknowledged.getOrDefault(slot, 0) + "}";
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/api/v1/respond/" + token
                        + "/answers/" + slot.question())).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher version = VERSION.matcher(response.body());
                if (response.statusCode() != 200 || !version.find()) {
                    refused.add(response.statusCode() + ": " + response.body());
                    return;
                }
                acknowledged.put(slot, Integer.parseInt(version.group(1)));
                evidence.put(slot, text);
                saves.incrementAndGet();
            } catch (IOException e) {
                return; // the process was killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void start(Path jar) throws Exception {
        Path log = dir.resolve("start-" + (logs.size() + 1) + ".log");
        logs.add(log);
        // No database URL: the embedded default under test, in ./data of the process's own folder.
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-jar", jar.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("COMPACT_"));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("COMPACT_TOOLS_DIR", Path.of("audit-tools").toAbsolutePath().toString());
        env.put("COMPACT_BOOTSTRAP_ADMIN_EMAIL", ADMIN);
        env.put("COMPACT_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        env.put("COMPACT_CLOCK_FIXED", "2018-05-01T09:00:00Z");
        app = builder.start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("The service exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(url("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("The service did not start in time: see " + log);
    }

    private void stopGracefully() throws InterruptedException {
        app.destroy();
        app.waitFor();
        app = null;
    }

    private String signIn() throws Exception {
        String form = "j_username=" + ADMIN + "&j_password=" + PASSWORD;
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        return response.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("compact-audit-session=")).map(c -> c.substring(0, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + response.statusCode()));
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/compact-audit")
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE", "sa", "");
    }

    private static List<String> seed(Connection db) throws Exception {
        long partnership = insert(db, "INSERT INTO partnership (code, name, contact_name, contact_email) VALUES"
                + " ('crash', 'Crash Partnership', 'Pat', 'pat@crash.test')");
        long tool = insert(db, "INSERT INTO tool_version (tool_key, version, variant, title, content_hash, source_name,"
                + " source_yaml, published_at) VALUES ('crash', '1', 'full', 'Crash tool', '" + "0".repeat(64)
                + "', 'crash', '#', TIMESTAMP '2018-04-01 09:00:00')");
        exec(db, "INSERT INTO tool_version_sector (tool_version_id, sector_code) VALUES (" + tool + ", 'school')");
        long standard = insert(db, "INSERT INTO standard (tool_version_id, standard_key, title, description, position)"
                + " VALUES (" + tool + ", 's1', 'Standard 1', 'Crash', 1)");
        for (int q = 1; q <= QUESTIONS; q++) {
            exec(db, "INSERT INTO question (standard_id, question_key, text, na_allowed, position, guidance_outstanding,"
                    + " guidance_good, guidance_requires_improvement, guidance_inadequate) VALUES (" + standard
                    + ", 's1-q" + q + "', 'Question " + q + "?', TRUE, " + q + ", 'o', 'g', 'ri', 'i')");
        }
        long round = insert(db, "INSERT INTO audit_round (partnership_id, name, cycle_group, opens_on, due_on, closes_on,"
                + " status, sent_at, chaser_repeat_days, chaser_max, created_at, version) VALUES (" + partnership
                + ", 'Crash round', 'A', DATE '2018-04-01', DATE '2018-06-30', DATE '2018-07-31', 'SENT',"
                + " TIMESTAMP '2018-04-01 09:00:00', 7, 5, TIMESTAMP '2018-04-01 09:00:00', 0)");
        exec(db, "INSERT INTO round_tool (round_id, sector_code, tool_version_id) VALUES (" + round + ", 'school', " + tool + ")");
        List<String> tokens = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int a = 0; a < THREADS; a++) {
            long agency = insert(db, "INSERT INTO agency (name, sector_code, cycle_group, lead_name, lead_email, active,"
                    + " created_at, updated_at, version) VALUES ('Crash school " + a + "', 'school', 'A', 'Lead',"
                    + " 'lead" + a + "@crash.test', TRUE, TIMESTAMP '2018-01-01 09:00:00', TIMESTAMP '2018-01-01 09:00:00', 0)");
            exec(db, "INSERT INTO agency_partnership (agency_id, partnership_id) VALUES (" + agency + ", " + partnership + ")");
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            long ret = insert(db, "INSERT INTO audit_return (round_id, agency_id, tool_version_id, cohort_reason,"
                    + " status, invited_at, late, version) VALUES (" + round + ", " + agency + ", " + tool
                    + ", 'CYCLE_GROUP', 'NOT_STARTED', TIMESTAMP '2018-04-01 09:00:00', FALSE, 0)");
            exec(db, "INSERT INTO return_link (token_hash, return_id, purpose, issued_at) VALUES ('" + hash(token) + "', "
                    + ret + ", 'invitation', TIMESTAMP '2018-04-01 09:00:00')");
            tokens.add(token);
        }
        return tokens;
    }

    private static String hash(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static long insert(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void exec(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

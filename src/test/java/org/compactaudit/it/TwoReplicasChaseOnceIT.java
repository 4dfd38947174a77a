package org.compactaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.compactaudit.security.Passwords;

/**
 * The once-and-only-once proof: two instances of the packaged service (target/quarkus-app/quarkus-run.jar) on
 * loopback, one MariaDB, one GreenMail. Both send the same round's chasers at the same moment and both drain the
 * outbox; GreenMail must receive exactly one invitation and one chaser per agency.
 * Runs only when COMPACT_TEST_MARIADB_URL is set and the jar was built with quarkus.datasource.db-kind=mariadb.
 */
class TwoReplicasChaseOnceIT {

    private static final int AGENCIES = 40;
    private static final String PASSWORD = "two-replicas-password";

    private static GreenMail greenMail;
    private static final List<Process> replicas = new ArrayList<>();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String url;
    private static String user;
    private static String password;

    @BeforeAll
    static void start() throws Exception {
        url = System.getenv("COMPACT_TEST_MARIADB_URL");
        assumeTrue(url != null && !url.isBlank(), "COMPACT_TEST_MARIADB_URL is not set: skipping the two-replica test");
        user = System.getenv().getOrDefault("COMPACT_TEST_MARIADB_USER", "compact");
        password = System.getenv().getOrDefault("COMPACT_TEST_MARIADB_PASSWORD", "compact");
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assumeTrue(Files.exists(jar), "target/quarkus-app/quarkus-run.jar is missing: run ./mvnw verify (package first)");
        Flyway.configure().dataSource(url, user, password).cleanDisabled(false).load().clean();

        greenMail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        int smtp = greenMail.getSmtp().getPort();
        for (int i = 0; i < 2; i++) {
            replicas.add(launch(jar, freePort(), smtp, i));
        }
    }

    @AfterAll
    static void stop() {
        replicas.forEach(Process::destroy);
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static Process launch(Path jar, int port, int smtp, int index) throws IOException {
        File log = new File("target/replica-" + index + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        env.put("QUARKUS_MAILER_MOCK", "false");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(smtp));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", "two-replicas-session-key-0123456789");
        // Mid-June 2018: the round below is due 30 June, so the 27 June chaser (due-3) is due.
        env.put("COMPACT_CLOCK_FIXED", "2018-06-27T09:00:00Z");
        env.put("COMPACT_OUTBOX_EVERY", "1s");
        env.put("COMPACT_OUTBOX_DELAY", "1s");
        env.put("COMPACT_CHASERS_EVERY", "off");
        env.put("COMPACT_BASE_URL", "http://127.0.0.1:" + port);
        Process process = builder.start();
        waitUntilUp(process, port, log);
        return process;
    }

    private static void waitUntilUp(Process process, int port, File log) throws IOException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                String output = Files.readString(log.toPath());
                assumeTrue(!output.contains("h2") || !output.toLowerCase().contains("driver"),
                        "The packaged jar is not a MariaDB build (package with -Dquarkus.datasource.db-kind=mariadb)");
                throw new IllegalStateException("Replica exited: see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    replicaPorts.add(port);
                    return;
                }
            } catch (IOException | InterruptedException e) {
                // not up yet
            }
            sleep(500);
        }
        throw new IllegalStateException("Replica did not start in time: see " + log);
    }

    private static final List<Integer> replicaPorts = new ArrayList<>();

    @Test
    void twoReplicasRunningTheChasersAtTheSameMomentSendEachChaserOnce() throws Exception {
        String manager = "manager-" + System.nanoTime() + "@it.test";
        List<String> leads = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            seed(db, manager, leads);
        }
        String round = """
                {"name": "2018-19", "partnership": "it", "cycleGroup": "A", "opensOn": "2018-04-01",
                 "dueOn": "2018-06-30", "closesOn": "2018-07-31", "tools": {"school": "it-tool/1"}}""";
        HttpResponse<String> created = call(replicaPorts.get(0), "POST", "/api/v1/rounds", round, manager);
        assertEquals(201, created.statusCode(), created.body());
        String id = created.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
        assertEquals(200, call(replicaPorts.get(1), "POST", "/api/v1/rounds/" + id + "/send", "", manager).statusCode());

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> call(replicaPorts.get(0), "POST", "/api/v1/rounds/" + id + "/chasers/run", "", manager));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(
                () -> call(replicaPorts.get(1), "POST", "/api/v1/rounds/" + id + "/chasers/run", "", manager));
        int queued = queued(first.get()) + queued(second.get());
        assertEquals(AGENCIES, queued, "chasers queued by the two replicas together");

        // Both replicas drain the outbox every second; wait until it is empty.
        long deadline = System.currentTimeMillis() + 120_000;
        while (greenMail.getReceivedMessages().length < 2 * AGENCIES && System.currentTimeMillis() < deadline) {
            sleep(500);
        }
        sleep(3000);
        MimeMessage[] received = greenMail.getReceivedMessages();
        Map<String, Integer> perLead = new HashMap<>();
        for (MimeMessage message : received) {
            String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
            perLead.merge(to + " " + (message.getSubject().startsWith("Reminder") ? "chaser" : "invitation"), 1, Integer::sum);
        }
        assertEquals(2 * AGENCIES, received.length, "messages received by GreenMail: " + perLead);
        for (String lead : leads) {
            assertEquals(1, perLead.getOrDefault(lead + " invitation", 0), lead);
            assertEquals(1, perLead.getOrDefault(lead + " chaser", 0), lead);
        }
        for (MimeMessage message : received) {
            assertEquals(1, message.getAllRecipients().length);
        }
    }

    private static int queued(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Integer.parseInt(response.body().replaceAll("(?s).*\"chasersQueued\":(\\d+).*", "$1"));
    }

    private static void seed(Connection db, String manager, List<String> leads) throws Exception {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO partnership (code, name, contact_name, contact_email) VALUES"
                    + " ('it', 'Two Replica Partnership', 'Pat', 'pat@it.test')");
            s.executeUpdate("INSERT INTO tool_version (tool_key, version, variant, title, content_hash, source_name, source_yaml, published_at)"
                    + " VALUES ('it-tool', '1', 'full', 'IT tool', '" + "0".repeat(64) + "', 'it', '#', '2018-01-01 00:00:00')");
        }
        long partnership = single(db, "SELECT id FROM partnership WHERE code = 'it'");
        long tool = single(db, "SELECT id FROM tool_version WHERE tool_key = 'it-tool'");
        try (Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO tool_version_sector (tool_version_id, sector_code) VALUES (" + tool + ", 'school')");
        }
        try (PreparedStatement u = db.prepareStatement("INSERT INTO staff_user (email, display_name, password_hash, roles, active,"
                + " created_at) VALUES (?, 'IT manager', ?, 'manager', TRUE, '2018-01-01 00:00:00')")) {
            u.setString(1, manager);
            u.setString(2, Passwords.hash(PASSWORD));
            u.executeUpdate();
        }
        try (Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO staff_partnership (staff_user_id, partnership_id) SELECT id, " + partnership
                    + " FROM staff_user WHERE email = '" + manager + "'");
        }
        try (PreparedStatement a = db.prepareStatement("INSERT INTO agency (name, sector_code, cycle_group, lead_name, lead_email,"
                + " active, created_at, updated_at, version) VALUES (?, 'school', 'A', 'Lee', ?, TRUE, '2018-01-01 00:00:00',"
                + " '2018-01-01 00:00:00', 0)", Statement.RETURN_GENERATED_KEYS);
                PreparedStatement link = db.prepareStatement("INSERT INTO agency_partnership (agency_id, partnership_id) VALUES (?, ?)")) {
            for (int i = 0; i < AGENCIES; i++) {
                String lead = "lead" + i + "@school" + i + ".it.test";
                leads.add(lead);
                a.setString(1, "IT School " + i);
                a.setString(2, lead);
                a.executeUpdate();
                try (ResultSet keys = a.getGeneratedKeys()) {
                    keys.next();
                    link.setLong(1, keys.getLong(1));
                    link.setLong(2, partnership);
                    link.executeUpdate();
                }
            }
        }
    }

    private static long single(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HttpResponse<String> call(int port, String method, String path, String body, String manager) {
        try {
            String auth = Base64.getEncoder().encodeToString((manager + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(120)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.compactaudit.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.flywaydb.core.Flyway;

/**
 * Issue 12's scale check, not part of the test suite (its name matches no surefire include): does one partnership's
 * returns dashboard, round report and CSV export slow down when the install hosts 150 partnerships? Two H2 file
 * databases are seeded over JDBC ({@link ScaleSeed}): "alone" holds only the measured partnership, "full" holds it
 * among all the others, its rows the same in both. The packaged service (target/quarkus-app) is started once on each,
 * side by side; a manager of the measured partnership is added through the users API in each and signs in (form
 * cookie for pages, HTTP Basic for the API). Each endpoint is then called on both, alternating (A B B A ...), after
 * a warm-up, one request at a time; the harness prints p50/p95 for each database, the ratio full/alone and the
 * issue's 1.2 bound, the CSV export's rows/s likewise, and H2's plans of the statements each request ran
 * ({@link ScalePlans}), flagging those that read more rows in the full database. See docs/partnerships.md.
 *
 * <pre>
 * ./mvnw -B package -DskipTests
 * java -cp "target/test-classes:target/classes:target/quarkus-app/lib/main/*" org.compactaudit.bench.ScaleBenchmark \
 *     [partnerships=150] [agencies=300] [standards=4] [questions=5] [iterations=500] [warmup=50] [csv=60]
 * </pre>
 */
public final class ScaleBenchmark {

    private static final String ADMIN = "bench-admin@bench.example.org";
    private static final String PASSWORD = "scale-bench-password-1";
    private static final double BOUND = 1.2;

    /** A started service on one of the two databases, with the measured partnership's round and manager. */
    private record App(String name, Process process, int port, String jdbcUrl, Path database, long roundId,
            String basic, String cookie) {

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    /** One measured request: what it is and the path under the round. */
    private record Endpoint(String label, String path, boolean page) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("returns dashboard page, first page (GET /rounds/{id})", "/rounds/%d", true),
            new Endpoint("returns API, page 1 (GET /api/v1/rounds/{id}/returns)", "/api/v1/rounds/%d/returns", false),
            new Endpoint("round report API (GET /api/v1/rounds/{id}/report)", "/api/v1/rounds/%d/report", false),
            new Endpoint("round report page (GET /rounds/{id}/report)", "/rounds/%d/report", true));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int partnerships = arg(args, 0, 150);
        int agencies = arg(args, 1, 300);
        int standards = arg(args, 2, 4);
        int questions = arg(args, 3, 5);
        int iterations = arg(args, 4, 500);
        int warmup = arg(args, 5, 50);
        int csvRuns = arg(args, 6, 60);
        int measured = partnerships / 2;
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -B package -DskipTests first");
        }
        Path dir = Path.of("target/scale-bench", partnerships + "x" + agencies + "-" + standards + "x" + questions)
                .toAbsolutePath();
        print("%d partnerships x %d agencies (%,d agencies), one sent round each, every return submitted, %d x %d questions;"
                + " measured partnership %s; data in %s", partnerships, agencies, partnerships * agencies, standards,
                questions, ScaleSeed.code(measured), dir);
        Path alone = seed(dir.resolve("alone"), List.of(measured), agencies, standards, questions);
        Path full = seed(dir.resolve("full"), IntStream.range(0, partnerships).boxed().toList(), agencies, standards, questions);

        List<App> apps = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> apps.forEach(a -> a.process().destroy())));
        try {
            apps.add(start("alone", alone, measured));
            apps.add(start("full", full, measured));
            run(apps, agencies, (long) agencies * standards * questions, iterations, warmup, csvRuns);
        } finally {
            for (App app : apps) {
                app.process().destroy();
                app.process().waitFor();
            }
        }
    }

    private static void run(List<App> apps, int agencies, long answers, int iterations, int warmup, int csvRuns)
            throws Exception {
        App alone = apps.get(0);
        App full = apps.get(1);
        for (App app : apps) {
            HttpResponse<String> page = get(app, "/api/v1/rounds/" + app.roundId() + "/returns", false);
            String total = page.headers().firstValue("X-Total-Count").orElse("none");
            if (page.statusCode() != 200 || !total.equals(String.valueOf(agencies))) {
                throw new IllegalStateException(app.name() + ": the returns API answered " + page.statusCode()
                        + " with X-Total-Count " + total + ", expected " + agencies);
            }
        }
        print("both services list the measured round's %d returns to its manager; %d warm-up then %d measured calls per"
                + " endpoint and database, alternating; load average %s", agencies, warmup, iterations, loadAverage());
        List<String> summary = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            Timing times = time(alone, full, warmup, iterations, endpoint);
            double ratio = pct(times.full(), 95) / pct(times.alone(), 95);
            String line = String.format("%s: alone p50 %.1f ms, p95 %.1f ms; full p50 %.1f ms, p95 %.1f ms; p95 ratio %.2f (%s %.1f);"
                    + " median of paired ratios %.2f", endpoint.label(), pct(times.alone(), 50), pct(times.alone(), 95),
                    pct(times.full(), 50), pct(times.full(), 95), ratio, ratio <= BOUND ? "within" : "OVER", BOUND,
                    times.pairedMedian());
            print("%s", line);
            summary.add(line);
        }
        Timing csv = csvRates(alone, full, csvRuns, answers);
        double csvRatio = median(csv.alone()) / median(csv.full());
        String csvLine = String.format("CSV export (GET /api/v1/rounds/{id}/export.csv, %,d rows): alone median %,.0f rows/s"
                + " (%,.0f-%,.0f), full median %,.0f rows/s (%,.0f-%,.0f); ratio alone/full %.2f (%s %.1f);"
                + " median of paired ratios %.2f", answers, median(csv.alone()), csv.alone()[0],
                csv.alone()[csv.alone().length - 1], median(csv.full()), csv.full()[0], csv.full()[csv.full().length - 1],
                csvRatio, csvRatio <= BOUND ? "within" : "OVER", BOUND, 1 / csv.pairedMedian());
        print("%s", csvLine);
        summary.add(csvLine);
        print("load average at the end of the timings: %s", loadAverage());
        plans(alone, full);
        print("summary:");
        summary.forEach(s -> print("  %s", s));
    }

    /**
     * Sorted times (or rates) on each database, and the median of the ratios full / alone of the calls made back to
     * back: a shared machine's load changes from one second to the next, and a pair of calls sees the same load.
     */
    private record Timing(double[] alone, double[] full, double pairedMedian) {

        static Timing of(double[][] raw) {
            double[] ratios = new double[raw[0].length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = raw[1][i] / raw[0][i];
            }
            double[] alone = raw[0].clone();
            double[] full = raw[1].clone();
            Arrays.sort(alone);
            Arrays.sort(full);
            Arrays.sort(ratios);
            return new Timing(alone, full, median(ratios));
        }
    }

    /** Warm-up, then calls alternating A B, B A, ... so neither database always goes first. */
    private static Timing time(App alone, App full, int warmup, int iterations, Endpoint endpoint) {
        for (int i = 0; i < warmup; i++) {
            call(alone, endpoint);
            call(full, endpoint);
        }
        double[][] times = new double[2][iterations];
        for (int i = 0; i < iterations; i++) {
            for (int k = 0; k < 2; k++) {
                int which = i % 2 == 0 ? k : 1 - k;
                long t = System.nanoTime();
                call(which == 0 ? alone : full, endpoint);
                times[which][i] = (System.nanoTime() - t) / 1e6;
            }
        }
        return Timing.of(times);
    }

    private static void call(App app, Endpoint endpoint) {
        HttpResponse<String> response = get(app, String.format(endpoint.path(), app.roundId()), endpoint.page());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(app.name() + " " + endpoint.label() + " answered " + response.statusCode());
        }
    }

    /** Rows per second of each download; each body is streamed and its lines counted. */
    private static Timing csvRates(App alone, App full, int runs, long expected) throws Exception {
        double[][] rates = new double[2][runs];
        for (int i = -2; i < runs; i++) {
            for (int k = 0; k < 2; k++) {
                int which = i % 2 == 0 ? k : 1 - k;
                App app = which == 0 ? alone : full;
                long t = System.nanoTime();
                long rows = csvRows(app);
                double seconds = (System.nanoTime() - t) / 1e9;
                if (rows != expected) {
                    throw new IllegalStateException(app.name() + ": the CSV export had " + rows + " rows, expected " + expected);
                }
                if (i >= 0) {
                    rates[which][i] = rows / seconds;
                }
            }
        }
        return Timing.of(rates);
    }

    private static long csvRows(App app) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HTTP.send(request(app, "/api/v1/rounds/" + app.roundId() + "/export.csv", false)
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(app.name() + ": the CSV export answered " + response.statusCode());
        }
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            for (int n; (n = in.read(buffer)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        // The seeded evidence has no line breaks, so every line after the header is one answer.
        return lines - 1;
    }

    /** Each endpoint's statements on both databases, paired by their SQL; plans printed for those that grow. */
    private static void plans(App alone, App full) throws Exception {
        try (Connection a = DriverManager.getConnection(alone.jdbcUrl(), "sa", "");
                Connection f = DriverManager.getConnection(full.jdbcUrl(), "sa", "")) {
            ScalePlans alonePlans = new ScalePlans(a, alone.database());
            ScalePlans fullPlans = new ScalePlans(f, full.database());
            List<Endpoint> all = new ArrayList<>(ENDPOINTS);
            all.add(new Endpoint("CSV export (GET /api/v1/rounds/{id}/export.csv)", "/api/v1/rounds/%d/export.csv", false));
            // Not timed: the rounds list shows how a statement that reads every partnership's rows is flagged.
            all.add(new Endpoint("rounds list (GET /rounds), plans only", "/rounds", true));
            StringBuilder file = new StringBuilder();
            for (Endpoint endpoint : all) {
                List<ScalePlans.Planned> inAlone = alonePlans.plan(() -> call(alone, endpoint));
                List<ScalePlans.Planned> inFull = fullPlans.plan(() -> call(full, endpoint));
                print("statements of the %s: rows read alone / full, H2 ms alone / full", endpoint.label());
                for (ScalePlans.Planned p : inFull) {
                    ScalePlans.Planned q = inAlone.stream().filter(x -> x.statement().sql().equals(p.statement().sql()))
                            .findFirst().orElse(null);
                    long aloneRows = q == null ? -1 : q.scanned();
                    boolean grows = q == null || p.scanned() > aloneRows + Math.max(10, aloneRows / 10);
                    print("  %s %,9d / %,9d rows %5d / %5d ms  x%d  %s", grows ? "GROWS" : "     ", aloneRows, p.scanned(),
                            q == null ? -1 : q.statement().millis(), p.statement().millis(), p.statement().executions(),
                            abbreviate(p.statement().sql()));
                    file.append("== ").append(endpoint.label()).append(grows ? "  [GROWS]" : "").append("\n-- SQL\n")
                            .append(p.statement().sql()).append("\n-- plan, alone\n").append(q == null ? "(not run)" : q.plan())
                            .append("\n-- plan, full\n").append(p.plan()).append("\n\n");
                    if (grows) {
                        print("    plan alone: %s", q == null ? "(not run alone)" : oneLine(q.plan()));
                        print("    plan full:  %s", oneLine(p.plan()));
                    }
                }
            }
            Path out = alone.database().getParent().getParent().resolve("plans.txt");
            Files.writeString(out, file);
            print("every plan, alone and full: %s", out);
        }
    }

    private static Path seed(Path dir, List<Integer> partnerships, int agencies, int standards, int questions)
            throws SQLException, IOException {
        Path database = dir.resolve("compact-audit");
        Path done = dir.resolve("seeded");
        if (Files.exists(done)) {
            print("%s: reusing the database seeded earlier (%s); delete %s to seed again", dir.getFileName(),
                    Files.readString(done).trim(), dir);
            return database;
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        String url = jdbcUrl(database);
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        long start = System.nanoTime();
        long answers;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            answers = new ScaleSeed(agencies, standards, questions).write(c, partnerships);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String what = String.format("%d partnerships, %,d agencies and submitted returns, %,d answers, seeded in %.0f s"
                + " (%,.0f answers/s); file %,d MB", partnerships.size(), (long) partnerships.size() * agencies, answers,
                seconds, answers / seconds, Files.size(Path.of(database + ".mv.db")) >> 20);
        print("%s: %s", dir.getFileName(), what);
        Files.writeString(done, what + "\n");
        return database;
    }

    private static App start(String name, Path database, int measured) throws Exception {
        String url = jdbcUrl(database);
        long roundId;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            roundId = ScaleSeed.roundOf(c, measured);
        }
        int port = freePort();
        File log = database.resolveSibling("service.log").toFile();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
        env.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", "scale-bench-session-key-0123456789");
        env.put("COMPACT_BOOTSTRAP_ADMIN_EMAIL", ADMIN);
        env.put("COMPACT_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        // Mid-July 2018: the round is past its due date and still open.
        env.put("COMPACT_CLOCK_FIXED", "2018-07-15T09:00:00Z");
        env.put("COMPACT_OUTBOX_EVERY", "off");
        env.put("COMPACT_CHASERS_EVERY", "off");
        // One bcrypt check per client for the whole run, not one a minute in the middle of the timings.
        env.put("COMPACT_SECURITY_CREDENTIAL_CACHE", "PT2H");
        env.put("COMPACT_BASE_URL", "http://127.0.0.1:" + port);
        Process process = builder.start();
        long t = System.nanoTime();
        waitUntilUp(process, port, log);
        print("%s: service up on port %d in %.0f s (log %s)", name, port, (System.nanoTime() - t) / 1e9, log);
        String manager = "manager-" + System.currentTimeMillis() + "@" + ScaleSeed.code(measured) + ".example.org";
        App admin = new App(name, process, port, url, database, roundId, basic(ADMIN), null);
        String body = String.format("{\"email\": \"%s\", \"displayName\": \"Scale manager\", \"roles\": [\"manager\"],"
                + " \"partnership\": \"%s\", \"password\": \"%s\"}", manager, ScaleSeed.code(measured), PASSWORD);
        HttpResponse<String> created = HTTP.send(request(admin, "/api/v1/users", false).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException(name + ": adding the manager answered " + created.statusCode() + " " + created.body());
        }
        return new App(name, process, port, url, database, roundId, basic(manager), signIn(port, manager));
    }

    private static String signIn(int port, String email) throws IOException, InterruptedException {
        String form = "j_username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.discarding());
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("compact-audit-session="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Sign-in failed: " + response.statusCode()));
    }

    private static HttpRequest.Builder request(App app, String path, boolean page) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofMinutes(5));
        return page ? builder.header("Cookie", app.cookie()) : builder.header("Authorization", app.basic());
    }

    private static HttpResponse<String> get(App app, String path, boolean page) {
        try {
            return HTTP.send(request(app, path, page).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntilUp(Process process, int port, File log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited: see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The service did not start within 5 minutes: see " + log);
    }

    /** The service's default H2 settings, with AUTO_SERVER so the harness can read plans from the running service's file. */
    private static String jdbcUrl(Path database) {
        return "jdbc:h2:file:" + database + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
                + "AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    private static String basic(String email) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The machine's 1, 5 and 15 minute load averages: the harness shares its cores with whatever else runs. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double median(double[] sorted) {
        return pct(sorted, 50);
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 110 ? sql : sql.substring(0, 107) + "...";
    }

    private static String oneLine(String plan) {
        return plan.replaceAll("\\s+", " ");
    }

    private static void print(String format, Object... args) {
        System.out.println("[scale] " + String.format(format, args));
    }
}

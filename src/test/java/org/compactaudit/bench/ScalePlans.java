package org.compactaudit.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.util.StringUtils;

/**
 * The statements one request makes the running service execute, and H2's plan for each, without a copy of the
 * service's SQL here (so it follows the query classes as they change): with {@code TRACE_LEVEL_FILE} 2 H2 writes
 * every statement and its parameters to {@code <database>.trace.db}; the harness switches that on over its own
 * connection (the service's file is shared through H2's AUTO_SERVER), makes the request, switches it off, reads
 * the statements back, and runs {@code EXPLAIN ANALYZE} on each SELECT with its parameters in place. The rows a
 * plan reads are the {@code scanCount} figures it reports, summed over its tables. (The trace's layout and
 * {@code StringUtils.javaDecode} are H2's, not a public API: checked with H2 2.4.240.)
 */
final class ScalePlans {

    /** One SELECT as the service ran it: its text with parameters, how often, H2's time for it. */
    record Traced(String sql, String literal, int executions, long millis) {
    }

    /** A traced SELECT with its plan and the rows the plan read. */
    record Planned(Traced statement, String plan, long scanned) {
    }

    private static final Pattern ENTRY = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d [0-9:.]+Z? ");
    private static final Pattern HEADER = Pattern.compile("/\\*SQL(?: l:(\\d+))?(?: #:\\d+)?(?: t:(\\d+))?\\*/", Pattern.DOTALL);
    private static final Pattern SCANNED = Pattern.compile("scanCount: (\\d+)");

    private final Connection connection;
    private final Path traceFile;

    ScalePlans(Connection connection, Path databaseFile) {
        this.connection = connection;
        this.traceFile = databaseFile.resolveSibling(databaseFile.getFileName() + ".trace.db");
    }

    /** Every distinct SELECT the request ran, in order of first execution, with its plan. */
    List<Planned> plan(Runnable request) throws SQLException, IOException {
        long from = Files.exists(traceFile) ? Files.size(traceFile) : 0;
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRACE_LEVEL_FILE 2");
            try {
                request.run();
            } finally {
                s.execute("SET TRACE_LEVEL_FILE 0");
            }
        }
        List<Planned> plans = new ArrayList<>();
        for (Traced traced : selects(read(from))) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN ANALYZE " + traced.literal())) {
                rs.next();
                String plan = rs.getString(1);
                long scanned = 0;
                for (Matcher m = SCANNED.matcher(plan); m.find();) {
                    scanned += Long.parseLong(m.group(1));
                }
                plans.add(new Planned(traced, plan, scanned));
            }
        }
        return plans;
    }

    private String read(long from) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(traceFile.toFile(), "r")) {
            file.seek(from);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The trace's statements: "/*SQL l:<length of the SQL> #:<rows> t:<ms>*&#47;<SQL> {1: literal, 2: ...};". */
    static List<Traced> selects(String trace) {
        Map<String, Traced> distinct = new LinkedHashMap<>();
        for (String entry : ENTRY.split(trace)) {
            Matcher header = HEADER.matcher(entry);
            if (!header.find()) {
                continue;
            }
            // H2 writes each entry Java-escaped (a line break as \\n); the length it gives is the SQL's own.
            String body = StringUtils.javaDecode(entry.substring(header.end()).stripTrailing());
            String sql = header.group(1) != null ? body.substring(0, Integer.parseInt(header.group(1)))
                    : body.substring(0, body.length() - 1);
            String lead = sql.stripLeading().toLowerCase();
            if (!lead.startsWith("select") && !lead.startsWith("with")) {
                continue;
            }
            String rest = body.substring(sql.length()).trim();
            List<String> parameters = rest.startsWith("{") ? parameters(rest.substring(0, rest.lastIndexOf('}') + 1)) : List.of();
            long millis = header.group(2) == null ? 0 : Long.parseLong(header.group(2));
            String key = sql.replaceAll("\\s+", " ").trim();
            Traced seen = distinct.get(key);
            distinct.put(key, seen == null ? new Traced(key, substitute(sql, parameters), 1, millis)
                    : new Traced(key, seen.literal(), seen.executions() + 1, seen.millis() + millis));
        }
        return new ArrayList<>(distinct.values());
    }

    /** "{1: CAST(2 AS BIGINT), 2: 'it''s'}" → the literals in order. */
    static List<String> parameters(String block) {
        List<String> values = new ArrayList<>();
        int i = 1;
        while (i < block.length() - 1) {
            i = block.indexOf(": ", i) + 2;
            int start = i;
            int depth = 0;
            boolean quoted = false;
            for (; i < block.length() - 1; i++) {
                char c = block.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')') {
                    depth--;
                } else if (!quoted && depth == 0 && c == ',' && block.startsWith(", ", i)
                        && block.substring(i + 2).matches("(?s)\\d+: .*")) {
                    break;
                }
            }
            values.add(block.substring(start, i));
            i += 2;
        }
        return values;
    }

    /** The SQL with each ? outside string literals replaced by the next parameter. */
    static String substitute(String sql, List<String> parameters) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        int next = 0;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '?' && !quoted && next < parameters.size()) {
                out.append(parameters.get(next++));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

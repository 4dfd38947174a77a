package org.compactaudit.reporting;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import org.compactaudit.common.DomainException;
import org.compactaudit.reporting.WideExportQueries.ReturnRow;

/**
 * One row per agency (its counted return), as CSV or as a one-sheet workbook: agency, sector, tool version, submitted, late, then each question's
 * grade, optionally followed by its evidence and Not applicable reason ({@code evidence}) and its action, owner and
 * due date ({@code actions}) — the shape spreadsheet users and survey tools expect, beside the long export. Streamed:
 * the answers are read a chunk of returns at a time, so memory holds one chunk, whatever the size of the round.
 */
@ApplicationScoped
public class WideExport {

    /**
     * Returns whose answers are read together: bounded memory and few round trips, and a short IN list, since H2
     * checks every row it reads against the list value by value (200 made that check a third of the read).
     */
    private static final int CHUNK = 50;

    /** Worksheet rows written to the stream at a time. */
    private static final int FLUSH_EVERY = 100;

    public static final Set<String> DETAILS = Set.of("evidence", "actions");

    @Inject
    DataSource dataSource;

    @Inject
    WideExportQueries queries;

    @Inject
    QuestionsReports questionReports;

    /** Checks the details asked for before anything is streamed, so a mistake is a 400, not a broken download. */
    public static Set<String> details(List<String> asked) {
        Set<String> details = new java.util.TreeSet<>();
        for (String a : asked) {
            for (String d : a.split(",")) {
                if (d.isBlank()) {
                    continue;
                }
                if (!DETAILS.contains(d.strip())) {
                    throw DomainException.invalid("include", "Include evidence, actions or both.");
                }
                details.add(d.strip());
            }
        }
        return details;
    }

    /** Writes the CSV and returns the number of agency rows. */
    public long writeCsv(long roundId, Set<String> details, OutputStream out) {
        try {
            CSVPrinter csv = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16),
                    CSVFormat.DEFAULT);
            long rows = rows(roundId, details, row -> csv.printRecord((Object[]) row));
            csv.flush();
            return rows - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the same rows as one worksheet. Cells are inline strings, not the shared-string table (which the
     * library keeps in memory until the end), and rows are flushed to the stream as they are written.
     */
    public long writeXlsx(long roundId, Set<String> details, OutputStream out) {
        try {
            Workbook workbook = new Workbook(out, "Compact Audit", "1.0");
            Worksheet sheet = workbook.newWorksheet("Agencies");
            long[] n = {0};
            rows(roundId, details, row -> {
                int r = (int) n[0]++;
                for (int c = 0; c < row.length; c++) {
                    if (row[c] != null) {
                        sheet.inlineString(r, c, row[c]);
                    }
                }
                if (r % FLUSH_EVERY == 0) {
                    sheet.flush();
                }
            });
            workbook.finish();
            return n[0] - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface RowSink {
        void accept(String[] row) throws IOException;
    }

    /** Hands the header and then one row per counted return to {@code sink}; returns how many rows in all. */
    private long rows(long roundId, Set<String> details, RowSink sink) throws IOException {
        boolean evidence = details.contains("evidence");
        boolean actions = details.contains("actions");
        List<String> keys = new ArrayList<>();
        questionReports.questions(roundId).standards()
                .forEach(s -> s.questions().forEach(q -> keys.add(q.questionKey())));
        Map<String, Integer> column = new HashMap<>();
        List<String> header = new ArrayList<>(List.of("agency", "sector", "toolVersion", "submittedAt", "late"));
        for (String key : keys) {
            column.put(key, header.size());
            header.add(key);
            if (evidence) {
                header.addAll(List.of(key + " evidence", key + " naReason"));
            }
            if (actions) {
                header.addAll(List.of(key + " action", key + " actionOwner", key + " actionDue"));
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            // Question id → its first column, once: the loop below does one map look-up per answer.
            Map<Long, Integer> columnOf = new HashMap<>();
            queries.questionKeys(connection, roundId).forEach((id, key) -> {
                Integer c = column.get(key);
                if (c != null) {
                    columnOf.put(id, c);
                }
            });
            List<ReturnRow> returns = queries.returns(connection, roundId);
            sink.accept(header.toArray(String[]::new));
            String[][] rows = new String[Math.min(CHUNK, returns.size())][header.size()];
            Map<Long, String[]> rowOf = new HashMap<>();
            for (int from = 0; from < returns.size(); from += CHUNK) {
                List<ReturnRow> chunk = returns.subList(from, Math.min(returns.size(), from + CHUNK));
                rowOf.clear();
                for (int i = 0; i < chunk.size(); i++) {
                    ReturnRow r = chunk.get(i);
                    String[] row = rows[i];
                    Arrays.fill(row, null);
                    row[0] = r.agency();
                    row[1] = r.sector();
                    row[2] = r.toolVersion();
                    row[3] = r.submittedAt() == null ? null : r.submittedAt().toString();
                    row[4] = Boolean.toString(r.late());
                    rowOf.put(r.returnId(), row);
                }
                queries.answers(connection, chunk.stream().map(ReturnRow::returnId).toList(), evidence || actions, a -> {
                    Integer c = columnOf.get(a.questionId());
                    if (c == null) {
                        return;
                    }
                    String[] row = rowOf.get(a.returnId());
                    row[c] = a.grade();
                    int next = c + 1;
                    if (evidence) {
                        row[next++] = a.evidence();
                        row[next++] = a.naReason();
                    }
                    if (actions) {
                        row[next++] = a.actionWhat();
                        row[next++] = a.actionOwner();
                        row[next] = a.actionDue() == null ? null : a.actionDue().toString();
                    }
                });
                for (int i = 0; i < chunk.size(); i++) {
                    sink.accept(rows[i]);
                }
            }
            return returns.size() + 1L;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the answers of round " + roundId, e);
        }
    }
}

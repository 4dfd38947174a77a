package org.compactaudit.reporting;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import org.compactaudit.reporting.RoundReport.SectorFigures;
import org.compactaudit.reporting.RoundReport.SectorReturns;
import org.compactaudit.reporting.RoundReport.StandardFigures;
import org.compactaudit.reporting.RoundReport.WeakStandard;
import org.compactaudit.tool.Grade;
import org.compactaudit.web.PdfRenderer;

/** The round's exports: every answer as CSV (streamed), the figures as a workbook, the MESC report as PDF. */
@ApplicationScoped
public class ReportExports {

    public static final List<String> CSV_HEADER = List.of("round", "agency", "sector", "toolVersion", "standardKey",
            "questionKey", "grade", "naReason", "evidence", "actionWhat", "actionOwner", "actionDue", "submittedAt");

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** Rows fetched per round trip; the driver keeps no more than this in memory. */
    private static final int FETCH_SIZE = 2_000;

    /** The counted (submitted) returns of the round, with what each CSV row repeats of its return. */
    private static final String RETURNS = """
            SELECT c.return_id, rd.name, ag.name, c.sector_code, tv.tool_key, tv.version, r.submitted_at
            FROM report_counted_return c
            JOIN audit_round rd ON rd.id = c.round_id
            JOIN audit_return r ON r.id = c.return_id
            JOIN agency ag ON ag.id = r.agency_id
            JOIN tool_version tv ON tv.id = r.tool_version_id
            WHERE c.round_id = ?""";

    private static final String QUESTIONS = """
            SELECT q.id, s.standard_key, q.question_key FROM question q JOIN standard s ON s.id = q.standard_id
            WHERE s.tool_version_id IN (SELECT DISTINCT r.tool_version_id FROM audit_return r WHERE r.round_id = ?)""";

    /** Long format, grouped by return: the answers alone, so the database does no per-row joins. */
    private static final String ANSWERS = """
            SELECT an.return_id, an.question_id, an.grade, an.na_reason, an.evidence, an.action_what, an.action_owner,
                   an.action_due
            FROM report_counted_return c JOIN answer an ON an.return_id = c.return_id
            WHERE c.round_id = ?""";

    private record ReturnColumns(String round, String agency, String sector, String toolVersion, String submittedAt) {
    }

    private record QuestionColumns(String standardKey, String questionKey) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    ReportService reports;

    @Inject
    QuestionsReports questionReports;

    @Inject
    WideExport wide;

    @Inject
    PdfRenderer pdf;

    /**
     * The download named by {@code file} ({@code export.csv}, {@code export-wide.csv}, {@code export-wide.xlsx}, {@code export.xlsx} or
     * {@code export.pdf}) as an attachment: what the API and the report page both answer. {@code include} lists the
     * wide export's optional columns (evidence, actions).
     */
    public Response download(long roundId, String file, List<String> include) {
        reports.round(roundId);
        String name = "round-" + roundId + "-";
        return switch (file) {
            case "export-wide.csv" -> {
                Set<String> details = WideExport.details(include);
                yield attachment((StreamingOutput) out -> wide.writeCsv(roundId, details, out), "text/csv; charset=UTF-8",
                        name + "agencies.csv");
            }
            case "export-wide.xlsx" -> {
                Set<String> details = WideExport.details(include);
                yield attachment((StreamingOutput) out -> wide.writeXlsx(roundId, details, out), XLSX, name + "agencies.xlsx");
            }
            case "export.csv" -> attachment((StreamingOutput) out -> writeCsv(roundId, out), "text/csv; charset=UTF-8",
                    name + "answers.csv");
            case "export.xlsx" -> attachment(xlsx(roundId), XLSX, name + "report.xlsx");
            case "export.pdf" -> attachment(pdf(roundId), "application/pdf", name + "mesc-report.pdf");
            default -> throw new IllegalArgumentException("No export " + file);
        };
    }

    private static Response attachment(Object entity, String type, String filename) {
        return Response.ok(entity, type).header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    /**
     * Streams every answer of the round's submitted returns with a forward-only cursor, so memory stays flat
     * however many answers there are (MariaDB streams when a fetch size is set; H2 is asked for lazy execution).
     * The columns repeated from the return and the question come from maps loaded first (one entry per return and
     * per question), which keeps the streamed query to the answer table alone.
     */
    public long writeCsv(long roundId, OutputStream out) {
        try (Connection connection = dataSource.getConnection()) {
            boolean h2 = connection.getMetaData().getDatabaseProductName().equals("H2");
            Map<Long, ReturnColumns> returns = returns(connection, roundId);
            Map<Long, QuestionColumns> questions = questions(connection, roundId);
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                    .setHeader(CSV_HEADER.toArray(String[]::new)).get());
            long rows = 0;
            if (h2) {
                lazy(connection, true);
            }
            try (PreparedStatement statement = connection.prepareStatement(ANSWERS, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(FETCH_SIZE);
                statement.setLong(1, roundId);
                try (ResultSet rs = statement.executeQuery()) {
                    Object[] row = new Object[13];
                    while (rs.next()) {
                        ReturnColumns r = returns.get(rs.getLong(1));
                        QuestionColumns q = questions.get(rs.getLong(2));
                        row[0] = r.round();
                        row[1] = r.agency();
                        row[2] = r.sector();
                        row[3] = r.toolVersion();
                        row[4] = q.standardKey();
                        row[5] = q.questionKey();
                        for (int i = 3; i <= 7; i++) {
                            row[i + 3] = rs.getString(i);
                        }
                        java.sql.Date due = rs.getDate(8);
                        row[11] = due == null ? null : due.toLocalDate().toString();
                        row[12] = r.submittedAt();
                        csv.printRecord(row);
                        rows++;
                    }
                }
            } finally {
                if (h2) {
                    lazy(connection, false);
                }
            }
            csv.flush();
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the answers of round " + roundId, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Long, ReturnColumns> returns(Connection connection, long roundId) throws SQLException {
        Map<Long, ReturnColumns> returns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(RETURNS)) {
            statement.setLong(1, roundId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Timestamp at = rs.getTimestamp(7);
                    returns.put(rs.getLong(1), new ReturnColumns(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5) + "/" + rs.getString(6), at == null ? null : at.toInstant().toString()));
                }
            }
        }
        return returns;
    }

    private static Map<Long, QuestionColumns> questions(Connection connection, long roundId) throws SQLException {
        Map<Long, QuestionColumns> questions = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(QUESTIONS)) {
            statement.setLong(1, roundId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    questions.put(rs.getLong(1), new QuestionColumns(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return questions;
    }

    /** H2 computes a whole result before returning its first row unless asked to stream it. */
    private static void lazy(Connection connection, boolean on) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LAZY_QUERY_EXECUTION " + (on ? "TRUE" : "FALSE"));
        }
    }

    /**
     * The workbook: overview, return figures, weakest standards, every question (all sectors, then by sector) and
     * the Not applicable reasons, all from the tallies (figures only: small).
     */
    public byte[] xlsx(long roundId) {
        RoundReport report = reports.roundReport(roundId);
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            Workbook workbook = new Workbook(out, "Compact Audit", "1.0");
            Worksheet overview = workbook.newWorksheet("Overview");
            header(overview, "Standard key", "Standard", "Sector", "Outstanding", "Good", "Requires Improvement",
                    "Inadequate", "Graded", "Not applicable", "Outstanding %", "Good %", "Requires Improvement %",
                    "Inadequate %");
            int r = 1;
            for (StandardFigures s : report.standards()) {
                for (SectorFigures f : s.sectors()) {
                    figures(overview, r++, 0, s.standardKey(), s.title(), f.sectorName(), f.figures());
                }
                figures(overview, r++, 0, s.standardKey(), s.title(), "All sectors", s.total());
            }

            Worksheet returns = workbook.newWorksheet("Return figures");
            header(returns, "Sector", "Cohort", "Returned", "Return rate %", "On time", "On-time rate %");
            r = 1;
            for (SectorReturns s : report.returns().bySector()) {
                returnRow(returns, r++, s);
            }
            returnRow(returns, r, report.returns().total());

            Worksheet weakest = workbook.newWorksheet("Weakest standards");
            header(weakest, "Rank", "Standard key", "Standard", "Services needing to improve", "Graded", "Share %");
            r = 1;
            for (WeakStandard w : report.weakestStandards()) {
                weakest.value(r, 0, w.rank());
                weakest.value(r, 1, w.standardKey());
                weakest.value(r, 2, w.title());
                weakest.value(r, 3, w.weakServices());
                weakest.value(r, 4, w.graded());
                weakest.value(r++, 5, w.weakShare());
            }

            QuestionsReport every = questionReports.questions(roundId);
            Worksheet totals = workbook.newWorksheet("Questions");
            header(totals, "Standard key", "Question key", "Question", "Sector", "Outstanding", "Good",
                    "Requires Improvement", "Inadequate", "Graded", "Not applicable", "Outstanding %", "Good %",
                    "Requires Improvement %", "Inadequate %");
            Worksheet questions = workbook.newWorksheet("Drill-downs");
            header(questions, "Standard key", "Question key", "Question", "Sector", "Outstanding", "Good",
                    "Requires Improvement", "Inadequate", "Graded", "Not applicable", "Outstanding %", "Good %",
                    "Requires Improvement %", "Inadequate %");
            r = 1;
            int t = 1;
            for (QuestionsReport.StandardQuestions s : every.standards()) {
                for (QuestionsReport.QuestionRow q : s.questions()) {
                    totals.value(t, 0, s.standardKey());
                    figures(totals, t++, 1, q.questionKey(), q.text(), "All sectors", q.total());
                    for (SectorFigures f : q.sectors()) {
                        questions.value(r, 0, s.standardKey());
                        figures(questions, r++, 1, q.questionKey(), q.text(), f.sectorName(), f.figures());
                    }
                    questions.value(r, 0, s.standardKey());
                    figures(questions, r++, 1, q.questionKey(), q.text(), "All sectors", q.total());
                }
            }
            Worksheet reasons = workbook.newWorksheet("Not applicable reasons");
            header(reasons, "Standard key", "Question key", "Sector", "Reason", "Answers");
            Map<String, List<QuestionsReports.Reason>> given = questionReports.notApplicableReasons(roundId);
            r = 1;
            for (QuestionsReport.StandardQuestions s : every.standards()) {
                for (QuestionsReport.QuestionRow q : s.questions()) {
                    for (QuestionsReports.Reason reason : given.getOrDefault(q.questionKey(), List.of())) {
                        reasons.value(r, 0, s.standardKey());
                        reasons.value(r, 1, q.questionKey());
                        reasons.value(r, 2, reason.sectorName());
                        reasons.value(r, 3, reason.reason());
                        reasons.value(r++, 4, reason.answers());
                    }
                }
            }
            workbook.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The MESC report as PDF, from the same content as the overview page. */
    public byte[] pdf(long roundId) {
        return pdf(reports.roundReport(roundId));
    }

    byte[] pdf(RoundReport report) {
        String xhtml = ReportResource.Templates.overviewPdf(report, ReportResource.GRADED, "", true).render();
        return pdf.render(xhtml);
    }

    private static void header(Worksheet sheet, String... titles) {
        for (int c = 0; c < titles.length; c++) {
            sheet.value(0, c, titles[c]);
        }
        sheet.range(0, 0, 0, titles.length - 1).style().bold().set();
    }

    /** Writes key, title, sector and then the distribution, from column {@code col}. */
    private static void figures(Worksheet sheet, int row, int col, String key, String title, String sector, Distribution d) {
        sheet.value(row, col, key);
        sheet.value(row, col + 1, title);
        sheet.value(row, col + 2, sector);
        distribution(sheet, row, col + 3, d);
    }

    private static void distribution(Worksheet sheet, int row, int col, Distribution d) {
        List<Grade> grades = ReportResource.GRADED;
        for (int g = 0; g < grades.size(); g++) {
            sheet.value(row, col + g, d.count(grades.get(g)));
            sheet.value(row, col + 6 + g, d.percentOf(grades.get(g)));
        }
        sheet.value(row, col + 4, d.graded());
        sheet.value(row, col + 5, d.notApplicable());
    }

    private static void returnRow(Worksheet sheet, int row, SectorReturns s) {
        sheet.value(row, 0, s.sectorName());
        sheet.value(row, 1, s.cohort());
        sheet.value(row, 2, s.returned());
        sheet.value(row, 3, s.getReturnRate());
        sheet.value(row, 4, s.onTime());
        sheet.value(row, 5, s.getOnTimeRate());
    }
}

package org.compactaudit.moderation;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import jakarta.ws.rs.core.Response;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The moderation report as one CSV: a row per tally, the first column saying which table it belongs to. */
final class ReportCsv {

    private ReportCsv() {
    }

    static Response response(Views.Report report) {
        return Response.ok(write(report), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"moderation-round-" + report.roundId() + ".csv\"")
                .build();
    }

    static String write(Views.Report report) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            csv.printRecord("section", "key", "name", "confirmed", "under-scored", "over-inflated", "compared",
                    "confirmed %", "under-scored %", "over-inflated %", "not comparable", "status", "date");
            row(csv, "overall", report.overall(), "", "");
            for (Views.Tally t : report.bySector()) {
                row(csv, "sector", t, "", "");
            }
            for (Views.Tally t : report.byStandard()) {
                row(csv, "standard", t, "", "");
            }
            for (Views.VisitOutcome v : report.visits()) {
                row(csv, "visit", v.outcomes(), v.status(), v.date() == null ? "" : v.date().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void row(CSVPrinter csv, String section, Views.Tally t, String status, String date) throws IOException {
        csv.printRecord(section, t.key(), t.label(), t.confirmed(), t.underScored(), t.overInflated(), t.compared(),
                t.confirmedPercent(), t.underScoredPercent(), t.overInflatedPercent(), t.notComparable(), status, date);
    }
}

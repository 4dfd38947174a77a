package org.compactaudit.agency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.compactaudit.common.Text;

/** The CSV layout shared by import and export, so an exported file imports back unchanged. */
public final class AgencyCsv {

    /** The header row: exactly the API's field names. */
    public static final List<String> COLUMNS = List.of("name", "sector", "subType", "cycleGroup", "leadName",
            "leadEmail", "seniorName", "seniorEmail", "partnerships", "active");

    /** Columns a file may leave out (active defaults to true). */
    public static final List<String> OPTIONAL_COLUMNS = List.of("active");

    /** Separates partnership codes inside the partnerships column. */
    public static final String PARTNERSHIP_SEPARATOR = ";";

    public static final String EXAMPLE = String.join(",", COLUMNS) + "\n"
            + "Ysgol Gymraeg Ffordd Dyffryn,school,Primary school,A,Siân Evans,s.evans@ysgol.example.org,"
            + "Rhys Jones,head@ysgol.example.org,north;south,true\n"
            + "\"St. Mary's — Café Club, Riverside\",voluntary-community,,B,Ann Lee,ann@cafeclub.example.org,,,north,\n";

    private AgencyCsv() {
    }

    /** Writes the agencies with a UTF-8 byte order mark, which spreadsheet programs need to read UTF-8. */
    public static void write(Writer out, List<AgencyListView.Row> rows) {
        try {
            out.write('\uFEFF');
            CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new))
                    .setRecordSeparator("\r\n").get().print(out);
            for (AgencyListView.Row row : rows) {
                Agency a = row.agency();
                printer.printRecord(Text.forSpreadsheet(a.name), a.sector.code, Text.forSpreadsheet(a.subType),
                        a.cycleGroup.name(), Text.forSpreadsheet(a.leadName), Text.forSpreadsheet(a.leadEmail),
                        Text.forSpreadsheet(a.seniorName), Text.forSpreadsheet(a.seniorEmail),
                        String.join(PARTNERSHIP_SEPARATOR, row.partnerships()), a.active);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.compactaudit.agency;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.DomainException;
import org.compactaudit.common.Text;
import org.compactaudit.web.Counts;

/**
 * Imports the agency directory from CSV, all or nothing: every row is checked first and any error imports
 * nothing. A row whose name (any case) and sector match an existing agency updates it, so the same file
 * imported twice changes nothing the second time. Sectors, partnerships and existing agencies are loaded
 * once, never per row.
 */
@ApplicationScoped
public class AgencyImporter {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_ROWS = 20_000;

    @Inject
    AgencyService agencies;

    @Inject
    AgencyQueries queries;

    @Inject
    Clock clock;

    private record Row(int line, AgencyForm form) {
    }

    @Transactional
    public ImportSummary importCsv(byte[] content) {
        String text = decode(content);
        List<ImportSummary.RowError> errors = new ArrayList<>();
        List<Row> rows = parse(text, errors);
        if (rows.isEmpty() && !errors.isEmpty()) {
            return ImportSummary.failed(errors);
        }
        AgencyService.Lookups lookups = agencies.lookups();
        Map<String, Integer> firstLineByKey = new HashMap<>();
        for (Row row : rows) {
            for (FieldError e : agencies.validate(row.form(), lookups)) {
                errors.add(new ImportSummary.RowError(row.line(), e.field() + ": " + e.message()));
            }
            String name = Text.blankToNull(row.form().name());
            lookups.sector(row.form().sector()).filter(sector -> name != null).ifPresent(sector -> {
                Integer first = firstLineByKey.putIfAbsent(AgencyService.matchKey(name, sector.code), row.line());
                if (first != null) {
                    errors.add(new ImportSummary.RowError(row.line(), "Duplicate row: line " + first
                            + " already has '" + name + "' in the " + sector.name + " sector"));
                }
            });
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(ImportSummary.RowError::line));
            return ImportSummary.failed(errors);
        }
        return save(rows, lookups);
    }

    private ImportSummary save(List<Row> rows, AgencyService.Lookups lookups) {
        Map<String, Agency> existing = new HashMap<>();
        // Only the agencies the importing staff may see: a row never updates another partnership's agency.
        queries.importable().forEach(a -> existing.put(AgencyService.matchKey(a.name, a.sector.code), a));
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (Row row : rows) {
            AgencyForm form = row.form();
            Agency agency = existing.get(AgencyService.matchKey(form.name(),
                    lookups.sector(form.sector()).orElseThrow().code));
            if (agency == null) {
                agency = new Agency();
                agency.createdAt = clock.instant();
                agencies.apply(agency, form, lookups);
                agency.persist();
                created++;
            } else if (agencies.differs(agency, form, lookups)) {
                agencies.apply(agency, form, lookups);
                updated++;
            } else {
                unchanged++;
            }
        }
        return new ImportSummary(created, updated, unchanged, List.of());
    }

    /** Strict UTF-8 (a wrongly encoded file would otherwise import mangled names), without a byte order mark. */
    private static String decode(byte[] content) {
        if (content.length > MAX_BYTES) {
            throw fileProblem("The file is larger than 5 MB. Split it into smaller files and import each.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw fileProblem("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.");
        }
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (text.isBlank()) {
            throw fileProblem("The file is empty. It needs a header row and at least one agency.");
        }
        return text;
    }

    private static List<Row> parse(String text, List<ImportSummary.RowError> errors) {
        int[] lineStarts = lineStarts(text);
        List<Row> rows = new ArrayList<>();
        // Empty lines are kept and skipped here: commons-csv would give the record after one the wrong position.
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(false).get()
                .parse(new StringReader(text))) {
            Map<String, Integer> columns = null;
            for (CSVRecord record : parser) {
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                int line = lineOf(lineStarts, record.getCharacterPosition());
                if (columns == null) {
                    columns = header(record, errors);
                    if (!errors.isEmpty()) {
                        return rows;
                    }
                    continue;
                }
                if (rows.size() == MAX_ROWS) {
                    throw fileProblem("The file has more than " + MAX_ROWS + " agencies. Split it and import each part.");
                }
                if (record.size() != columns.size()) {
                    errors.add(new ImportSummary.RowError(line, "The row has " + Counts.of(record.size(), "value", "values")
                            + " but the header has " + Counts.of(columns.size(), "column", "columns")));
                    continue;
                }
                rows.add(new Row(line, form(record, columns, line, errors)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            // commons-csv reports an unterminated quote this way; the message carries its position.
            throw fileProblem("The file is not valid CSV: " + e.getMessage());
        }
        return rows;
    }

    private static Map<String, Integer> header(CSVRecord record, List<ImportSummary.RowError> errors) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String column = record.get(i);
            if (!AgencyCsv.COLUMNS.contains(column)) {
                errors.add(new ImportSummary.RowError(1, "Unknown column '" + column + "'. The columns are: "
                        + String.join(",", AgencyCsv.COLUMNS) + " (names are case-sensitive)"));
            } else if (columns.putIfAbsent(column, i) != null) {
                errors.add(new ImportSummary.RowError(1, "Column '" + column + "' appears twice"));
            }
        }
        AgencyCsv.COLUMNS.stream()
                .filter(c -> !columns.containsKey(c) && !AgencyCsv.OPTIONAL_COLUMNS.contains(c))
                .forEach(c -> errors.add(new ImportSummary.RowError(1, "Missing column '" + c + "'")));
        return columns;
    }

    private static AgencyForm form(CSVRecord record, Map<String, Integer> columns, int line,
            List<ImportSummary.RowError> errors) {
        String partnerships = value(record, columns, "partnerships");
        String active = value(record, columns, "active");
        Boolean isActive = parseActive(active);
        if (isActive == null) {
            errors.add(new ImportSummary.RowError(line, "active: must be true or false, not '" + active + "'"));
        }
        return new AgencyForm(value(record, columns, "name"), value(record, columns, "sector"),
                value(record, columns, "subType"), value(record, columns, "cycleGroup"),
                value(record, columns, "leadName"), value(record, columns, "leadEmail"),
                value(record, columns, "seniorName"), value(record, columns, "seniorEmail"),
                partnerships == null ? List.of()
                        : Arrays.stream(partnerships.split(AgencyCsv.PARTNERSHIP_SEPARATOR))
                                .map(String::trim).filter(code -> !code.isEmpty()).toList(),
                isActive, null);
    }

    private static String value(CSVRecord record, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        return index == null ? null : Text.fromSpreadsheet(Text.blankToNull(record.get(index)));
    }

    /** Blank means active; null means the value is not understood. */
    private static Boolean parseActive(String value) {
        if (value == null) {
            return true;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> null;
        };
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The physical line (1-based) where a record starts, so people find it in their editor. */
    private static int lineOf(int[] lineStarts, long position) {
        int index = Arrays.binarySearch(lineStarts, (int) position);
        return (index >= 0 ? index : -index - 2) + 1;
    }

    static DomainException fileProblem(String message) {
        return DomainException.invalid(message, List.of(new FieldError("file", message)));
    }
}

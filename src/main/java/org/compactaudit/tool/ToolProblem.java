package org.compactaudit.tool;

/**
 * One thing wrong with a tool file: where it is (line and column from 1, 0 when unknown) and which field,
 * as a path like {@code standards[3].questions[1].guidance} (indexes from 0, as in JSON Path).
 */
public record ToolProblem(String source, int line, int column, String field, String message) {

    /** "line 42, column 7" or empty when the place is unknown. */
    public String place() {
        return line <= 0 ? "" : column <= 0 ? "line " + line : "line " + line + ", column " + column;
    }

    @Override
    public String toString() {
        String where = place().isEmpty() ? source : source + " " + place();
        return where + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message;
    }
}

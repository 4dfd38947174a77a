package org.compactaudit.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The statements of the wide export, over JDBC so rows stream: the round's counted returns (one row each), the
 * round's question ids by key, and the answers of a chunk of returns.
 */
@ApplicationScoped
public class WideExportQueries {

    /** One counted return: what its row of the wide export starts with. */
    public record ReturnRow(long returnId, String agency, String sector, String toolVersion, java.time.Instant submittedAt,
            boolean late) {
    }

    /** One answer, as the wide export's cells for its question; the texts are null when not asked for. */
    public record AnswerCells(long returnId, long questionId, String grade, String evidence, String naReason,
            String actionWhat, String actionOwner, java.time.LocalDate actionDue) {
    }

    /** The round's counted returns in sector order, then agency name. */
    List<ReturnRow> returns(Connection connection, long roundId) throws SQLException {
        List<ReturnRow> rows = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT c.return_id, ag.name, c.sector_code, tv.tool_key, tv.version, r.submitted_at, r.late
                FROM report_counted_return c
                JOIN audit_return r ON r.id = c.return_id
                JOIN agency ag ON ag.id = r.agency_id
                JOIN sector sc ON sc.code = c.sector_code
                JOIN tool_version tv ON tv.id = r.tool_version_id
                WHERE c.round_id = ? ORDER BY sc.sort_order, ag.name, c.return_id""")) {
            s.setLong(1, roundId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp at = rs.getTimestamp(6);
                    rows.add(new ReturnRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4) + "/" + rs.getString(5), at == null ? null : at.toInstant(), rs.getBoolean(7)));
                }
            }
        }
        return rows;
    }

    /** Question id → question key, for every tool version of the round's returns. */
    Map<Long, String> questionKeys(Connection connection, long roundId) throws SQLException {
        Map<Long, String> keys = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT q.id, q.question_key FROM question q JOIN standard st ON st.id = q.standard_id
                WHERE st.tool_version_id IN (SELECT DISTINCT r.tool_version_id FROM audit_return r WHERE r.round_id = ?)""")) {
            s.setLong(1, roundId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return keys;
    }

    /**
     * Hands {@code each} the answers of the given returns as they are read. Without {@code texts} only the grade is
     * read, from the index {@code ix_answer_grade} alone (V115): no answer row, with its evidence, is touched.
     */
    void answers(Connection connection, List<Long> returnIds, boolean texts, Consumer<AnswerCells> each)
            throws SQLException {
        String in = String.join(",", Collections.nCopies(returnIds.size(), "?"));
        String columns = texts ? ", an.evidence, an.na_reason, an.action_what, an.action_owner, an.action_due" : "";
        try (PreparedStatement s = connection.prepareStatement("SELECT an.return_id, an.question_id, an.grade" + columns
                + " FROM answer an WHERE an.return_id IN (" + in + ")")) {
            for (int i = 0; i < returnIds.size(); i++) {
                s.setLong(i + 1, returnIds.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (texts) {
                        java.sql.Date due = rs.getDate(8);
                        each.accept(new AnswerCells(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), due == null ? null : due.toLocalDate()));
                    } else {
                        each.accept(new AnswerCells(rs.getLong(1), rs.getLong(2), rs.getString(3), null, null, null, null,
                                null));
                    }
                }
            }
        }
    }
}

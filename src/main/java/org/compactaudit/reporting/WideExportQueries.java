package org.compactaudit.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** One answer, as the wide export's cells for its question. */
    public record AnswerCells(long questionId, String grade, String evidence, String naReason, String actionWhat,
            String actionOwner, java.time.LocalDate actionDue) {
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
     * The answers of the given returns, by return id; the evidence and action texts only when asked for, so a
     * grades-only export reads no long text.
     */
    Map<Long, List<AnswerCells>> answers(Connection connection, List<Long> returnIds, boolean texts) throws SQLException {
        Map<Long, List<AnswerCells>> answers = new HashMap<>();
        String columns = texts ? "an.evidence, an.na_reason, an.action_what, an.action_owner, an.action_due"
                : "NULL, NULL, NULL, NULL, NULL";
        String in = String.join(",", java.util.Collections.nCopies(returnIds.size(), "?"));
        try (PreparedStatement s = connection.prepareStatement("SELECT an.return_id, an.question_id, an.grade, " + columns
                + " FROM answer an WHERE an.return_id IN (" + in + ")")) {
            for (int i = 0; i < returnIds.size(); i++) {
                s.setLong(i + 1, returnIds.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    java.sql.Date due = rs.getDate(8);
                    answers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new AnswerCells(rs.getLong(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            due == null ? null : due.toLocalDate()));
                }
            }
        }
        return answers;
    }
}

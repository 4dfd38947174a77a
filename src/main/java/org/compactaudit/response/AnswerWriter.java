package org.compactaudit.response;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.compactaudit.common.Jdbc;
import org.compactaudit.round.ReturnStatus;
import org.compactaudit.round.RoundStatus;
import org.compactaudit.tool.Grade;

/**
 * The autosave path of one answer in a few plain statements on the transaction's own connection: agencies save
 * every few seconds while typing, so this path avoids loading and dirty-checking entities. The rules are
 * {@link ReturnService}'s.
 */
@ApplicationScoped
class AnswerWriter {

    /** What a save needs to know of the return its token opens. */
    record Target(long returnId, ReturnStatus status, long toolVersionId, String sector, RoundStatus roundStatus,
            LocalDate closesOn) {
    }

    private static final String TARGET = "select r.id, r.status, r.tool_version_id, a.sector_code, ro.status, ro.closes_on"
            + " from return_link l join audit_return r on r.id = l.return_id join audit_round ro on ro.id = r.round_id"
            + " join agency a on a.id = r.agency_id where l.token_hash = ? and l.revoked_at is null";

    private static final String STATUS = "status = case when status = 'NOT_STARTED' then 'IN_PROGRESS' else status end";

    /** Succeeds only for the first save of a minute, which therefore starts a new "saved" line in the history. */
    private static final String FIRST_SAVE_OF_MINUTE = "update audit_return set last_saved_at = ?, " + STATUS
            + " where id = ? and status <> 'SUBMITTED' and (last_saved_at is null or last_saved_at < ?)";

    private static final String LATER_SAVE = "update audit_return set last_saved_at = ?, " + STATUS
            + " where id = ? and status <> 'SUBMITTED'";

    private static final String EVENT_OF_MINUTE = "select id, detail from return_event where return_id = ? and kind = 'saved'"
            + " and occurred_at >= ? order by id desc";

    private static final String NEW_EVENT = "insert into return_event (return_id, kind, detail, occurred_at) values (?, 'saved', ?, ?)";

    private static final String EVENT_DETAIL = "update return_event set detail = ? where id = ?";

    private static final String UPDATE_ANSWER = "update answer set grade = ?, evidence = ?, na_reason = ?, action_what = ?,"
            + " action_owner = ?, action_due = ?, carried_forward = false, updated_at = ?, version = version + 1"
            + " where return_id = ? and question_id = ? and version = ?";

    private static final String INSERT_ANSWER = "insert into answer (return_id, question_id, grade, evidence, na_reason,"
            + " action_what, action_owner, action_due, carried_forward, updated_at, version)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, false, ?, 0)";

    @Inject
    EntityManager em;

    Optional<Target> target(String tokenHash) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(TARGET)) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Target(rs.getLong(1), ReturnStatus.valueOf(rs.getString(2)), rs.getLong(3),
                            rs.getString(4), RoundStatus.valueOf(rs.getString(5)), rs.getObject(6, LocalDate.class)));
                }
            }
        });
    }

    /**
     * Marks the return saved now (taking its row lock first, as a submit does) and records the question in this
     * minute's "saved" line of the history; false when the return has been submitted.
     */
    boolean markSaved(long returnId, String questionKey, Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        return work(c -> {
            if (update(c, FIRST_SAVE_OF_MINUTE, now, returnId, minute) == 1) {
                insertEvent(c, returnId, questionKey, now);
                return true;
            }
            if (update(c, LATER_SAVE, now, returnId, null) == 0) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(EVENT_OF_MINUTE)) {
                ps.setLong(1, returnId);
                bindInstant(ps, 2, minute);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        insertEvent(c, returnId, questionKey, now);
                        return true;
                    }
                    long id = rs.getLong(1);
                    String detail = rs.getString(2);
                    if (detail == null || !Arrays.asList(detail.split(", ")).contains(questionKey)) {
                        String all = detail == null || detail.isEmpty() ? questionKey : detail + ", " + questionKey;
                        try (PreparedStatement u = c.prepareStatement(EVENT_DETAIL)) {
                            u.setString(1, all.length() > 2000 ? all.substring(0, 1997) + "..." : all);
                            u.setLong(2, id);
                            u.executeUpdate();
                        }
                    }
                    return true;
                }
            }
        });
    }

    /** Writes the answer over the stored version {@code expectedVersion}; false when that is not the stored one. */
    boolean update(long returnId, long questionId, AnswerInput in, Instant now, int expectedVersion) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE_ANSWER)) {
                int i = bindContent(ps, 1, in);
                bindInstant(ps, i++, now);
                ps.setLong(i++, returnId);
                ps.setLong(i++, questionId);
                ps.setInt(i, expectedVersion);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Inserts the first answer to the question; false when someone else's first answer got there first. */
    boolean insert(long returnId, long questionId, AnswerInput in, Instant now) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_ANSWER)) {
                ps.setLong(1, returnId);
                ps.setLong(2, questionId);
                bindInstant(ps, bindContent(ps, 3, in), now);
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** The answer as the client now sees it, without reading it back. */
    static Answer written(AnswerInput in, Instant now, int version) {
        Answer a = new Answer();
        a.grade = grade(in);
        a.evidence = Answering.emptyToNull(in.evidence());
        a.naReason = Answering.emptyToNull(in.naReason());
        a.actionWhat = in.action() == null ? null : Answering.emptyToNull(in.action().what());
        a.actionOwner = in.action() == null ? null : Answering.emptyToNull(in.action().owner());
        a.actionDue = in.action() == null ? null : in.action().due();
        a.carriedForward = false;
        a.updatedAt = now;
        a.version = version;
        return a;
    }

    private int bindContent(PreparedStatement ps, int from, AnswerInput in) throws SQLException {
        Answer a = written(in, null, 0);
        int i = from;
        ps.setString(i++, a.grade == null ? null : a.grade.code);
        ps.setString(i++, a.evidence);
        ps.setString(i++, a.naReason);
        ps.setString(i++, a.actionWhat);
        ps.setString(i++, a.actionOwner);
        if (a.actionDue == null) {
            ps.setNull(i++, Types.DATE);
        } else {
            ps.setObject(i++, a.actionDue);
        }
        return i;
    }

    private static Grade grade(AnswerInput in) {
        return in.grade() == null || in.grade().isEmpty() ? null : Grade.fromCode(in.grade()).orElseThrow();
    }

    private int update(Connection c, String sql, Instant now, long returnId, Instant minute) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindInstant(ps, 1, now);
            ps.setLong(2, returnId);
            if (minute != null) {
                bindInstant(ps, 3, minute);
            }
            return ps.executeUpdate();
        }
    }

    private void insertEvent(Connection c, long returnId, String questionKey, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEW_EVENT)) {
            ps.setLong(1, returnId);
            ps.setString(2, questionKey);
            bindInstant(ps, 3, now);
            ps.executeUpdate();
        }
    }

    private void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        Jdbc.bind(em, ps, index, value);
    }

    private <T> T work(Jdbc.Work<T> work) {
        return Jdbc.work(em, work);
    }
}

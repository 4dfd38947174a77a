package org.compactaudit.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hosted install written over plain JDBC into a migrated, empty database, as the product would have left it:
 * partnerships of agencies (none shared), one tool every partnership uses (as the shipped tools are), one sent
 * round per partnership whose cohort is all its agencies, every return submitted, and what a submission maintains
 * (the question, standard and Not applicable tallies, each return's standard grades, the round's return figures).
 * Partnership {@code k} draws everything from its own {@link BenchData} seeded with {@code k}, so a partnership's
 * rows are the same whichever other partnerships the database holds. Rounds are sent one after another (a round's
 * returns are contiguous, as sending writes them), but answers are written round-robin across partnerships, one
 * return at a time, as agencies everywhere fill their returns in at the same season.
 */
final class ScaleSeed {

    static final Timestamp SENT = Timestamp.from(Instant.parse("2018-04-03T09:00:00Z"));
    private static final long SEED = 20_181_901L;
    private static final List<String> BY_RANK = List.of("inadequate", "requires-improvement", "good", "outstanding");
    private static final List<String> SECTOR_NAMES = List.of("Statutory", "Health", "GP practice", "School",
            "Further education", "Early years", "Voluntary group", "Sport club", "Faith group", "Company");

    /** One partnership as written: its round, and per agency (in ordinal order) the sector and return id. */
    private static final class Written {
        final int index;
        final BenchData data;
        final int[] sectors;
        final boolean[] late;
        long[] returnIds;
        long roundId;

        Written(int index, int agencies) {
            this.index = index;
            this.data = new BenchData(SEED + index);
            this.sectors = new int[agencies];
            this.late = new boolean[agencies];
        }
    }

    private final int agenciesEach;
    private final int standards;
    private final int questionsEach;
    private final List<long[]> questions = new ArrayList<>();
    private long toolId;

    ScaleSeed(int agenciesEach, int standards, int questionsEach) {
        this.agenciesEach = agenciesEach;
        this.standards = standards;
        this.questionsEach = questionsEach;
    }

    static String code(int index) {
        return String.format("p%03d", index);
    }

    /** Writes the partnerships with these indexes, in this order; answers the number of answers written. */
    long write(Connection c, List<Integer> partnerships) throws SQLException {
        c.setAutoCommit(false);
        tool(c);
        List<Written> written = new ArrayList<>();
        for (int index : partnerships) {
            written.add(partnership(c, index));
            c.commit();
        }
        long answers = answers(c, written);
        tallies(c);
        try (Statement s = c.createStatement()) {
            // H2 refreshes its selectivity figures itself after enough changed rows; do it once so both databases start alike.
            s.execute("ANALYZE");
        }
        c.commit();
        return answers;
    }

    /** The round of the partnership with this index. */
    static long roundOf(Connection c, int index) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT r.id FROM audit_round r JOIN partnership p ON p.id = r.partnership_id WHERE p.code = ?")) {
            s.setString(1, code(index));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void tool(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tool_version (tool_key, version, variant, title, content_hash, source_name, source_yaml,"
                    + " published_at) VALUES ('scale-bench', '2018-19', 'full', 'Section 11 audit (scale benchmark)', '"
                    + "0".repeat(64) + "', 'scale-bench', '# written by bench.ScaleSeed', '2018-03-01 09:00:00')");
            toolId = single(c, "SELECT id FROM tool_version WHERE tool_key = 'scale-bench'");
            s.executeUpdate("INSERT INTO tool_version_sector (tool_version_id, sector_code) SELECT " + toolId
                    + ", code FROM sector");
        }
        try (PreparedStatement standard = c.prepareStatement("INSERT INTO standard (tool_version_id, standard_key, title,"
                + " description, position) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                PreparedStatement question = c.prepareStatement("INSERT INTO question (standard_id, question_key, text,"
                        + " na_allowed, position, guidance_outstanding, guidance_good, guidance_requires_improvement,"
                        + " guidance_inadequate) VALUES (?, ?, ?, ?, ?, 'Outstanding looks like this.',"
                        + " 'Good looks like this.', 'Requires Improvement looks like this.', 'Inadequate looks like this.')",
                        Statement.RETURN_GENERATED_KEYS)) {
            for (int s = 1; s <= standards; s++) {
                standard.setLong(1, toolId);
                standard.setString(2, "s" + s);
                standard.setString(3, "Standard " + s);
                standard.setString(4, "What standard " + s + " asks of an agency.");
                standard.setInt(5, s);
                long standardId = insert(standard);
                for (int q = 1; q <= questionsEach; q++) {
                    question.setLong(1, standardId);
                    question.setString(2, "s" + s + "-q" + q);
                    question.setString(3, "Question " + q + " of standard " + s + "?");
                    question.setBoolean(4, true);
                    question.setInt(5, q);
                    questions.add(new long[] {insert(question), s - 1});
                }
            }
        }
    }

    /** The partnership, its agencies, its sent round and a submitted return per agency (answers come later). */
    private Written partnership(Connection c, int index) throws SQLException {
        Written p = new Written(index, agenciesEach);
        String code = code(index);
        long partnershipId;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO partnership (code, name, contact_name, contact_email)"
                + " VALUES (?, ?, 'Pat Manager', ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, code);
            s.setString(2, "Safeguarding Children Partnership " + index);
            s.setString(3, "contact@" + code + ".example.org");
            partnershipId = insert(s);
        }
        try (PreparedStatement agency = c.prepareStatement("INSERT INTO agency (name, sector_code, cycle_group, lead_name,"
                + " lead_email, active, created_at, updated_at, version) VALUES (?, ?, 'A', ?, ?, TRUE, ?, ?, 0)")) {
            for (int i = 0; i < agenciesEach; i++) {
                p.sectors[i] = p.data.sector();
                agency.setString(1, agencyName(index, i, p.sectors[i]));
                agency.setString(2, BenchData.SECTORS.get(p.sectors[i]));
                agency.setString(3, "Lead " + i);
                agency.setString(4, "lead" + i + "@agency" + i + "." + code + ".example.org");
                agency.setTimestamp(5, SENT);
                agency.setTimestamp(6, SENT);
                agency.addBatch();
            }
            agency.executeBatch();
        }
        long[] agencyIds = ids(c, "SELECT id FROM agency WHERE name LIKE ? ORDER BY id", "% of " + code);
        try (PreparedStatement link = c.prepareStatement("INSERT INTO agency_partnership (agency_id, partnership_id) VALUES (?, ?)")) {
            for (long id : agencyIds) {
                link.setLong(1, id);
                link.setLong(2, partnershipId);
                link.addBatch();
            }
            link.executeBatch();
        }
        try (PreparedStatement round = c.prepareStatement("INSERT INTO audit_round (partnership_id, name, cycle_group, opens_on,"
                + " due_on, closes_on, status, sent_at, chaser_repeat_days, chaser_max, created_at, version)"
                + " VALUES (?, '2018-19', 'A', DATE '2018-04-01', DATE '2018-06-30', DATE '2018-07-31', 'SENT', ?, 7, 5, ?, 1)",
                Statement.RETURN_GENERATED_KEYS)) {
            round.setLong(1, partnershipId);
            round.setTimestamp(2, SENT);
            round.setTimestamp(3, SENT);
            p.roundId = insert(round);
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO round_tool (round_id, sector_code, tool_version_id) SELECT " + p.roundId + ", code, "
                    + toolId + " FROM sector");
            s.executeUpdate("INSERT INTO chaser_step (round_id, offset_days) VALUES (" + p.roundId + ", -7), (" + p.roundId
                    + ", 7)");
        }
        try (PreparedStatement ret = c.prepareStatement("INSERT INTO audit_return (round_id, agency_id, tool_version_id,"
                + " cohort_reason, status, invited_at, first_opened_at, last_saved_at, submitted_at, late, submitted_by_name,"
                + " submitted_by_role, submitted_by_email, version) VALUES (?, ?, ?, 'CYCLE_GROUP', 'SUBMITTED', ?, ?, ?, ?, ?,"
                + " ?, 'Designated safeguarding lead', ?, 3)")) {
            for (int i = 0; i < agenciesEach; i++) {
                // About one in twelve late, as in the report benchmark; submissions spread over the weeks before the due date.
                p.late[i] = p.data.chance(8);
                Instant submitted = Instant.parse(p.late[i] ? "2018-07-01T10:00:00Z" : "2018-05-01T10:00:00Z")
                        .plus(p.data.upTo(p.late[i] ? 20 : 59), ChronoUnit.DAYS);
                ret.setLong(1, p.roundId);
                ret.setLong(2, agencyIds[i]);
                ret.setLong(3, toolId);
                ret.setTimestamp(4, SENT);
                ret.setTimestamp(5, Timestamp.from(SENT.toInstant().plus(1 + p.data.upTo(20), ChronoUnit.DAYS)));
                ret.setTimestamp(6, Timestamp.from(submitted.minus(1, ChronoUnit.HOURS)));
                ret.setTimestamp(7, Timestamp.from(submitted));
                ret.setBoolean(8, p.late[i]);
                ret.setString(9, "Lead " + i);
                ret.setString(10, "lead" + i + "@agency" + i + "." + code + ".example.org");
                ret.addBatch();
            }
            ret.executeBatch();
        }
        p.returnIds = ids(c, "SELECT id FROM audit_return WHERE round_id = ? ORDER BY id", p.roundId);
        return p;
    }

    static String agencyName(int partnership, int ordinal, int sector) {
        return SECTOR_NAMES.get(sector) + " " + (ordinal + 1) + " of " + code(partnership);
    }

    /** Every return's answers and standard grades, one return of each partnership in turn. */
    private long answers(Connection c, List<Written> written) throws SQLException {
        long answers = 0;
        try (PreparedStatement answer = c.prepareStatement("INSERT INTO answer (return_id, question_id, grade, evidence,"
                + " na_reason, action_what, action_owner, action_due, carried_forward, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, 1)");
                PreparedStatement standardGrade = c.prepareStatement("INSERT INTO return_standard_grade (return_id,"
                        + " standard_key, round_id, grade, list_order, agency_name) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < agenciesEach; i++) {
                for (Written p : written) {
                    int[] lowest = new int[standards];
                    Arrays.fill(lowest, Integer.MAX_VALUE);
                    for (long[] question : questions) {
                        String grade = p.data.grade(p.sectors[i]);
                        boolean weak = grade.equals("requires-improvement") || grade.equals("inadequate");
                        answer.setLong(1, p.returnIds[i]);
                        answer.setLong(2, question[0]);
                        answer.setString(3, grade);
                        answer.setString(4, p.data.chance(85) ? p.data.evidence() : null);
                        answer.setString(5, grade.equals("not-applicable") ? p.data.naReason() : null);
                        answer.setString(6, weak ? p.data.action() : null);
                        answer.setString(7, weak ? "Designated safeguarding lead" : null);
                        answer.setDate(8, weak ? java.sql.Date.valueOf("2019-03-31") : null);
                        answer.setTimestamp(9, SENT);
                        answer.addBatch();
                        int rank = BY_RANK.indexOf(grade);
                        int s = (int) question[1];
                        lowest[s] = Math.min(lowest[s], rank < 0 ? Integer.MAX_VALUE : rank);
                    }
                    answers += questions.size();
                    for (int s = 0; s < standards; s++) {
                        boolean na = lowest[s] == Integer.MAX_VALUE;
                        standardGrade.setLong(1, p.returnIds[i]);
                        standardGrade.setString(2, "s" + (s + 1));
                        standardGrade.setLong(3, p.roundId);
                        standardGrade.setString(4, na ? "not-applicable" : BY_RANK.get(lowest[s]));
                        // the agency list's order (V91): 1 Inadequate .. 4 Outstanding, 5 Not applicable
                        standardGrade.setInt(5, na ? 5 : lowest[s] + 1);
                        standardGrade.setString(6, agencyName(p.index, i, p.sectors[i]));
                        standardGrade.addBatch();
                    }
                }
                answer.executeBatch();
                standardGrade.executeBatch();
                c.commit();
            }
        }
        return answers;
    }

    /** The tallies a submission keeps, counted once over every round. */
    private static void tallies(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO round_sector_returns (round_id, sector_code, cohort, returned, on_time, exempt)"
                    + " SELECT r.round_id, a.sector_code, COUNT(*), COUNT(*), SUM(CASE WHEN r.late THEN 0 ELSE 1 END), 0"
                    + " FROM audit_return r JOIN agency a ON a.id = r.agency_id GROUP BY r.round_id, a.sector_code");
            s.executeUpdate("INSERT INTO report_counted_return (return_id, round_id, sector_code)"
                    + " SELECT r.id, r.round_id, a.sector_code FROM audit_return r JOIN agency a ON a.id = r.agency_id");
            c.commit();
            s.executeUpdate("INSERT INTO standard_grade_tally (round_id, standard_key, sector_code, grade, agencies)"
                    + " SELECT g.round_id, g.standard_key, c.sector_code, g.grade, COUNT(*) FROM return_standard_grade g"
                    + " JOIN report_counted_return c ON c.return_id = g.return_id"
                    + " GROUP BY g.round_id, g.standard_key, c.sector_code, g.grade");
            c.commit();
            s.executeUpdate("INSERT INTO grade_tally (round_id, standard_key, question_key, sector_code, grade, answers)"
                    + " SELECT c.round_id, s.standard_key, q.question_key, c.sector_code, an.grade, COUNT(*)"
                    + " FROM report_counted_return c JOIN answer an ON an.return_id = c.return_id"
                    + " JOIN question q ON q.id = an.question_id JOIN standard s ON s.id = q.standard_id"
                    + " GROUP BY c.round_id, s.standard_key, q.question_key, c.sector_code, an.grade");
            c.commit();
            s.executeUpdate("INSERT INTO na_reason_tally (round_id, standard_key, question_key, sector_code, reason, answers)"
                    + " SELECT c.round_id, s.standard_key, q.question_key, c.sector_code, COALESCE(an.na_reason, ''), COUNT(*)"
                    + " FROM report_counted_return c JOIN answer an ON an.return_id = c.return_id"
                    + " JOIN question q ON q.id = an.question_id JOIN standard s ON s.id = q.standard_id"
                    + " WHERE an.grade = 'not-applicable'"
                    + " GROUP BY c.round_id, s.standard_key, q.question_key, c.sector_code, COALESCE(an.na_reason, '')");
            c.commit();
        }
    }

    private static long insert(PreparedStatement statement) throws SQLException {
        statement.executeUpdate();
        try (ResultSet keys = statement.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long[] ids(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        }
    }
}

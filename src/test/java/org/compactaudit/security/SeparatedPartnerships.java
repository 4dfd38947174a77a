package org.compactaudit.security;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.mail.Outbox;
import org.compactaudit.mail.OutboxMessage;
import org.compactaudit.mail.OutboxStatus;
import org.compactaudit.moderation.ModerationVisit;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.ToolVersion;

/**
 * Two partnerships for the separation tests: the first with one of everything a partnership owns (rounds, returns,
 * its own and a shared agency, a moderation visit, an outbox message, an uploaded tool version), the other with its
 * own round and its own manager, MESC reviewer and moderator. Also reads the first partnership's rows, so a test can
 * tell that a call changed nothing of it.
 */
@ApplicationScoped
public class SeparatedPartnerships {

    /** The first partnership's things, and the strings that only a page or answer about them contains. */
    public record First(Partnership partnership, AuditRound round, Return submitted, Return open, Agency own,
            Agency shared, long visitId, long messageId, ToolVersion tool, String manager, List<String> markers) {
    }

    /** The other partnership and its staff. */
    public record Other(Partnership partnership, AuditRound round, String manager, String mesc, String moderator) {
    }

    private static final Instant SUBMITTED = Instant.parse("2018-06-20T10:00:00Z");

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    public First first() {
        Partnership partnership = fixtures.partnership();
        ToolVersion tool = fixtures.tool(2, 2);
        QuarkusTransaction.requiringNew().run(() -> {
            ToolVersion owned = ToolVersion.findById(tool.id);
            owned.partnership = Partnership.findById(partnership.id);
            owned.title = Fixtures.unique("First partnership's tool");
        });
        AuditRound round = fixtures.round(partnership, tool);
        Agency own = fixtures.agency("school", CycleGroup.A, partnership);
        Agency shared = fixtures.agency("statutory", CycleGroup.A, partnership);
        Return submitted = fixtures.submit(fixtures.returnFor(round, own), Map.of(), SUBMITTED);
        Return open = fixtures.returnFor(round, fixtures.agency("health", CycleGroup.A, partnership));
        String manager = users.member(partnership, Role.MANAGER, Role.MODERATOR);
        drawSample(manager, round.id);
        long visitId = QuarkusTransaction.requiringNew().call(() ->
                ModerationVisit.<ModerationVisit>find("agencyReturn.id", submitted.id).firstResult().id);
        String subject = Fixtures.unique("Message of the first partnership");
        long messageId = QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage m = outbox.enqueue(new Outbox.Email("invitation", own.leadEmail, "first@partnership.test", subject,
                    "Your link: http://localhost/respond/secret", null, submitted.id, partnership.id));
            m.status = OutboxStatus.FAILED;
            return m.id;
        });
        String title = QuarkusTransaction.requiringNew().call(() -> ((ToolVersion) ToolVersion.findById(tool.id)).title);
        return new First(partnership, round, submitted, open, own, shared, visitId, messageId, tool, manager,
                List.of(round.name, own.name, own.leadEmail, partnership.name, subject, title));
    }

    /** The other partnership, which also works with the first one's shared agency. */
    public Other other(First first) {
        Partnership partnership = fixtures.partnership();
        QuarkusTransaction.requiringNew().run(() -> ((Agency) Agency.findById(first.shared().id)).partnerships
                .add(Partnership.findById(partnership.id)));
        AuditRound round = fixtures.round(partnership, fixtures.tool(1, 1));
        fixtures.returnFor(round, fixtures.agency("school", CycleGroup.A, partnership));
        return new Other(partnership, round, users.member(partnership, Role.MANAGER), users.member(partnership, Role.MESC),
                users.member(partnership, Role.MODERATOR));
    }

    /**
     * Every table's row count, and every row of the first partnership's tables (and of the staff and partnership
     * tables): equal before and after a call when it changed nothing.
     */
    public Map<String, List<String>> snapshot(First first) {
        long p = first.partnership().id;
        String rounds = "(SELECT id FROM audit_round WHERE partnership_id = " + p + ")";
        String returns = "(SELECT id FROM audit_return WHERE round_id IN " + rounds + ")";
        String agencies = "(SELECT agency_id FROM agency_partnership WHERE partnership_id = " + p + ")";
        Map<String, String> queries = new TreeMap<>(Map.ofEntries(
                Map.entry("audit_round", "SELECT * FROM audit_round WHERE partnership_id = " + p),
                Map.entry("audit_return", "SELECT * FROM audit_return WHERE round_id IN " + rounds),
                Map.entry("answer", "SELECT * FROM answer WHERE return_id IN " + returns),
                Map.entry("agency", "SELECT * FROM agency WHERE id IN " + agencies),
                Map.entry("agency_partnership", "SELECT * FROM agency_partnership WHERE agency_id IN " + agencies),
                Map.entry("outbox_message", "SELECT * FROM outbox_message WHERE partnership_id = " + p),
                Map.entry("moderation_visit", "SELECT * FROM moderation_visit WHERE round_id IN " + rounds),
                Map.entry("cohort_change", "SELECT * FROM cohort_change WHERE round_id IN " + rounds),
                Map.entry("chaser_step", "SELECT * FROM chaser_step WHERE round_id IN " + rounds),
                Map.entry("round_tool", "SELECT * FROM round_tool WHERE round_id IN " + rounds),
                Map.entry("tool_version", "SELECT * FROM tool_version WHERE partnership_id = " + p),
                Map.entry("staff_user", "SELECT * FROM staff_user"),
                Map.entry("staff_partnership", "SELECT * FROM staff_partnership"),
                Map.entry("partnership", "SELECT * FROM partnership")));
        Map<String, List<String>> snapshot = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : tables(c)) {
                snapshot.put("count " + table, rows(c, "SELECT COUNT(*) FROM " + table));
            }
            for (Map.Entry<String, String> q : queries.entrySet()) {
                snapshot.put(q.getKey(), rows(c, q.getValue()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return snapshot;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] { "TABLE" })) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase();
                if (!name.startsWith("flyway")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    row.append(value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value)).append('|');
                }
                rows.add(row.toString());
            }
        }
        Collections.sort(rows);
        return rows;
    }

    /** Draws the sample through the API, as the manager would: every submitted return gets a visit. */
    private static void drawSample(String manager, long roundId) {
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType("application/json")
                .body(Map.of("policy", "percent", "percent", 100, "minimum", 1, "seed", 42L))
                .post("/api/v1/rounds/{id}/moderation/sample", roundId).then().statusCode(200);
    }
}

package org.compactaudit.response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.chasing.ChasingService;
import org.compactaudit.mail.OutboxDelivery;
import org.compactaudit.mail.OutboxMessage;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnLink;
import org.compactaudit.round.ReturnLinks;
import org.compactaudit.security.Role;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.GreenMailResource;
import org.compactaudit.support.TestUsers;
import org.compactaudit.tool.ToolVersion;

/** Several live links per return, no working link at rest, and "Get a new link", over real SMTP (GreenMail). */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class ReturnLinksTest {

    private static final Pattern LINK = Pattern.compile("/respond/([A-Za-z0-9_-]{43})");
    private static final Pattern TOKEN_LIKE = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    TestUsers users;

    @Inject
    ReturnScenario scenario;

    @Inject
    OutboxDelivery delivery;

    @Inject
    ChasingService chasing;

    @Inject
    StaffReturns staff;

    @Inject
    DataSource dataSource;

    @Test
    void theInvitationAndTheChaserEachCarryALinkBothWorkUntilSubmissionAndNoTokenIsLeftInTheDatabase() throws Exception {
        ToolVersion tool = fixtures.tool(1, 2);
        Partnership partnership = fixtures.partnership();
        Agency school = fixtures.agency("school", CycleGroup.A, partnership);
        String manager = users.member(partnership, Role.MANAGER);
        Map<String, Object> round = Map.of("name", Fixtures.unique("Links"), "partnership", partnership.code,
                "opensOn", "2018-05-01", "dueOn", "2018-06-30", "closesOn", "2018-07-31",
                "tools", Map.of("school", tool.reference()));
        int roundId = given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON).body(round)
                .post("/api/v1/rounds").then().statusCode(201).extract().path("id");
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .post("/api/v1/rounds/" + roundId + "/send")
                .then().statusCode(200).body("invited", equalTo(1));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/outbox?status=pending&size=500")
                .then().statusCode(200).body("find { it.to == '" + school.leadEmail + "' }.body",
                        containsString("(link to the return)"))
                .body("body", everyItem(not(containsString("/respond/"))));

        long returnId = QuarkusTransaction.requiringNew().call(() -> Return.<Return>find("agency.id", school.id).firstResult().id);
        assertEquals(List.of("outbox_message.link_url"), columnsHoldingAWorkingToken(returnId), "unsent, it waits there");

        delivery.drain();
        String invitationToken = tokenIn(GreenMailResource.receivedBy(school.leadEmail).get(0));
        given().when().get("/api/v1/respond/" + invitationToken).then().statusCode(200).body("status", equalTo("not-started"));

        assertEquals(1, chasing.run(roundId, LocalDate.of(2018, 6, 16)).chasersQueued());
        delivery.drain();
        List<MimeMessage> received = GreenMailResource.receivedBy(school.leadEmail);
        assertEquals(2, received.size());
        assertTrue(received.get(1).getSubject().startsWith("Reminder:"), received.get(1).getSubject());
        String chaserToken = tokenIn(received.get(1));
        assertNotEquals(invitationToken, chaserToken);
        assertTrue(GreenMailUtil.getBody(received.get(1)).contains("earlier email still works"));

        // Either link saves into the same return: nothing typed through the older one is lost.
        given().contentType(ContentType.JSON).body(Map.of("grade", "good", "evidence", "Seen by the chaser's link", "version", 0))
                .put("/api/v1/respond/" + chaserToken + "/answers/s1-q1").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("grade", "good", "evidence", "Seen by the invitation's link", "version", 0))
                .put("/api/v1/respond/" + invitationToken + "/answers/s1-q2").then().statusCode(200);
        given().when().get("/api/v1/respond/" + invitationToken).then().statusCode(200)
                .body("standards[0].questions.answer.evidence", hasItem("Seen by the chaser's link"));

        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/outbox?status=sent&size=500")
                .then().statusCode(200).body("find { it.to == '" + school.leadEmail + "' }.body",
                        containsString("(link to the return)"))
                .body("body", everyItem(not(containsString(invitationToken))));
        assertEquals(2L, (long) QuarkusTransaction.requiringNew().call(
                () -> ReturnLink.count("returnId = ?1 and revokedAt is null", returnId)), "the invitation's and the chaser's link");
        assertEquals(List.of(), columnsHoldingAWorkingToken(returnId), "once sent, no column holds a working token");

        given().contentType(ContentType.JSON).body(Map.of("name", "Lee Lead", "role", "DSL", "email", school.leadEmail))
                .post("/api/v1/respond/" + invitationToken + "/submit").then().statusCode(200);
        for (String token : List.of(invitationToken, chaserToken)) {
            given().when().get("/api/v1/respond/" + token).then().statusCode(200).body("status", equalTo("submitted"));
            given().contentType(ContentType.JSON).body(Map.of("grade", "outstanding", "evidence", "Too late", "version", 1))
                    .put("/api/v1/respond/" + token + "/answers/s1-q1").then().statusCode(423);
            given().when().get("/api/v1/respond/" + token + "/pdf").then().statusCode(200).contentType("application/pdf");
        }
    }

    @Test
    void resendingAddsALinkAndReplacingRevokesEveryEarlierOne() {
        ReturnScenario.Opened o = scenario.create();
        String second = scenario.issue(o.returnId());
        staff.sendNewLink(o.returnId(), false, "link-resent", "manager@test.local");
        String resent = pendingLinkToken(o.returnId());
        for (String token : List.of(o.token(), second, resent)) {
            given().when().get("/api/v1/respond/" + token).then().statusCode(200);
        }

        staff.sendNewLink(o.returnId(), true, "link-replaced", "manager@test.local");
        String replaced = pendingLinkToken(o.returnId());
        String contact = scenario.reload(o.returnId()).round.partnership.contactEmail;
        for (String token : List.of(o.token(), second, resent)) {
            given().when().get("/api/v1/respond/" + token).then().statusCode(404).body("message", containsString(contact));
        }
        given().when().get("/api/v1/respond/" + replaced).then().statusCode(200);
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(
                () -> ReturnLink.count("returnId = ?1 and revokedAt is null", o.returnId())));
    }

    @Test
    void getANewLinkMailsExactlyOneEmailToAMatchingAddressAndNoneOtherwiseWithTheSamePage() throws Exception {
        ReturnScenario.Opened o = scenario.create();
        String lead = scenario.reload(o.returnId()).agency.leadEmail;
        String stranger = Fixtures.unique("stranger").toLowerCase() + "@nowhere.test";
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "respond/this-is-not-a-valid-token-0000");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Get a new link by email")).click();
            assertTrue(page.url().endsWith("/respond"), page.url());
            assertEquals("Get a new link to your return", page.locator("h1").textContent().trim());
            Accessibility.assertNoViolations(page);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a new link")).click();
            assertTrue(page.locator(".govuk-error-summary").textContent().contains("Enter your email address"));
            assertTrue(page.title().startsWith("Error:"), page.title());
            Accessibility.assertNoViolations(page);

            page.getByLabel("Email address").fill(lead.toUpperCase());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a new link")).click();
            String matched = page.locator("main").textContent();
            Accessibility.assertNoViolations(page);

            page.navigate(base + "respond");
            page.getByLabel("Email address").fill(stranger);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a new link")).click();
            assertEquals(matched, page.locator("main").textContent(), "the page says the same whatever was typed");
            assertTrue(matched.contains("Check your email"), matched);
        }
        delivery.drain();
        List<MimeMessage> toLead = GreenMailResource.receivedBy(lead);
        assertEquals(1, toLead.size());
        String token = tokenIn(toLead.get(0));
        assertNotEquals(o.token(), token);
        given().when().get("/api/v1/respond/" + token).then().statusCode(200);
        given().when().get("/api/v1/respond/" + o.token()).then().statusCode(200);
        assertEquals(0, GreenMailResource.receivedBy(stranger).size());
        assertTrue(scenario.history(o.returnId()).stream().anyMatch(e -> e.kind.equals("link-requested")));
    }

    @Test
    void theApiAnswers202WhateverTheAddressMailsOnlyOpenReturnsAndThrottlesPerAddressAndPerClient() throws Exception {
        ReturnScenario.Opened open = scenario.create();
        String lead = scenario.reload(open.returnId()).agency.leadEmail;
        // Someone declared last year's return with their own address: they may ask too.
        String declarer = Fixtures.unique("declarer").toLowerCase() + "@agency.test";
        QuarkusTransaction.requiringNew().run(() -> {
            Return last = fixtures.returnFor(fixtures.round(fixtures.partnership(), fixtures.tool(1, 1)),
                    Agency.findById(open.agencyId()));
            Return managed = Return.findById(last.id);
            managed.status = org.compactaudit.round.ReturnStatus.SUBMITTED;
            managed.submittedByEmail = declarer;
        });
        ReturnScenario.Opened submitted = scenario.create();
        String submittedLead = scenario.reload(submitted.returnId()).agency.leadEmail;
        QuarkusTransaction.requiringNew().run(() -> Return.<Return>findById(submitted.returnId()).status
                = org.compactaudit.round.ReturnStatus.SUBMITTED);

        for (String email : List.of(lead, declarer, submittedLead, "nobody@nowhere.test", "not an address")) {
            given().header("X-Forwarded-For", client()).contentType(ContentType.JSON).body(Map.of("email", email))
                    .post("/api/v1/respond/links").then().statusCode(202);
        }
        given().header("X-Forwarded-For", client()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/respond/links").then().statusCode(202);
        delivery.drain();
        assertEquals(1, GreenMailResource.receivedBy(lead).size());
        assertEquals(1, GreenMailResource.receivedBy(declarer).size());
        given().when().get("/api/v1/respond/" + tokenIn(GreenMailResource.receivedBy(declarer).get(0))).then().statusCode(200)
                .body("status", equalTo("not-started"));
        assertEquals(0, GreenMailResource.receivedBy(submittedLead).size());

        for (int i = 0; i < 4; i++) {
            given().header("X-Forwarded-For", client()).contentType(ContentType.JSON).body(Map.of("email", lead))
                    .post("/api/v1/respond/links").then().statusCode(202);
        }
        delivery.drain();
        assertEquals(3, GreenMailResource.receivedBy(lead).size(), "three links an address per window, whoever asks");

        String one = client();
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", one).contentType(ContentType.JSON).body(Map.of("email", "nobody@nowhere.test"))
                    .post("/api/v1/respond/links").then().statusCode(202);
        }
        given().header("X-Forwarded-For", one).contentType(ContentType.JSON).body(Map.of("email", "nobody@nowhere.test"))
                .post("/api/v1/respond/links").then().statusCode(429).header("Retry-After", notNullValue())
                .body("message", containsString("Too many new links"));
    }

    private static String client() {
        return "198.51.100." + (int) (Math.random() * 250);
    }

    private static String tokenIn(MimeMessage message) {
        Matcher m = LINK.matcher(GreenMailUtil.getBody(message));
        assertTrue(m.find(), "the email carries a link");
        return m.group(1);
    }

    /** The token of the link in the return's newest queued message: what delivery will put in its body. */
    private String pendingLinkToken(long returnId) {
        List<OutboxMessage> messages = scenario.outbox(returnId);
        OutboxMessage newest = messages.get(messages.size() - 1);
        assertFalse(newest.bodyText.contains("/respond/"), newest.bodyText);
        return newest.linkUrl.substring(newest.linkUrl.lastIndexOf('/') + 1);
    }

    /**
     * Reads every text column of every table and tries each token-shaped piece as a link: the columns where one
     * opens the return (its live links' hashes are the only trace of them that should be stored).
     */
    private List<String> columnsHoldingAWorkingToken(long returnId) throws Exception {
        Set<String> live = new HashSet<>(QuarkusTransaction.requiringNew().call(() -> ReturnLink.<ReturnLink>list(
                "returnId = ?1 and revokedAt is null", returnId).stream().map(l -> l.tokenHash).toList()));
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String[]> columns = new ArrayList<>();
            // This database's own tables: H2 names them by schema, MariaDB by catalog (its schema is null).
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
                while (rs.next()) {
                    int type = rs.getInt("DATA_TYPE");
                    if (type == Types.VARCHAR || type == Types.CLOB || type == Types.LONGVARCHAR || type == Types.CHAR) {
                        columns.add(new String[] { rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME") });
                    }
                }
            }
            assertTrue(columns.stream().anyMatch(col -> col[0].equalsIgnoreCase("outbox_message")), "outbox is read");
            for (String[] col : columns) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select " + col[1] + " from " + col[0] + " where " + col[1] + " is not null")) {
                    while (rs.next()) {
                        Matcher m = TOKEN_LIKE.matcher(rs.getString(1));
                        while (m.find()) {
                            if (ReturnLinks.hashOf(m.group()).filter(live::contains).isPresent()) {
                                found.add((col[0] + "." + col[1]).toLowerCase(java.util.Locale.ROOT));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}

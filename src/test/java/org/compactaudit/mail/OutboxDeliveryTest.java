package org.compactaudit.mail;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.net.URL;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.compactaudit.common.Dates;
import org.compactaudit.security.Role;
import org.compactaudit.support.Accessibility;
import org.compactaudit.support.Browsers;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.GreenMailResource;
import org.compactaudit.support.TestUsers;

@QuarkusTest
class OutboxDeliveryTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Outbox outbox;

    @Inject
    OutboxDelivery delivery;

    @Inject
    TestUsers users;

    @Inject
    Fixtures fixtures;

    /** Queues a message of a partnership, as every message about a round is: its staff see it in the outbox. */
    private long queue(String to) {
        long partnership = fixtures.partnership().id;
        return QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(new Outbox.Email("test", to, "reply@partnership.test",
                "Hello", "Plain text", "<p>HTML</p>", null, partnership), new Outbox.Attachment("return.pdf", "application/pdf", new byte[] { 37, 80 })).id);
    }

    @Test
    void aQueuedMessageIsDeliveredOnceWithItsAttachment() throws Exception {
        String to = Fixtures.unique("person").toLowerCase() + "@example.test";
        long id = queue(to);
        delivery.drain();
        delivery.drain();
        assertEquals(1, GreenMailResource.receivedBy(to).size());
        assertTrue(com.icegreen.greenmail.util.GreenMailUtil.getBody(GreenMailResource.receivedBy(to).get(0)).contains("return.pdf"));
        OutboxMessage sent = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>findById(id));
        assertEquals(OutboxStatus.SENT, sent.status);
        assertEquals(1, sent.attempts);
        assertNotNull(sent.sentAt);
    }

    @Test
    void aFailingMessageIsRetriedWithBackOffThenFailedWithTheErrorAndTheManagerCanRetryIt() {
        long id = queue("not-an-address");
        Instant now = Instant.parse("2018-05-01T09:00:00Z");
        delivery.drain(now);
        OutboxMessage first = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>findById(id));
        assertEquals(OutboxStatus.PENDING, first.status);
        assertEquals(1, first.attempts);
        assertNotNull(first.lastError);
        assertEquals(now.plus(Duration.ofMinutes(1)), first.nextAttemptAt);
        for (int minutes : new int[] { 1, 6, 31, 156 }) {
            delivery.drain(now.plus(Duration.ofMinutes(minutes)));
        }
        OutboxMessage failed = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>findById(id));
        assertEquals(OutboxStatus.FAILED, failed.status);
        assertEquals(5, failed.attempts);

        String manager = users.create(Role.MANAGER);
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/outbox?status=failed&size=500")
                .then().statusCode(200).body("find { it.id == " + id + " }.status", equalTo("failed"))
                .body("find { it.id == " + id + " }.attempts", equalTo(5));
        String to = Fixtures.unique("fixed").toLowerCase() + "@example.test";
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.<OutboxMessage>findById(id).to = to);
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .post("/api/v1/outbox/" + id + "/retry").then().statusCode(204);
        delivery.drain();
        assertEquals(1, GreenMailResource.receivedBy(to).size());
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).get("/api/v1/outbox?status=nonsense")
                .then().statusCode(400).body("fields[0].field", equalTo("status"));
    }

    @Test
    void theOutboxPageShowsWhenEachEmailWasQueuedAndSearchesByRecipientAcrossPages() {
        String prefix = Fixtures.unique("searched").toLowerCase();
        long first = queue(prefix + "-0@example.test");
        for (int i = 1; i <= 50; i++) {
            queue(prefix + "-" + i + "@example.test");
        }
        String other = Fixtures.unique("other").toLowerCase() + "@example.test";
        queue(other);
        Instant queuedAt = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>findById(first).createdAt);
        String manager = users.create(Role.MANAGER);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), manager);
            page.navigate(base + "outbox");
            page.getByLabel("Recipient").fill(prefix.toUpperCase());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertEquals(prefix.toUpperCase(), page.getByLabel("Recipient").inputValue(), "the search is kept");
            assertTrue(page.locator("caption").textContent().contains("of 51"), page.locator("caption").textContent());
            assertFalse(page.locator("table").textContent().contains(other));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next page")).click();
            assertEquals(1, page.locator("tbody tr").count(), "page 2 keeps the search");
            String row = page.locator("tbody tr").textContent();
            assertTrue(row.contains(prefix + "-0@example.test"), row);
            assertTrue(row.contains(Dates.dateTime(queuedAt)), "queued date as \"3 December 2026 at 11:44\": " + row);
            Accessibility.assertNoViolations(page);

            delivery.drain();
            page.navigate(base + "outbox/" + first);
            assertTrue(page.locator(".govuk-summary-list").textContent().contains("sent, 1 attempt"),
                    page.locator(".govuk-summary-list").textContent());

            page.navigate(base + "outbox?to=" + Fixtures.unique("nobody"));
            assertTrue(page.locator("#no-emails").textContent().contains("No emails to an address containing"));
            Accessibility.assertNoViolations(page);
        }
    }
}

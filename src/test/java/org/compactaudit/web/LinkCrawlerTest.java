package org.compactaudit.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.support.Browsers;
import org.compactaudit.support.TestUsers;

/**
 * Signs in as each role on demo-like data (and opens a respondent's links), follows every link and GET form the
 * pages offer, and fails on any broken link, error page, unexpected error summary, mislabelled download or axe
 * violation, listing them all. The browser tests of single features follow the paths their story takes; this one
 * follows the links nobody thought to test.
 */
@QuarkusTest
class LinkCrawlerTest {

    /** axe is the slow part and a template looks the same to every role: each is checked once per run. */
    private static final Set<String> AXE_CHECKED = ConcurrentHashMap.newKeySet();

    /** No page a link leads to shows an error summary: only a submitted form does. */
    private static final Set<String> ERROR_SUMMARY_EXPECTED = Set.of();

    private static DemoLikeRound.Data data;

    @TestHTTPResource("/")
    URL base;

    @Inject
    DemoLikeRound demo;

    private synchronized DemoLikeRound.Data data() {
        if (data == null) {
            data = demo.create();
        }
        return data;
    }

    @Test
    void everyLinkTheManagerIsShownWorks() {
        crawlAs("manager", data().manager());
    }

    @Test
    void everyLinkTheMescReviewerIsShownWorks() {
        crawlAs("MESC reviewer", data().mesc());
    }

    @Test
    void everyLinkTheModeratorIsShownWorks() {
        crawlAs("moderator", data().moderator());
    }

    @Test
    void everyLinkTheAdminIsShownWorks() {
        crawlAs("admin", data().admin());
    }

    @Test
    void everyLinkARespondentIsShownWorks() {
        DemoLikeRound.Data d = data();
        try (BrowserContext context = Browsers.newContext()) {
            Predicate<URI> respondentPages = uri -> uri.getPath().startsWith("/respond/");
            check(new LinkCrawler(context, baseUri(), respondentPages, AXE_CHECKED, ERROR_SUMMARY_EXPECTED, false)
                    .crawl("respondent", List.of(base + "respond/" + d.inProgressToken(), base + "respond/" + d.submittedToken())));
        }
    }

    private void crawlAs(String who, String email) {
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            TestUsers.signIn(page, base.toString(), email);
            assertTrue(page.url().equals(base.toString()), who + " signed in and landed on the home page, not " + page.url());
            check(new LinkCrawler(context, baseUri(), uri -> true, AXE_CHECKED, ERROR_SUMMARY_EXPECTED, true)
                    .crawl(who, List.of(base.toString())));
        }
    }

    private static void check(LinkCrawler.Report report) {
        System.out.println(report.summary() + "\n  pages: " + String.join(" ", report.templates()));
        assertTrue(report.visited() > 1, report.who() + " was offered no link at all");
        if (!report.problems().isEmpty()) {
            throw new AssertionError(report.summary() + ":\n  " + String.join("\n  ", report.problems()));
        }
    }

    private URI baseUri() {
        try {
            return base.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.compactaudit.response;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.common.DomainException;
import org.compactaudit.common.EmailAddress;
import org.compactaudit.round.LinkQueries;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnLinks;

/**
 * "Get a new link": a respondent who lost every email types an address; when it is the lead's or a declarer's
 * address of an agency with an open, unsubmitted return, a new link (alongside the earlier ones) is mailed to it.
 * The answer never says whether the address matched; requests are throttled per client and per address.
 */
@ApplicationScoped
public class LinkRequests {

    /** Most returns one request mails links to (an address may lead several agencies). */
    static final int MAX_RETURNS = 10;

    /** A client that asked too often: answered 429 with the seconds to wait. */
    public static class TooManyRequests extends RuntimeException {

        public final long retryAfter;

        TooManyRequests(long retryAfter) {
            super("Too many new links have been asked for from your address");
            this.retryAfter = retryAfter;
        }
    }

    @Inject
    Clock clock;

    @Inject
    RespondConfig config;

    @Inject
    LinkQueries linkQueries;

    @Inject
    ReturnLinks links;

    @Inject
    ReturnService returns;

    @Inject
    ReturnDocuments documents;

    private final SlidingWindow byClient = new SlidingWindow(BadLinkThrottle.WINDOW);
    private final SlidingWindow byAddress = new SlidingWindow(BadLinkThrottle.WINDOW);

    /** Checks the address is one, for the page's error message (nothing about whether it is invited). */
    public static void validate(String email) {
        if (email == null || email.isBlank()) {
            throw DomainException.invalid("email", "Enter your email address");
        }
        if (email.trim().length() > 254 || !EmailAddress.isValid(email.trim())) {
            throw DomainException.invalid("email", "Enter an email address in the correct format, like name@example.com");
        }
    }

    /** Mails a new link for each open return the address may have one to; how many (never shown to the client). */
    @Transactional
    public int request(String email, String client) {
        Instant now = clock.instant();
        long wait = byClient.retryAfter(client, config.linkRequestsPerClient(), now);
        if (wait > 0) {
            throw new TooManyRequests(wait);
        }
        byClient.record(client, config.linkRequestsPerClient(), now);
        if (email == null || email.isBlank() || email.trim().length() > 254 || !EmailAddress.isValid(email.trim())) {
            return 0;
        }
        String address = email.trim().toLowerCase(Locale.ROOT);
        if (byAddress.retryAfter(address, config.linkRequestsPerAddress(), now) > 0) {
            return 0;
        }
        byAddress.record(address, config.linkRequestsPerAddress(), now);
        List<Long> ids = linkQueries.openReturnIdsFor(address, LocalDate.now(clock));
        for (Long id : ids.subList(0, Math.min(ids.size(), MAX_RETURNS))) {
            Return r = Return.findById(id);
            returns.event(r, "link-requested", "Sent to " + address, address);
            documents.sendLink(r, address, links.issue(r, "requested"), ReturnDocuments.LinkEmail.REQUESTED);
        }
        return Math.min(ids.size(), MAX_RETURNS);
    }
}

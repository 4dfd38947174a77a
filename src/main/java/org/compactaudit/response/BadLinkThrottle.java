package org.compactaudit.response;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Slows down anyone trying links: after {@code compact.respond.bad-link-limit} bad tokens within the window from
 * one client address, every /respond request from it is answered 429 until the window passes. Kept in memory
 * (per replica): with 256-bit tokens guessing is hopeless anyway; this only stops noise.
 */
@ApplicationScoped
public class BadLinkThrottle {

    public static final Duration WINDOW = Duration.ofMinutes(10);

    @Inject
    RespondConfig config;

    @Inject
    Clock clock;

    private final SlidingWindow failures = new SlidingWindow(WINDOW);

    /** Seconds the client must wait, or 0 when it may go on. */
    public long retryAfter(String client) {
        return failures.retryAfter(client, config.badLinkLimit(), clock.instant());
    }

    public void recordBad(String client) {
        failures.record(client, config.badLinkLimit(), clock.instant());
    }
}

package org.compactaudit.response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** Seconds the client must wait, or 0 when it may go on. */
    public long retryAfter(String client) {
        Deque<Instant> times = failures.get(client);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            Instant now = clock.instant();
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() < config.badLinkLimit()) {
                return 0;
            }
            return Math.max(1, Duration.between(now, times.peekFirst().plus(WINDOW)).toSeconds());
        }
    }

    public void recordBad(String client) {
        Deque<Instant> times = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
            while (times.size() > config.badLinkLimit()) {
                times.pollFirst();
            }
        }
        if (failures.size() > 100_000) {
            // A flood from many addresses: forget the oldest picture rather than grow without bound.
            failures.clear();
        }
    }
}

package org.compactaudit.security;

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
 * Stops password guessing: after {@value #LIMIT} wrong passwords for one email within {@link #WINDOW}, that email
 * cannot sign in (the right password included) until the window has passed since the last wrong one. Kept in
 * memory, so each replica counts for itself; bounded, so a flood of made-up emails cannot fill the heap.
 */
@ApplicationScoped
public class SignInThrottle {

    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_EMAILS = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    public boolean locked(String email) {
        Deque<Instant> recent = failures.get(key(email));
        if (recent == null) {
            return false;
        }
        synchronized (recent) {
            forgetOld(recent);
            return recent.size() >= LIMIT;
        }
    }

    public void failed(String email) {
        if (failures.size() >= MAX_EMAILS) {
            failures.values().removeIf(d -> {
                synchronized (d) {
                    forgetOld(d);
                    return d.isEmpty();
                }
            });
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(email), k -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(clock.instant());
            while (recent.size() > LIMIT) {
                recent.removeFirst();
            }
        }
    }

    public void succeeded(String email) {
        failures.remove(key(email));
    }

    private void forgetOld(Deque<Instant> recent) {
        Instant since = clock.instant().minus(WINDOW);
        while (!recent.isEmpty() && recent.peekLast().isBefore(since)) {
            recent.clear();
        }
    }

    private static String key(String email) {
        return email == null ? "" : StaffUser.normaliseEmail(email);
    }
}

package org.compactaudit.response;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key (a client address, an email address) within a sliding window, in memory: the respondent
 * throttles are per replica, which is enough to stop noise.
 */
class SlidingWindow {

    private final Duration window;
    private final Map<String, Deque<Instant>> events = new ConcurrentHashMap<>();

    SlidingWindow(Duration window) {
        this.window = window;
    }

    /** Seconds until the key is under the limit again, or 0 when it is under it now. */
    long retryAfter(String key, int limit, Instant now) {
        Deque<Instant> times = events.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.pollFirst();
            }
            if (times.size() < limit) {
                return 0;
            }
            return Math.max(1, Duration.between(now, times.peekFirst().plus(window)).toSeconds());
        }
    }

    void record(String key, int limit, Instant now) {
        Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (times.size() > limit) {
                times.pollFirst();
            }
        }
        if (events.size() > 100_000) {
            // A flood from many keys: forget the oldest picture rather than grow without bound.
            events.clear();
        }
    }
}

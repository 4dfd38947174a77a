package org.compactaudit.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Verified sign-ins kept briefly, so an API client sending HTTP Basic on every request pays bcrypt once per
 * {@code compact.security.credential-cache} (60 s), not per request. The key is an HMAC of email and password under
 * a random key of this process: neither the password nor a hash that could be tested offline is held. Only
 * successful checks are kept. A change to a user ({@link StaffUserChanged}: password, disabled, roles) drops their
 * entries once it commits, and entries being added from a check that began before it are refused.
 */
@ApplicationScoped
public class CredentialCache {

    /** Beyond this many entries nothing new is kept (expired ones are swept first): memory stays bounded. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(String email, SecurityIdentity identity, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final SecretKeySpec key;

    @ConfigProperty(name = "compact.security.credential-cache", defaultValue = "PT60S")
    Duration lifetime;

    public CredentialCache() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Read before checking a password; hand it to {@link #put} so a check older than a change is not kept. */
    public long generation() {
        return generation.get();
    }

    public Optional<SecurityIdentity> get(String username, String password) {
        Entry entry = entries.get(key(username, password));
        if (entry == null || entry.expiresAt() - System.nanoTime() < 0) {
            return Optional.empty();
        }
        return Optional.of(entry.identity());
    }

    public void put(String username, String password, String email, SecurityIdentity identity, long checkedAt) {
        if (lifetime.isZero() || checkedAt != generation.get()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> e.expiresAt() - now < 0);
            if (entries.size() >= MAX_ENTRIES) {
                return;
            }
        }
        entries.put(key(username, password), new Entry(email, identity, System.nanoTime() + lifetime.toNanos()));
        // A change that committed while this entry was being added must still drop it.
        if (checkedAt != generation.get()) {
            drop(email);
        }
    }

    /** After the change commits (at once when there is no transaction); after a rollback it does no harm. */
    void onChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) StaffUserChanged changed) {
        generation.incrementAndGet();
        drop(StaffUser.normaliseEmail(changed.email()));
    }

    private void drop(String email) {
        entries.values().removeIf(e -> e.email().equals(email));
    }

    int size() {
        return entries.size();
    }

    boolean holdsKeyContaining(String text) {
        return entries.keySet().stream().anyMatch(k -> k.contains(text));
    }

    private String key(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(StaffUser.normaliseEmail(username).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}

package org.compactaudit.round;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The secure link to a return: a random 256-bit token, shown once in the link and stored only as its SHA-256,
 * so a leaked database does not open anyone's return. Issuing a new token replaces (revokes) the old one.
 */
@ApplicationScoped
public class ReturnLinks {

    private static final Logger LOG = Logger.getLogger(ReturnLinks.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    @ConfigProperty(name = "compact.base-url")
    String baseUrl;

    /** Says once at start-up where emailed links lead, so a wrong address shows before any invitation goes out. */
    void announce(@Observes StartupEvent event) {
        LOG.infof("Links in emails lead to %s (compact.base-url)", baseUrl.replaceAll("/+$", ""));
    }

    /** Gives the return a new token, revoking any earlier link, and returns the token (never stored). */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(Return agencyReturn) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        agencyReturn.tokenHash = hash(token);
        agencyReturn.tokenIssuedAt = clock.instant();
        return token;
    }

    /** The hash a link's token is stored under; empty for a token no link of ours could have. */
    public static Optional<String> hashOf(String token) {
        return token == null || token.length() < 20 || token.length() > 100 ? Optional.empty() : Optional.of(hash(token));
    }

    /** The absolute address of the return's page, for emails. */
    public String url(String token) {
        return baseUrl.replaceAll("/+$", "") + "/respond/" + token;
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

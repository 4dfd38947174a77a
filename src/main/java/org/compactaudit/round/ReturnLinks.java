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
 * The secure links to a return: each a random 256-bit token, shown once in an email and stored only as its SHA-256
 * ({@link ReturnLink}), so a leaked database does not open anyone's return. A return keeps every link it was sent
 * until the manager replaces them; all of them open the same return, so no link is "older" than another.
 */
@ApplicationScoped
public class ReturnLinks {

    private static final Logger LOG = Logger.getLogger(ReturnLinks.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    @Inject
    LinkQueries queries;

    @ConfigProperty(name = "compact.base-url")
    String baseUrl;

    /** Says once at start-up where emailed links lead, so a wrong address shows before any invitation goes out. */
    void announce(@Observes StartupEvent event) {
        LOG.infof("Links in emails lead to %s (compact.base-url)", baseUrl.replaceAll("/+$", ""));
    }

    /** A new link that works alongside the return's earlier ones: its address for an email, never stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(Return agencyReturn, String purpose) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ReturnLink link = new ReturnLink();
        link.tokenHash = hash(token);
        link.returnId = agencyReturn.id;
        link.purpose = purpose;
        link.issuedAt = clock.instant();
        link.persist();
        return url(token);
    }

    /** Revokes every link of the return and issues one new one: "Replace the link". */
    @Transactional(Transactional.TxType.MANDATORY)
    public String replaceAll(Return agencyReturn) {
        queries.revokeAll(agencyReturn.id, clock.instant());
        return issue(agencyReturn, "replaced");
    }

    /** The hash a link's token is stored under; empty for a token no link of ours could have. */
    public static Optional<String> hashOf(String token) {
        return token == null || token.length() < 20 || token.length() > 100 ? Optional.empty() : Optional.of(hash(token));
    }

    /** The absolute address of the "Get a new link" page, for emails. */
    public String newLinkPage() {
        return baseUrl.replaceAll("/+$", "") + "/respond";
    }

    /** The absolute address of the return's page for a token. */
    private String url(String token) {
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

package org.compactaudit.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

import io.quarkus.elytron.security.common.BcryptUtil;

/** Bcrypt hashing and the one password rule, shared by bootstrap, user admin and password change. */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    /** Bcrypt reads this many bytes and ignores the rest: a longer password would not be what is checked. */
    public static final int MAX_BYTES = 72;
    /** Fewer different characters than this is a pattern, not a password ("aaaaaaaaaaaa", "abababababab"). */
    static final int MIN_DISTINCT = 5;
    /** The most common passwords' words; with digits or symbols added they are still the first ones guessed. */
    private static final Set<String> COMMON = Set.of("password", "passwords", "passw", "qwerty", "qwertyuiop",
            "letmein", "welcome", "changeme", "admin", "administrator", "iloveyou", "football", "monkey", "dragon",
            "sunshine", "princess", "baseball", "abcdefghijkl", "safeguarding", "compactaudit", "secret");
    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password);
    }

    public static boolean matches(String password, String hash) {
        try {
            Password stored = ModularCrypt.decode(hash);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), PROVIDER);
            return factory.verify(factory.translate(stored), password.toCharArray());
        } catch (Exception e) {
            return false;
        }
    }

    /** Null when the password is acceptable, otherwise the reason it is not. */
    public static String problem(String password) {
        if (password == null || password.isBlank()) {
            return "Enter a password";
        }
        if (password.length() < MIN_LENGTH) {
            return "Password must be " + MIN_LENGTH + " characters or more";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "Password must be 72 characters or fewer (accented letters and symbols count as two or more)";
        }
        if (password.chars().distinct().count() < MIN_DISTINCT) {
            return "Password repeats too few characters: choose one that is harder to guess";
        }
        String letters = password.toLowerCase(Locale.ROOT).replace('@', 'a').replace('$', 's').replaceAll("[^a-z]", "");
        if (COMMON.contains(letters) || COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            return "Password is too common: choose one that is harder to guess, for example three random words";
        }
        return null;
    }

    public static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

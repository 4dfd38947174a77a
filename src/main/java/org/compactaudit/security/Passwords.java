package org.compactaudit.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

import io.quarkus.elytron.security.common.BcryptUtil;

/** Bcrypt hashing and the one password rule, shared by bootstrap, user admin and password change. */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
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
        if (password.length() > 72) {
            return "Password must be 72 characters or fewer";
        }
        return null;
    }

    public static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package org.compactaudit.common;

import java.util.regex.Pattern;

/**
 * The one rule for an email address typed into the service: something@domain.tld, no spaces, no trailing dot, at
 * most 254 characters. Deliberately loose: a typo check, not RFC 5322; the mail server has the last word.
 */
public final class EmailAddress {

    private static final Pattern PATTERN = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");

    private EmailAddress() {
    }

    public static boolean isValid(String address) {
        return address != null && address.length() <= 254 && PATTERN.matcher(address).matches();
    }
}

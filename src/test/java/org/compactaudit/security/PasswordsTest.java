package org.compactaudit.security;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aLongEnoughVariedPasswordIsAccepted() {
        assertNull(Passwords.problem("correct-horse-battery"));
        assertNull(Passwords.problem("Ysgol Gymraeg 2018!"));
    }

    @Test
    void patternsAndTheMostCommonWordsAreRefusedWhateverIsAdded() {
        assertNotNull(Passwords.problem("aaaaaaaaaaaa"));
        assertNotNull(Passwords.problem("abababababab"));
        assertNotNull(Passwords.problem("password1234"));
        assertNotNull(Passwords.problem("P@ssword!2018"), "letters of a common word with digits and symbols");
        assertNotNull(Passwords.problem("Safeguarding2018"));
    }

    @Test
    void theLimitIsBcryptsSeventyTwoBytesNotCharacters() {
        assertNull(Passwords.problem("é".repeat(30) + "abcdefghijk"), "71 bytes");
        assertNotNull(Passwords.problem("é".repeat(36) + "WRONG"), "41 characters but 77 bytes");
        assertNotNull(Passwords.problem("short"));
    }
}

package org.compactaudit.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void anAddressNeedsOneAtADomainWithADotAndNoSpaces() {
        assertTrue(EmailAddress.isValid("lead@school.example.org"));
        assertTrue(EmailAddress.isValid("o'neill+s11@nhs.net"));
        assertFalse(EmailAddress.isValid(null));
        assertFalse(EmailAddress.isValid("lead.school.example.org"));
        assertFalse(EmailAddress.isValid("lead@localhost"));
        assertFalse(EmailAddress.isValid("lead @school.org"));
        assertFalse(EmailAddress.isValid("lead@school.org."));
        assertFalse(EmailAddress.isValid("a@b@school.org"));
    }

    @Test
    void anAddressIsAtMost254Characters() {
        String domain = "@school.org";
        assertTrue(EmailAddress.isValid("a".repeat(254 - domain.length()) + domain));
        assertFalse(EmailAddress.isValid("a".repeat(255 - domain.length()) + domain));
    }
}

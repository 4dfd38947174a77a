package org.compactaudit.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class DemoUsersTest {

    /** Pages add the role beside the name ("Priya Shah (Partnerships Manager)"): a name carrying it shows it twice. */
    @Test
    void demoUsersAreNamedWithoutTheirRole() {
        for (DemoData.DemoUser user : DemoData.USERS) {
            assertFalse(user.displayName().contains("("), user.displayName());
        }
    }
}

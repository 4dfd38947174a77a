package org.compactaudit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which navigation item a page belongs to. */
class NavigationTest {

    private static final List<String> MANAGER = List.of("/", "/agencies", "/tools", "/rounds", "/moderation", "/reports");
    private static final List<String> MESC = List.of("/", "/agencies", "/tools", "/rounds", "/reports");

    @Test
    void aRoundsModerationPagesBelongToModerationNotToAuditRounds() {
        assertEquals(Optional.of("/moderation"), Navigation.section("/rounds/7/moderation", MANAGER));
        assertEquals(Optional.of("/moderation"), Navigation.section("/rounds/7/moderation/report", MANAGER));
        assertEquals(Optional.of("/moderation"), Navigation.section("/rounds/7/moderation/visits/3/replace", MANAGER));
        assertEquals(Optional.of("/moderation"), Navigation.section("/moderation/visits/3", MANAGER));
    }

    @Test
    void otherPagesKeepTheItemTheyAreUnder() {
        assertEquals(Optional.of("/rounds"), Navigation.section("/rounds/7", MANAGER));
        assertEquals(Optional.of("/rounds"), Navigation.section("/rounds/7/returns", MANAGER));
        assertEquals(Optional.of("/tools"), Navigation.section("/tools/compare", MANAGER));
        assertEquals(Optional.of("/"), Navigation.section("/", MANAGER));
        assertEquals(Optional.empty(), Navigation.section("/roundsx", MANAGER));
        assertEquals(Optional.empty(), Navigation.section("/account", MANAGER));
    }

    @Test
    void withoutAModerationItemTheModerationReportStaysUnderTheRound() {
        assertEquals(Optional.of("/rounds"), Navigation.section("/rounds/7/moderation/report", MESC));
    }
}

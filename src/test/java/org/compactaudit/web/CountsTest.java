package org.compactaudit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CountsTest {

    @Test
    void oneTakesTheSingularEveryOtherCountThePlural() {
        assertEquals("1 chaser", Counts.of(1, "chaser", "chasers"));
        assertEquals("0 chasers", Counts.of(0, "chaser", "chasers"));
        assertEquals("2 agencies", Counts.of(2L, "agency", "agencies"));
    }
}

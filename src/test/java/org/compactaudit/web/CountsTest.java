package org.compactaudit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CountsTest {

    @Test
    void oneTakesTheSingularEveryOtherNumberThePlural() {
        assertEquals("1 question", Counts.of(1, "question", "questions"));
        assertEquals("0 questions", Counts.of(0, "question", "questions"));
        assertEquals("2 questions", Counts.of(2L, "question", "questions"));
        assertEquals("return", Counts.noun(1L, "return", "returns"));
    }
}

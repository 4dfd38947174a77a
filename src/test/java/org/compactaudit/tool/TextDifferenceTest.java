package org.compactaudit.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextDifferenceTest {

    @Test
    void aChangeFarIntoTwoLongTextsIsShownWithSomeContextNotTheSharedStart() {
        String start = "Every agency in the partnership shows how it meets its duty under section 11, ";
        TextDifference d = TextDifference.of(start + "once a year, in the spring.", start + "every two years, in the spring.");
        assertEquals("…y under section 11, once a year, in the spring.", d.before());
        assertEquals("…y under section 11, every two years, in the spring.", d.after());
    }

    @Test
    void aLongSharedEndIsCutToo() {
        String end = " and the board reads the report before the next round is opened by the manager.";
        TextDifference d = TextDifference.of("Schools" + end, "Colleges" + end);
        assertEquals("Schools and the board read…", d.before());
        assertEquals("Colleges and the board read…", d.after());
    }

    @Test
    void shortAndMissingTextsAreShownWhole() {
        assertEquals(new TextDifference("full", "short"), TextDifference.of("full", "short"));
        assertEquals(new TextDifference("", "New"), TextDifference.of(null, "New"));
    }
}

package org.compactaudit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void aValueThatASpreadsheetWouldRunAsAFormulaIsWrittenAsTextAndReadBack() {
        for (String formula : new String[] { "=HYPERLINK(\"http://x\",\"click\")", "+1", "-2+3", "@SUM(A1)", "\tx" }) {
            String cell = Text.forSpreadsheet(formula);
            assertEquals("'" + formula, cell);
            assertEquals(formula, Text.fromSpreadsheet(cell));
        }
        assertEquals("St Mary's School", Text.forSpreadsheet("St Mary's School"));
        assertEquals("'tis the season", Text.fromSpreadsheet("'tis the season"), "only a guard it wrote is taken off");
        assertEquals(null, Text.forSpreadsheet(null));
    }
}

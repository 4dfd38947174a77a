package org.compactaudit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The reading of H2's trace that {@link ScaleBenchmark} relies on for its plans, on entries as H2 2.4 writes them. */
class ScalePlansTest {

    private static final String TRACE = """
            2026-12-04 02:47:20.231117Z jdbc[4]:\s
            /*SQL */SET MODE MariaDB;
            2026-12-04 02:47:20.239103Z jdbc[4]:\s
            /*SQL l:45 #:1 t:3*/select name from t where id = ? and name <> ? {1: CAST(2 AS BIGINT), 2: 'it''s, 3: x'};
            2026-12-04 02:47:20.239200Z jdbc[4]:\s
            /*SQL l:45 #:2 t:1*/SELECT a\\nFROM t WHERE b IN (?, ?) AND c = '?' {1: 'x', 2: LOWER('y, z')};
            2026-12-04 02:47:20.239300Z jdbc[4]:\s
            /*SQL l:45 #:1 t:2*/select name from t where id = ? and name <> ? {1: CAST(3 AS BIGINT), 2: 'b'};
            2026-12-04 02:47:20.239400Z jdbc[4]:\s
            /*SQL l:18 #:1*/UPDATE t SET a = ? {1: 1};
            2026-12-04 02:47:20.241304Z database: disconnecting session #4
            """;

    @Test
    void selectsAreReadWithTheirParametersOnceEachWithTheirTimesSummed() {
        List<ScalePlans.Traced> selects = ScalePlans.selects(TRACE);

        assertEquals(2, selects.size());
        assertEquals("select name from t where id = ? and name <> ?", selects.get(0).sql());
        assertEquals("select name from t where id = CAST(2 AS BIGINT) and name <> 'it''s, 3: x'", selects.get(0).literal());
        assertEquals(2, selects.get(0).executions());
        assertEquals(5, selects.get(0).millis());
        assertEquals("SELECT a FROM t WHERE b IN (?, ?) AND c = '?'", selects.get(1).sql());
        assertEquals("SELECT a\nFROM t WHERE b IN ('x', LOWER('y, z')) AND c = '?'", selects.get(1).literal());
    }

    @Test
    void parametersSplitOnlyBetweenLiterals() {
        assertEquals(List.of("CAST(2 AS BIGINT)", "'a, 2: b'", "'it''s'"),
                ScalePlans.parameters("{1: CAST(2 AS BIGINT), 2: 'a, 2: b', 3: 'it''s'}"));
    }
}

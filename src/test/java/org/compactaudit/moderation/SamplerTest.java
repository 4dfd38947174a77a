package org.compactaudit.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.compactaudit.tool.Grade;
import org.compactaudit.tool.StandardGrade;

/** The draw and the derived grades, checked against figures worked out by hand. */
class SamplerTest {

    private static final List<String> SECTORS = List.of("statutory", "health", "school", "voluntary-community");

    /** 40 school, 30 voluntary, 14 health, 1 statutory: 85 returns as in 2017-18. */
    private static List<Sampler.Candidate> returns85() {
        List<Sampler.Candidate> candidates = new ArrayList<>();
        long id = 100;
        for (int i = 0; i < 40; i++) {
            candidates.add(new Sampler.Candidate(id++, "school"));
        }
        for (int i = 0; i < 30; i++) {
            candidates.add(new Sampler.Candidate(id++, "voluntary-community"));
        }
        for (int i = 0; i < 14; i++) {
            candidates.add(new Sampler.Candidate(id++, "health"));
        }
        candidates.add(new Sampler.Candidate(id, "statutory"));
        return candidates;
    }

    private static Map<String, Integer> counts(int statutory, int health, int school, int voluntary) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("statutory", statutory);
        counts.put("health", health);
        counts.put("school", school);
        counts.put("voluntary-community", voluntary);
        return counts;
    }

    @Test
    void nineVisitsOf85ReturnsAreSharedByLargestRemainderAndTheOneReturnSectorStillGetsOne() {
        // Quotas 9×N/85: statutory 0.106, health 1.482, school 4.235, voluntary 3.176 → whole parts 0+1+4+3 = 8;
        // the ninth seat goes to the largest fraction (health .482) → 0,2,4,3; statutory then takes one from the
        // sector most over its quota (health: 2 − 1.482 = 0.518 beats school −0.235 and voluntary −0.176) → 1,1,4,3.
        assertEquals(counts(1, 1, 4, 3), Sampler.allocate(counts(1, 14, 40, 30), 9));
    }

    @Test
    void withFewerVisitsThanSectorsTheSmallestSectorsMayGetNone() {
        // Quotas 3×N/85: 0.035, 0.494, 1.412, 1.059 → 0,0,1,1; the third seat to health (.494) → 0,1,1,1.
        assertEquals(counts(0, 1, 1, 1), Sampler.allocate(counts(1, 14, 40, 30), 3));
    }

    @Test
    void anExactlyProportionalSampleNeedsNoRounding() {
        assertEquals(counts(1, 2, 4, 3), Sampler.allocate(counts(10, 20, 40, 30), 10));
    }

    @Test
    void theSameSeedAndReturnsGiveTheSameSampleAndAnotherSeedTypicallyAnother() {
        List<Sampler.Candidate> candidates = returns85();
        List<Sampler.Stratum> first = Sampler.draw(candidates, SECTORS, 9, 20180501L);
        List<Sampler.Candidate> shuffledInput = new ArrayList<>(candidates);
        Collections.reverse(shuffledInput);
        List<Sampler.Stratum> again = Sampler.draw(shuffledInput, SECTORS, 9, 20180501L);
        assertEquals(first, again);
        int differing = 0;
        for (long seed = 1; seed <= 10; seed++) {
            if (!Sampler.draw(candidates, SECTORS, 9, seed).equals(first)) {
                differing++;
            }
        }
        assertTrue(differing >= 9, "other seeds should nearly always draw another sample, got " + differing + " of 10");
        assertEquals(9, first.stream().mapToInt(s -> s.drawn().size()).sum());
        Sampler.Stratum statutory = first.stream().filter(s -> s.sectorCode().equals("statutory")).findFirst().orElseThrow();
        assertEquals(List.of(184L), statutory.drawn());
    }

    @Test
    void theSeededOrderOfASectorStartsWithItsSampleAndContinuesWithTheReplacements() {
        List<Sampler.Candidate> candidates = returns85();
        List<Long> drawn = Sampler.draw(candidates, SECTORS, 9, 7L).stream()
                .filter(s -> s.sectorCode().equals("school")).findFirst().orElseThrow().drawn();
        List<Long> order = Sampler.order(candidates, "school", 7L);
        assertEquals(drawn, order.subList(0, 4));
        assertEquals(40, order.stream().distinct().count());
    }

    @Test
    void aStandardIsGradedByItsLowestGradedAnswerIgnoringNotApplicable() {
        assertEquals(Grade.REQUIRES_IMPROVEMENT, StandardGrade.of(List.of(Grade.OUTSTANDING, Grade.REQUIRES_IMPROVEMENT,
                Grade.NOT_APPLICABLE, Grade.GOOD)));
        assertEquals(Grade.GOOD, StandardGrade.of(List.of(Grade.NOT_APPLICABLE, Grade.GOOD)));
        assertEquals(Grade.NOT_APPLICABLE, StandardGrade.of(List.of(Grade.NOT_APPLICABLE)));
    }

    @Test
    void outcomesCompareTheModeratedGradeWithTheSelfAssessedOne() {
        assertEquals(Outcome.CONFIRMED, Outcome.of(Grade.GOOD, Grade.GOOD));
        assertEquals(Outcome.UNDER_SCORED, Outcome.of(Grade.REQUIRES_IMPROVEMENT, Grade.GOOD));
        assertEquals(Outcome.OVER_INFLATED, Outcome.of(Grade.OUTSTANDING, Grade.INADEQUATE));
        assertEquals(Outcome.NOT_COMPARABLE, Outcome.of(Grade.NOT_APPLICABLE, Grade.GOOD));
        assertNotEquals(Outcome.CONFIRMED, Outcome.of(Grade.GOOD, Grade.OUTSTANDING));
    }
}

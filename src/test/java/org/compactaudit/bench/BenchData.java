package org.compactaudit.bench;

import java.util.List;
import java.util.Random;

/**
 * Realistic benchmark data from one seeded {@link Random}, so every run of a harness builds the same rows.
 * Grades are drawn, per answer, with weights 20/45/20/10/5 (Outstanding, Good, Requires Improvement, Inadequate,
 * Not applicable) shifted per sector (schools and statutory agencies grade themselves a little better, small
 * voluntary groups a little worse and mark more questions Not applicable); sectors come at the unequal sizes of a
 * real directory (the demo's 120 agencies per sector); evidence is a few sentences of the length agencies write.
 * A generator that derives the grade from the ids gives every return the same grade for a question and so
 * fills a fifth of the tally rows real data does.
 */
final class BenchData {

    /** Sector codes with their share of a directory: the demo partnership's counts out of 120. */
    static final List<String> SECTORS = List.of("statutory", "health", "gp-practice", "school", "further-education",
            "early-years", "voluntary-community", "sport-culture", "faith", "commercial");
    private static final int[] SECTOR_WEIGHTS = {10, 8, 18, 30, 4, 20, 20, 4, 4, 2};

    static final List<String> GRADES = List.of("outstanding", "good", "requires-improvement", "inadequate",
            "not-applicable");
    private static final int[] GRADE_WEIGHTS = {20, 45, 20, 10, 5};

    /** Per sector, added to the weights above (each stays positive): who grades better, worse, or more N/A. */
    private static final int[][] SECTOR_SHIFT = {
            {4, 2, -3, -3, 0}, // statutory
            {2, 2, -2, -2, 0}, // health
            {-2, 0, 2, 1, -1}, // gp-practice
            {4, 1, -3, -2, 0}, // school
            {0, 2, -1, -1, 0}, // further-education
            {-3, 0, 2, 1, 0}, // early-years
            {-6, -4, 3, 3, 4}, // voluntary-community
            {-5, -5, 4, 3, 3}, // sport-culture
            {-6, -3, 3, 2, 4}, // faith
            {-4, -2, 2, 2, 2}, // commercial
    };

    private static final List<String> EVIDENCE = List.of(
            "Our safeguarding policy was reviewed by the board in March and is on the staff intranet.",
            "All staff completed level 1 safeguarding training within the last two years; the designated lead holds level 3.",
            "Safer recruitment checks, including enhanced DBS with barred list, are recorded on the single central record.",
            "Supervision records show that safeguarding is a standing item in every one-to-one meeting.",
            "We audited ten case files in the autumn term; eight met the standard and two led to actions.",
            "The designated safeguarding lead attends the partnership's practitioner forum every quarter.",
            "Children and young people were consulted through the school council and a short survey.",
            "Referrals to children's social care are logged, and outcomes are followed up within five working days.",
            "Allegations against staff are reported to the LADO within one working day; there were two this year.",
            "Information sharing follows the partnership's protocol, and staff know where to find it.",
            "The induction pack includes the code of conduct, whistleblowing and the online safety policy.",
            "Our annual report to trustees includes a safeguarding section with figures and learning.");

    private static final List<String> NA_REASONS = List.of(
            "We do not provide this service.", "We have no staff; volunteers only.",
            "Not relevant to a service for adults with children present only as visitors.",
            "Commissioned from another provider, who reports on it.", "We work with children only through schools.",
            "No under-18s attend our sessions.");

    private static final List<String> ACTIONS = List.of("Review the policy with the board",
            "Refresh safeguarding training for all staff", "Audit a sample of case files",
            "Appoint and train a deputy designated lead", "Add safeguarding to supervision agendas");

    private final Random random;

    BenchData(long seed) {
        random = new Random(seed);
    }

    /** The next agency's sector, drawn at the directory's sizes. */
    int sector() {
        return draw(SECTOR_WEIGHTS, null);
    }

    /** The next answer's grade for an agency of {@code sector} (an index into {@link #SECTORS}). */
    String grade(int sector) {
        return GRADES.get(draw(GRADE_WEIGHTS, SECTOR_SHIFT[sector]));
    }

    /** Two to six sentences (about 150 to 600 characters), as agencies write them. */
    String evidence() {
        int sentences = 2 + random.nextInt(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            text.append(i == 0 ? "" : " ").append(EVIDENCE.get(random.nextInt(EVIDENCE.size())));
        }
        return text.toString();
    }

    String naReason() {
        return NA_REASONS.get(random.nextInt(NA_REASONS.size()));
    }

    String action() {
        return ACTIONS.get(random.nextInt(ACTIONS.size()));
    }

    /** A whole number from 0 to {@code bound} - 1, e.g. a day within a span. */
    int upTo(int bound) {
        return random.nextInt(bound);
    }

    /** True in {@code percent} of calls. */
    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private int draw(int[] weights, int[] shift) {
        int total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i] + (shift == null ? 0 : shift[i]);
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i] + (shift == null ? 0 : shift[i]);
            if (pick < 0) {
                return i;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }
}

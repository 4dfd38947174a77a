package org.compactaudit.response;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.compactaudit.tool.Grade;

/**
 * Whether an answer's evidence would hold up at a moderation visit: five checks, each a gentle prompt and never a
 * refusal (the respondent may submit anyway). Pure rules over the answers of one return, so they run in
 * milliseconds and have plain unit tests ({@code EvidenceChecksTest}).
 */
public final class EvidenceChecks {

    /** What may be wrong with an answer's evidence; {@code code} is the API's name, {@code prompt} the page's words. */
    public enum Flag {
        SHORT("short", "This is short for the grade: say what you have, who checks it and when."),
        REPEATED("repeated", "The same evidence is given for three or more questions: say what shows this one."),
        UNCHANGED("unchanged", "This is last year's evidence word for word, but the grade went up: say what changed."),
        NOTHING_CHECKABLE("nothing-checkable",
                "Nothing here can be checked on a visit: name a document, record, date, number or role."),
        OUTSTANDING_UNSUPPORTED("outstanding-unsupported",
                "Outstanding asks for what the guidance describes, and this evidence mentions none of it.");

        public final String code;
        public final String prompt;

        Flag(String code, String prompt) {
            this.code = code;
            this.prompt = prompt;
        }
    }

    /** The fewest words of evidence for a Good and for an Outstanding grade (a tool version may set its own). */
    public record Thresholds(int good, int outstanding) {
        public static final Thresholds DEFAULT = new Thresholds(15, 30);
    }

    /**
     * One graded answer as the checks need it: last year's answer to the same question (null when none) and the
     * question's "outstanding" guidance.
     */
    public record Evidence(String questionKey, Grade grade, String evidence, Grade lastYearGrade, String lastYearEvidence,
            String outstandingGuidance) {
    }

    /**
     * A saved answer as the checks read it. Last year's grade is not kept beside a carried-forward answer, so the
     * "unchanged" check runs only where a caller supplies last year's answer.
     */
    static Evidence of(Answer a) {
        return new Evidence(a.question.key, a.grade, a.evidence, null, null, a.question.guidanceOutstanding);
    }

    /** One answer on its own, as a save or a conflict answers it (its question may be out of reach by then). */
    static Evidence alone(Answer a) {
        return new Evidence("", a.grade, a.evidence, null, null, null);
    }

    /** How alike two texts' word triples must be to count as the same evidence pasted in. */
    static final double SAME_TEXT = 0.8;
    /** Pasted into this many questions (itself included) or more. */
    static final int REPEATED_IN = 3;
    /** Share of the guidance's own words an Outstanding answer must mention at least. */
    static final double GUIDANCE_SHARE = 0.1;

    private static final Pattern NUMBER = Pattern.compile("\\d");
    /** Words that name something a moderator can ask to see or someone they can ask; English and a little Welsh. */
    private static final Set<String> CHECKABLE = Set.of(
            "minutes", "record", "records", "log", "logs", "register", "report", "reports", "audit", "audits",
            "certificate", "certificates", "matrix", "spreadsheet", "file", "files", "folder", "dated", "signed",
            "version", "review", "reviewed", "agenda", "induction", "dbs", "scr", "procedure", "plan", "checklist",
            "survey", "attendance", "timetable", "rota", "email", "emails", "website", "handbook", "appraisal",
            "supervision", "training", "trained", "course", "dsl", "designated", "lead", "governor", "governors",
            "trustee", "trustees", "manager", "head", "headteacher", "officer", "coordinator", "chair", "board",
            "committee", "january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december", "annually", "termly", "monthly", "weekly", "quarterly",
            "cofnod", "cofnodion", "adroddiad", "hyfforddiant", "llywodraethwyr", "arweinydd", "cofrestr");
    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "that", "this", "are", "all", "our",
            "their", "have", "has", "from", "they", "them", "who", "what", "when", "where", "which", "there", "been",
            "into", "about", "staff", "every", "each", "know", "knows", "well", "also", "any", "can", "will");

    private EvidenceChecks() {
    }

    /** The flags of each answer that has any, by question key, in the answers' order. */
    public static Map<String, Set<Flag>> check(List<Evidence> answers, Thresholds thresholds) {
        Map<String, Set<Flag>> flags = new LinkedHashMap<>();
        List<Evidence> graded = answers.stream().filter(a -> a.grade() != null && a.grade().isGraded()).toList();
        List<Set<String>> triples = graded.stream().map(a -> triples(a.evidence())).toList();
        for (int i = 0; i < graded.size(); i++) {
            Evidence a = graded.get(i);
            Set<Flag> found = EnumSet.noneOf(Flag.class);
            if (isShort(a, thresholds)) {
                found.add(Flag.SHORT);
            }
            if (copies(i, triples) + 1 >= REPEATED_IN) {
                found.add(Flag.REPEATED);
            }
            if (carriedForwardWithHigherGrade(a)) {
                found.add(Flag.UNCHANGED);
            }
            if (!blank(a.evidence()) && !checkable(a.evidence())) {
                found.add(Flag.NOTHING_CHECKABLE);
            }
            if (a.grade() == Grade.OUTSTANDING && !supportsGuidance(a.evidence(), a.outstandingGuidance())) {
                found.add(Flag.OUTSTANDING_UNSUPPORTED);
            }
            if (!found.isEmpty()) {
                flags.put(a.questionKey(), found);
            }
        }
        return flags;
    }

    static boolean isShort(Evidence a, Thresholds thresholds) {
        int needed = switch (a.grade()) {
            case OUTSTANDING -> thresholds.outstanding();
            case GOOD -> thresholds.good();
            default -> 0;
        };
        return words(a.evidence()).size() < needed;
    }

    /** How many other answers carry (nearly) the same evidence as answer {@code i}. */
    private static int copies(int i, List<Set<String>> triples) {
        Set<String> mine = triples.get(i);
        if (mine.isEmpty()) {
            return 0;
        }
        int copies = 0;
        for (int j = 0; j < triples.size(); j++) {
            if (j != i && similarity(mine, triples.get(j)) >= SAME_TEXT) {
                copies++;
            }
        }
        return copies;
    }

    static boolean carriedForwardWithHigherGrade(Evidence a) {
        return a.lastYearGrade() != null && a.lastYearGrade().isGraded() && a.grade().rank > a.lastYearGrade().rank
                && !blank(a.evidence()) && normalise(a.evidence()).equals(normalise(a.lastYearEvidence()));
    }

    static boolean checkable(String evidence) {
        return NUMBER.matcher(evidence).find() || words(evidence).stream().anyMatch(CHECKABLE::contains);
    }

    static boolean supportsGuidance(String evidence, String guidance) {
        Set<String> wanted = contentWords(guidance);
        if (wanted.isEmpty()) {
            return true;
        }
        Set<String> said = contentWords(evidence);
        long mentioned = wanted.stream().filter(said::contains).count();
        return mentioned > 0 && (double) mentioned / wanted.size() >= GUIDANCE_SHARE;
    }

    /** Lower case, accents folded, punctuation to spaces, spaces collapsed. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    static List<String> words(String text) {
        String normal = normalise(text);
        return normal.isEmpty() ? List.of() : Arrays.asList(normal.split(" "));
    }

    private static Set<String> contentWords(String text) {
        return words(text).stream().filter(w -> w.length() >= 4 && !STOP.contains(w)).map(EvidenceChecks::stem)
                .collect(Collectors.toSet());
    }

    /** Plural and -ed/-ing endings off, so "records" meets "recorded". */
    private static String stem(String word) {
        return word.replaceAll("(ing|ed|es|s)$", "");
    }

    private static Set<String> triples(String text) {
        List<String> w = words(text);
        Set<String> triples = new HashSet<>();
        for (int i = 0; i + 2 < w.size(); i++) {
            triples.add(w.get(i) + " " + w.get(i + 1) + " " + w.get(i + 2));
        }
        if (triples.isEmpty() && !w.isEmpty()) {
            triples.add(String.join(" ", w));
        }
        return triples;
    }

    private static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        List<String> shared = new ArrayList<>(a);
        shared.retainAll(b);
        return (double) shared.size() / Math.max(a.size(), b.size());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}

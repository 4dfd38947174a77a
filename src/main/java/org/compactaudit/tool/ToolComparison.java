package org.compactaudit.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import org.compactaudit.tool.ToolDefinition.Guidance;
import org.compactaudit.tool.ToolDefinition.QuestionDefinition;
import org.compactaudit.tool.ToolDefinition.StandardDefinition;

/**
 * What changed from one tool version to another, matching standards and questions by their stable keys:
 * standards added, removed or retitled; questions added, removed, reworded or moved between standards; and
 * changes to Not applicable, guidance and sectors. Used by the compare page and API and to explain a refusal.
 */
public record ToolComparison(String from, String to, String fromTitle, String toTitle, List<Change> changes) {

    public enum Kind {
        TOOL_CHANGED("tool-changed"),
        STANDARD_ADDED("standard-added"),
        STANDARD_REMOVED("standard-removed"),
        STANDARD_RETITLED("standard-retitled"),
        STANDARD_DESCRIPTION_CHANGED("standard-description-changed"),
        QUESTION_ADDED("question-added"),
        QUESTION_REMOVED("question-removed"),
        QUESTION_REWORDED("question-reworded"),
        QUESTION_MOVED("question-moved"),
        NA_ALLOWED_CHANGED("na-allowed-changed"),
        GUIDANCE_CHANGED("guidance-changed"),
        SECTORS_CHANGED("sectors-changed"),
        ORDER_CHANGED("order-changed");

        @JsonValue
        public final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    /**
     * One difference; standard and question are keys, before and after the old and new values where useful;
     * standardTitle and questionText name them as people read them; {@code shown} is the page's row.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(Kind kind, String standard, String question, String field, String before, String after,
            String summary, String standardTitle, String questionText, @JsonIgnore Shown shown) {
    }

    /** A change as the compare page shows it: where (a standard's title or the tool), what changed, the two values. */
    public record Shown(String where, String what, String before, String after) {
    }

    /** Titles, question texts and sector names of both versions, the later version's first. */
    private record Names(Map<String, String> standards, Map<String, String> questions, Map<String, String> sectors) {

        static Names of(ToolDefinition from, ToolDefinition to, Map<String, String> sectorNames) {
            Map<String, String> standards = new LinkedHashMap<>();
            Map<String, String> questions = new LinkedHashMap<>();
            for (ToolDefinition tool : List.of(to, from)) {
                tool.standards().forEach(s -> {
                    standards.putIfAbsent(s.key(), s.title());
                    s.questions().forEach(q -> questions.putIfAbsent(q.key(), q.text()));
                });
            }
            return new Names(standards, questions, sectorNames);
        }

        String standard(String key) {
            return key == null ? null : standards.getOrDefault(key, key);
        }

        String question(String key) {
            return key == null ? null : questions.getOrDefault(key, key);
        }

        String sectors(List<String> codes) {
            return codes.isEmpty() ? "All of the tool's sectors"
                    : String.join(", ", codes.stream().map(c -> sectors.getOrDefault(c, c)).toList());
        }
    }

    private static Change change(Names names, Kind kind, String standard, String question, String field, String before,
            String after, String summary, Shown shown) {
        return new Change(kind, standard, question, field, before, after, summary, names.standard(standard),
                names.question(question), shown);
    }

    public boolean isIdentical() {
        return changes.isEmpty();
    }

    public List<Change> of(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    @JsonIgnore
    public List<Change> getStandardChanges() {
        return changes.stream().filter(c -> c.kind().name().startsWith("STANDARD_")).toList();
    }

    @JsonIgnore
    public List<Change> getQuestionsAdded() {
        return of(Kind.QUESTION_ADDED);
    }

    @JsonIgnore
    public List<Change> getQuestionsRemoved() {
        return of(Kind.QUESTION_REMOVED);
    }

    @JsonIgnore
    public List<Change> getQuestionsReworded() {
        return of(Kind.QUESTION_REWORDED);
    }

    /** Everything else: the tool's own fields, moves, order, Not applicable, guidance and sectors. */
    @JsonIgnore
    public List<Change> getOtherChanges() {
        return changes.stream().filter(c -> switch (c.kind()) {
            case TOOL_CHANGED, QUESTION_MOVED, NA_ALLOWED_CHANGED, GUIDANCE_CHANGED, SECTORS_CHANGED, ORDER_CHANGED -> true;
            default -> false;
        }).toList();
    }

    public static ToolComparison between(ToolDefinition from, ToolDefinition to) {
        return between(from, to, Map.of());
    }

    /** As {@link #between(ToolDefinition, ToolDefinition)}, naming sectors by {@code sectorNames} (code to name). */
    public static ToolComparison between(ToolDefinition from, ToolDefinition to, Map<String, String> sectorNames) {
        Names names = Names.of(from, to, sectorNames);
        List<Change> changes = new ArrayList<>();
        compareTool(from, to, names, changes);
        compareStandards(from, to, names, changes);
        compareQuestions(from, to, names, changes);
        return new ToolComparison(from.reference(), to.reference(), from.title(), to.title(), List.copyOf(changes));
    }

    private static void compareTool(ToolDefinition from, ToolDefinition to, Names names, List<Change> changes) {
        field(names, changes, "variant", "Variant", from.variant(), to.variant());
        field(names, changes, "title", "Title", from.title(), to.title());
        field(names, changes, "description", "Description", from.description(), to.description());
        if (!Objects.equals(sorted(from.sectors()), sorted(to.sectors()))) {
            changes.add(change(names, Kind.TOOL_CHANGED, null, null, "sectors", String.join(", ", from.sectors()),
                    String.join(", ", to.sectors()), "the tool's sectors changed from [" + String.join(", ", from.sectors())
                            + "] to [" + String.join(", ", to.sectors()) + "]",
                    new Shown("The tool", "Sectors", names.sectors(from.sectors()), names.sectors(to.sectors()))));
        }
    }

    private static void field(Names names, List<Change> changes, String name, String label, String before, String after) {
        if (!Objects.equals(before, after)) {
            TextDifference difference = TextDifference.of(before, after);
            changes.add(change(names, Kind.TOOL_CHANGED, null, null, name, before, after, "the tool's " + name
                    + " changed from '" + difference.before() + "' to '" + difference.after() + "'",
                    new Shown("The tool", label, before, after)));
        }
    }

    private static void compareStandards(ToolDefinition from, ToolDefinition to, Names names, List<Change> changes) {
        Map<String, StandardDefinition> before = byKey(from.standards(), StandardDefinition::key);
        Map<String, StandardDefinition> after = byKey(to.standards(), StandardDefinition::key);
        for (StandardDefinition old : from.standards()) {
            StandardDefinition now = after.get(old.key());
            if (now == null) {
                changes.add(change(names, Kind.STANDARD_REMOVED, old.key(), null, null, old.title(), null,
                        "standard '" + old.key() + "' (" + old.title() + ") removed",
                        new Shown(old.title(), "Standard removed", null, null)));
                continue;
            }
            if (!old.title().equals(now.title())) {
                changes.add(change(names, Kind.STANDARD_RETITLED, old.key(), null, "title", old.title(), now.title(),
                        "standard '" + old.key() + "' retitled from '" + old.title() + "' to '" + now.title() + "'",
                        new Shown(now.title(), "Title changed", old.title(), now.title())));
            }
            if (!old.description().equals(now.description())) {
                changes.add(change(names, Kind.STANDARD_DESCRIPTION_CHANGED, old.key(), null, "description",
                        old.description(), now.description(), "standard '" + old.key() + "': description changed",
                        new Shown(now.title(), "Description changed", old.description(), now.description())));
            }
        }
        for (StandardDefinition now : to.standards()) {
            if (!before.containsKey(now.key())) {
                changes.add(change(names, Kind.STANDARD_ADDED, now.key(), null, null, null, now.title(),
                        "standard '" + now.key() + "' (" + now.title() + ") added",
                        new Shown(now.title(), "Standard added", null, null)));
            }
        }
        List<String> keptBefore = from.standards().stream().map(StandardDefinition::key).filter(after::containsKey).toList();
        List<String> keptAfter = to.standards().stream().map(StandardDefinition::key).filter(before::containsKey).toList();
        if (!keptBefore.equals(keptAfter)) {
            changes.add(change(names, Kind.ORDER_CHANGED, null, null, "standards", String.join(", ", keptBefore),
                    String.join(", ", keptAfter), "the order of the standards changed",
                    new Shown("The tool", "Order of the standards", titles(keptBefore, names::standard),
                            titles(keptAfter, names::standard))));
        }
    }

    private record Placed(String standard, QuestionDefinition question) {
    }

    private static void compareQuestions(ToolDefinition from, ToolDefinition to, Names names, List<Change> changes) {
        Map<String, Placed> before = questions(from);
        Map<String, Placed> after = questions(to);
        for (Placed old : before.values()) {
            Placed now = after.get(old.question().key());
            String key = old.question().key();
            if (now == null) {
                changes.add(change(names, Kind.QUESTION_REMOVED, old.standard(), key, null, old.question().text(), null,
                        "question '" + key + "' removed from standard '" + old.standard() + "'",
                        new Shown(names.standard(old.standard()), "Question removed", old.question().text(), null)));
                continue;
            }
            QuestionDefinition was = old.question();
            QuestionDefinition is = now.question();
            if (!was.text().equals(is.text())) {
                changes.add(change(names, Kind.QUESTION_REWORDED, now.standard(), key, "text", was.text(), is.text(),
                        "question '" + key + "' reworded",
                        new Shown(names.standard(now.standard()), "Question reworded", was.text(), is.text())));
            }
            if (!old.standard().equals(now.standard())) {
                changes.add(change(names, Kind.QUESTION_MOVED, now.standard(), key, "standard", old.standard(),
                        now.standard(), "question '" + key + "' moved from standard '" + old.standard() + "' to '"
                                + now.standard() + "'",
                        new Shown(names.standard(now.standard()), "Moved to another standard",
                                names.standard(old.standard()), names.standard(now.standard()))));
            }
            if (was.naAllowed() != is.naAllowed()) {
                changes.add(change(names, Kind.NA_ALLOWED_CHANGED, now.standard(), key, "naAllowed",
                        String.valueOf(was.naAllowed()), String.valueOf(is.naAllowed()),
                        "question '" + key + "': naAllowed changed from " + was.naAllowed() + " to " + is.naAllowed(),
                        new Shown(names.standard(now.standard()), "Not applicable allowed", yesNo(was.naAllowed()),
                                yesNo(is.naAllowed()))));
            }
            guidance(names, changes, now.standard(), key, was.guidance(), is.guidance());
            if (!sorted(was.sectors()).equals(sorted(is.sectors()))) {
                changes.add(change(names, Kind.SECTORS_CHANGED, now.standard(), key, "sectors", sectors(was.sectors()),
                        sectors(is.sectors()), "question '" + key + "': sectors changed from " + sectors(was.sectors())
                                + " to " + sectors(is.sectors()),
                        new Shown(names.standard(now.standard()), "Sectors asked", names.sectors(was.sectors()),
                                names.sectors(is.sectors()))));
            }
        }
        for (Placed now : after.values()) {
            if (!before.containsKey(now.question().key())) {
                changes.add(change(names, Kind.QUESTION_ADDED, now.standard(), now.question().key(), null, null,
                        now.question().text(), "question '" + now.question().key() + "' added to standard '"
                                + now.standard() + "'",
                        new Shown(names.standard(now.standard()), "Question added", null, now.question().text())));
            }
        }
        for (StandardDefinition standard : to.standards()) {
            List<String> keptAfter = standard.questions().stream().map(QuestionDefinition::key)
                    .filter(k -> before.containsKey(k) && before.get(k).standard().equals(standard.key())).toList();
            List<String> keptBefore = from.standards().stream().filter(s -> s.key().equals(standard.key()))
                    .flatMap(s -> s.questions().stream()).map(QuestionDefinition::key)
                    .filter(k -> after.containsKey(k) && after.get(k).standard().equals(standard.key())).toList();
            if (!keptBefore.equals(keptAfter)) {
                changes.add(change(names, Kind.ORDER_CHANGED, standard.key(), null, "questions",
                        String.join(", ", keptBefore), String.join(", ", keptAfter),
                        "the order of the questions in standard '" + standard.key() + "' changed",
                        new Shown(standard.title(), "Order of the questions", titles(keptBefore, names::question),
                                titles(keptAfter, names::question))));
            }
        }
    }

    private static void guidance(Names names, List<Change> changes, String standard, String key, Guidance was,
            Guidance is) {
        grade(names, changes, standard, key, "outstanding", Grade.OUTSTANDING, was.outstanding(), is.outstanding());
        grade(names, changes, standard, key, "good", Grade.GOOD, was.good(), is.good());
        grade(names, changes, standard, key, "requiresImprovement", Grade.REQUIRES_IMPROVEMENT, was.requiresImprovement(),
                is.requiresImprovement());
        grade(names, changes, standard, key, "inadequate", Grade.INADEQUATE, was.inadequate(), is.inadequate());
    }

    private static void grade(Names names, List<Change> changes, String standard, String key, String field, Grade grade,
            String before, String after) {
        if (!before.equals(after)) {
            changes.add(change(names, Kind.GUIDANCE_CHANGED, standard, key, "guidance." + field, before, after,
                    "question '" + key + "': guidance for " + grade.label + " changed",
                    new Shown(names.standard(standard), "Guidance for " + grade.label, before, after)));
        }
    }

    private static String titles(List<String> keys, Function<String, String> name) {
        return String.join("; ", keys.stream().map(name).toList());
    }

    private static String yesNo(boolean value) {
        return value ? "Yes" : "No";
    }

    private static Map<String, Placed> questions(ToolDefinition tool) {
        Map<String, Placed> placed = new LinkedHashMap<>();
        tool.standards().forEach(s -> s.questions().forEach(q -> placed.put(q.key(), new Placed(s.key(), q))));
        return placed;
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(key.apply(item), item));
        return map;
    }

    private static List<String> sorted(List<String> codes) {
        return codes.stream().sorted().toList();
    }

    private static String sectors(List<String> codes) {
        return codes.isEmpty() ? "[all of the tool's sectors]" : "[" + String.join(", ", codes) + "]";
    }
}

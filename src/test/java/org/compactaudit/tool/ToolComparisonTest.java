package org.compactaudit.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.compactaudit.tool.ToolComparison.Change;
import org.compactaudit.tool.ToolComparison.Kind;

/** Compares the real 2017-18 and 2018-19 Compact Audit files. */
class ToolComparisonTest {

    private static final Set<String> SECTORS = Set.of("statutory", "health", "gp-practice", "school",
            "further-education", "early-years", "voluntary-community", "sport-culture", "faith", "commercial");

    private final ToolParser parser = new ToolParser();

    @Test
    void theCompactAudit2018To19FindsTheAddedRemovedAndRewordedQuestions() throws IOException {
        ToolComparison comparison = ToolComparison.between(real("compact-audit/2017-18"), real("compact-audit/2018-19"));

        assertEquals("compact-audit/2017-18", comparison.from());
        assertEquals(Set.of("children-feel-safe", "agency-staff-checks", "disabled-child-voice"),
                Set.copyOf(questions(comparison, Kind.QUESTION_ADDED)));
        assertEquals(List.of("single-central-record"), questions(comparison, Kind.QUESTION_REMOVED));
        assertEquals(Set.of("temporary-agency-staff", "information-sharing-policy", "equality-impact-assessment"),
                Set.copyOf(questions(comparison, Kind.QUESTION_REWORDED)));
        Change reworded = comparison.of(Kind.QUESTION_REWORDED).get(0);
        assertTrue(reworded.before() != null && reworded.after() != null && !reworded.before().equals(reworded.after()));
        assertEquals(List.of(), comparison.of(Kind.STANDARD_ADDED));
    }

    @Test
    void aVersionComparedWithItselfIsIdentical() throws IOException {
        ToolDefinition tool = real("compact-audit/2018-19");
        assertTrue(ToolComparison.between(tool, tool).isIdentical());
    }

    @Test
    void standardsAddedRemovedRetitledAndQuestionsMovedAreFound() {
        ToolDefinition before = parser.parse("a.yaml", ToolFiles.small("moves"), SECTORS);
        ToolDefinition after = parser.parse("b.yaml", ToolFiles.small("moves")
                .replace("key: training", "key: learning").replace("title: Leadership and accountability", "title: Leadership")
                .replace("guidance:\n      outstanding: All new", "guidance:\n      outstanding: Every new"), SECTORS);
        ToolComparison comparison = ToolComparison.between(before, after);
        assertEquals(List.of("training"), comparison.of(Kind.STANDARD_REMOVED).stream().map(Change::standard).toList());
        assertEquals(List.of("learning"), comparison.of(Kind.STANDARD_ADDED).stream().map(Change::standard).toList());
        assertEquals("Leadership", comparison.of(Kind.STANDARD_RETITLED).get(0).after());
        Change moved = comparison.of(Kind.QUESTION_MOVED).get(0);
        assertEquals("induction", moved.question());
        assertEquals("training", moved.before());
        assertEquals("learning", moved.after());
    }

    private ToolDefinition real(String reference) throws IOException {
        String source = "audit-tools/" + reference + ".yaml";
        return parser.parse(source, Files.readString(Path.of(source)), SECTORS);
    }

    private static List<String> questions(ToolComparison comparison, Kind kind) {
        return comparison.of(kind).stream().map(Change::question).toList();
    }

    @Test
    void eachChangeNamesItsStandardByTitleAndItsQuestionByText() throws IOException {
        ToolComparison comparison = ToolComparison.between(real("compact-audit/2017-18"), real("compact-audit/2018-19"));
        Change added = comparison.of(Kind.QUESTION_ADDED).stream().filter(c -> c.question().equals("children-feel-safe"))
                .findFirst().orElseThrow();
        ToolDefinition later = real("compact-audit/2018-19");
        String title = later.standards().stream().filter(s -> s.key().equals(added.standard())).findFirst().orElseThrow()
                .title();
        assertEquals(title, added.standardTitle());
        assertEquals(title, added.shown().where());
        assertEquals(added.after(), added.questionText());
        assertEquals("Safeguarding and Early Help Compact Audit 2018-19", comparison.toTitle());
        for (Change change : comparison.changes()) {
            assertTrue(change.shown() != null && !change.shown().where().equals(change.standard()), change.toString());
        }
    }

    @Test
    void otherChangesShowWholeTextsAndTheirSummaryShowsWhereTheyDiffer() {
        String shared = "This tool asks every agency in the partnership how it keeps children safe, standard by standard, ";
        ToolDefinition before = parser.parse("a.yaml", ToolFiles.small("texts").replace("title: Test tool\n",
                "title: Test tool\ndescription: " + shared + "once a year.\n"), SECTORS);
        ToolDefinition after = parser.parse("b.yaml", ToolFiles.small("texts").replace("title: Test tool\n",
                "title: Test tool\ndescription: " + shared + "every two years.\n")
                .replace("naAllowed: true", "naAllowed: false").replace("sectors: [health]", "sectors: [health, school]"),
                SECTORS);
        ToolComparison comparison = ToolComparison.between(before, after, Map.of("health", "Health", "school", "Schools"));

        Change description = comparison.of(Kind.TOOL_CHANGED).get(0);
        assertEquals("Description", description.shown().what());
        assertEquals(shared + "every two years.", description.shown().after());
        assertEquals("the tool's description changed from '…andard by standard, once a year.' "
                + "to '…andard by standard, every two years.'", description.summary());

        Change na = comparison.of(Kind.NA_ALLOWED_CHANGED).get(0);
        assertEquals(List.of("Leadership and accountability", "Not applicable allowed", "Yes", "No"),
                List.of(na.shown().where(), na.shown().what(), na.shown().before(), na.shown().after()));
        assertEquals("The board has a named safeguarding lead.", na.questionText());
        Change sectors = comparison.of(Kind.SECTORS_CHANGED).get(0);
        assertEquals(List.of("Health", "Health, Schools"), List.of(sectors.shown().before(), sectors.shown().after()));
    }

    @Test
    void aMovedQuestionShowsTheTitlesOfBothStandards() {
        ToolDefinition before = parser.parse("a.yaml", ToolFiles.small("moves"), SECTORS);
        ToolDefinition after = parser.parse("b.yaml", ToolFiles.small("moves").replace("key: training", "key: learning")
                .replace("title: Training", "title: Learning"), SECTORS);
        Change moved = ToolComparison.between(before, after).of(Kind.QUESTION_MOVED).get(0);
        assertEquals(List.of("Training", "Learning"), List.of(moved.shown().before(), moved.shown().after()));
    }
}

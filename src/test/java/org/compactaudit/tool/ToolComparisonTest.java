package org.compactaudit.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}

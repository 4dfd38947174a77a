package org.compactaudit.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The parser alone, without the application: schema and rule errors name the file, line and field. */
class ToolParserTest {

    private static final Set<String> SECTORS = Set.of("statutory", "health", "school", "voluntary-community");
    private static final String FILE = "audit-tools/test/2018-19.yaml";

    private final ToolParser parser = new ToolParser();

    @Test
    void aValidFileGivesItsStandardsAndQuestionsWithAbsentSectorsAsEmpty() {
        ToolDefinition tool = parser.parse(FILE, ToolFiles.small("parsed"), SECTORS);
        assertEquals("parsed/2018-19", tool.reference());
        assertEquals(List.of("leadership", "training"), tool.standards().stream().map(s -> s.key()).toList());
        assertEquals(List.of(), tool.standards().get(0).questions().get(0).sectors());
        assertEquals(List.of("health"), tool.standards().get(0).questions().get(1).sectors());
        assertEquals("Nobody knows the lead.", tool.standards().get(0).questions().get(0).guidance().inadequate());
    }

    @Test
    void commentsAndLayoutDoNotChangeTheContentHash() {
        String yaml = ToolFiles.small("hashed");
        String relaid = yaml.replace("# A small tool", "# Another comment\n# A small tool")
                .replace("sectors: [statutory, health, school]", "sectors:\n  - school\n  - statutory\n  - health");
        assertEquals(parser.parse(FILE, yaml, SECTORS).contentHash(), parser.parse(FILE, relaid, SECTORS).contentHash());
        String reworded = ToolFiles.small("hashed", "Staff can name the designated safeguarding lead.");
        assertTrue(!parser.parse(FILE, yaml, SECTORS).contentHash()
                .equals(parser.parse(FILE, reworded, SECTORS).contentHash()));
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileLineAndColumn() {
        String broken = ToolFiles.small("broken").replace("title: Training", "title: [Training");
        ToolFileException e = assertThrows(ToolFileException.class, () -> parser.parse(FILE, broken, SECTORS));
        ToolProblem problem = e.problems().get(0);
        assertTrue(problem.line() > 0 && problem.column() > 0, problem.toString());
        assertTrue(problem.toString().startsWith(FILE + " line " + problem.line() + ", column "), problem.toString());
        assertTrue(problem.message().startsWith("YAML syntax error"), problem.message());
    }

    @Test
    void aMissingGuidanceGradeNamesTheLineAndThePathOfTheGuidance() {
        String missing = ToolFiles.small("missing").replace("          inadequate: No induction training.\n", "");
        ToolFileException e = assertThrows(ToolFileException.class, () -> parser.parse(FILE, missing, SECTORS));
        assertEquals(1, e.problems().size(), e.getMessage());
        ToolProblem problem = e.problems().get(0);
        assertEquals("standards[1].questions[0].guidance", problem.field());
        assertEquals(lineOf(missing, "guidance:", 2), problem.line());
        assertTrue(problem.message().contains("inadequate"), problem.message());
        assertTrue(e.getMessage().contains(FILE + " line " + problem.line()), e.getMessage());
    }

    @Test
    void aKeyThatIsNotKebabCaseIsRefusedAtItsLine() {
        String bad = ToolFiles.small("badkey").replace("key: board-lead", "key: Board_Lead");
        ToolFileException e = assertThrows(ToolFileException.class, () -> parser.parse(FILE, bad, SECTORS));
        ToolProblem problem = e.problems().get(0);
        assertEquals("standards[0].questions[1].key", problem.field());
        assertEquals(lineOf(bad, "key: Board_Lead", 0), problem.line());
        assertTrue(problem.message().contains("pattern"), problem.message());
    }

    @Test
    void anUnknownSectorAndAQuestionSectorOutsideTheToolAreRefused() {
        String bad = ToolFiles.small("sectors").replace("sectors: [statutory, health, school]", "sectors: [statutory, space, school]");
        ToolFileException e = assertThrows(ToolFileException.class, () -> parser.parse(FILE, bad, SECTORS));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals("sectors[1]", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().contains("unknown sector 'space'"));
        assertEquals(lineOf(bad, "sectors: [statutory, space", 0), e.problems().get(0).line());
        assertEquals("standards[0].questions[1].sectors[0]", e.problems().get(1).field());
        assertTrue(e.problems().get(1).message().contains("not one of the tool's sectors"));
    }

    @Test
    void duplicateKeysAreRefused() {
        String twice = ToolFiles.small("twice").replace("key: induction", "key: named-lead")
                .replace("key: training", "key: leadership");
        ToolFileException e = assertThrows(ToolFileException.class, () -> parser.parse(FILE, twice, SECTORS));
        assertEquals(List.of("standards[1].key", "standards[1].questions[0].key"),
                e.problems().stream().map(ToolProblem::field).toList());
        assertTrue(e.problems().get(1).message().contains("already used by standards[0].questions[0]"));
    }

    @Test
    void anUnknownFieldIsRefusedAtItsOwnLine() {
        String extra = ToolFiles.small("extra").replace("    title: Training\n", "    title: Training\n    colour: blue\n");
        ToolFileException e = assertThrows(ToolFileException.class, () -> parser.parse(FILE, extra, SECTORS));
        assertEquals(lineOf(extra, "colour: blue", 0), e.problems().get(0).line());
        assertEquals("standards[1]", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().contains("colour"));
    }

    /** The 1-based line of the (skip+1)th line containing the text. */
    private static int lineOf(String yaml, String text, int skip) {
        String[] lines = yaml.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text) && skip-- == 0) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the file");
    }
}

package org.compactaudit.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.support.Fixtures;
import org.compactaudit.tool.ToolPublisher.Outcome;
import org.compactaudit.tool.ToolPublisher.Result;

@QuarkusTest
class ToolImportTest {

    @Inject
    ToolImporter importer;

    @Inject
    ToolPublisher publisher;

    /** A fresh folder per test; JUnit's @TempDir is not injected into Quarkus test instances. */
    Path folder;

    @BeforeEach
    void newFolder() throws IOException {
        folder = Files.createTempDirectory("audit-tools-test");
    }

    @AfterEach
    void removeFolder() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    @Transactional
    void theFourRealToolFilesArePublishedAtStartWithTwelveStandardsEach() {
        for (String reference : List.of("compact-audit/2017-18", "compact-audit/2018-19", "compact-audit-short/2018-19",
                "compact-audit-education/2018-19")) {
            String[] parts = reference.split("/");
            ToolVersion tool = ToolVersion.findByKey(parts[0], parts[1]).orElseThrow(() -> new AssertionError(reference));
            assertEquals(12, tool.standards.size(), reference);
            assertEquals("audit-tools/" + reference + ".yaml", tool.sourceName);
            assertEquals(ToolImporter.PUBLISHED_BY, tool.publishedBy);
        }
    }

    @Test
    void aNewFileIsPublishedAndTheSameFileAgainIsANoOp() throws IOException {
        String key = Fixtures.unique("t");
        Path file = write(key + "/2018-19.yaml", ToolFiles.small(key));
        Files.createDirectories(folder.resolve("schema"));
        Files.writeString(folder.resolve("schema/ignored.yaml"), "not: a tool");

        List<Result> first = importer.importDirectory(folder);
        assertEquals(List.of(Outcome.PUBLISHED), first.stream().map(Result::outcome).toList(), first.toString());
        ToolImporter.requireAccepted(first);
        ToolVersion tool = stored(key);
        assertEquals(List.of("leadership", "training"), tool.standards.stream().map(s -> s.key).toList());
        assertEquals(file.toString(), tool.sourceName);
        assertEquals(2, tool.standards.get(0).questions.get(1).position);

        Files.writeString(file, "# a comment added later\n" + ToolFiles.small(key));
        List<Result> again = importer.importDirectory(folder);
        assertEquals(List.of(Outcome.UNCHANGED), again.stream().map(Result::outcome).toList());
        ToolImporter.requireAccepted(again);
        assertEquals(1, ToolVersion.count("toolKey", key));
    }

    @Test
    void aChangedPublishedFileIsRefusedNamingFileVersionAndChangeAndNothingIsSaved() throws IOException {
        String key = Fixtures.unique("t");
        Path file = write(key + "/2018-19.yaml", ToolFiles.small(key));
        ToolImporter.requireAccepted(importer.importDirectory(folder));
        String published = sourceOf(key);

        Files.writeString(file, ToolFiles.small(key, "Staff can name the designated safeguarding lead.")
                .replace("naAllowed: true", "naAllowed: false"));
        List<Result> results = importer.importDirectory(folder);
        assertEquals(Outcome.REFUSED, results.get(0).outcome());
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ToolImporter.requireAccepted(results));
        String message = failure.getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("version " + key + "/2018-19"), message);
        assertTrue(message.contains("question 'named-lead' reworded"), message);
        assertTrue(message.contains("question 'board-lead': naAllowed changed from true to false"), message);
        assertEquals(published, sourceOf(key));
        assertEquals(1, ToolVersion.count("toolKey", key));
    }

    @Test
    void aMalformedFileFailsWithFileLineAndFieldAndSavesNothing() throws IOException {
        String key = Fixtures.unique("t");
        String yaml = ToolFiles.small(key).replace("sectors: [health]", "sectors: [astronauts]");
        Path file = write(key + "/2018-19.yaml", yaml);
        List<Result> results = importer.importDirectory(folder);
        assertEquals(Outcome.INVALID, results.get(0).outcome());
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ToolImporter.requireAccepted(results));
        int line = List.of(yaml.split("\n")).indexOf("        sectors: [astronauts]") + 1;
        assertTrue(failure.getMessage().contains(file + " line " + line + ", column "), failure.getMessage());
        assertTrue(failure.getMessage().contains("standards[0].questions[1].sectors[0]: unknown sector 'astronauts'"),
                failure.getMessage());
        assertEquals(0, ToolVersion.count("toolKey", key));
    }

    @Test
    void aPublishedVersionIsReadBackAsTheSameDefinition() {
        String key = Fixtures.unique("t");
        Result result = publisher.publish("upload.yaml", ToolFiles.small(key), "someone@test.local");
        assertEquals(Outcome.PUBLISHED, result.outcome());
        assertEquals(Outcome.UNCHANGED, publisher.publish("again.yaml", ToolFiles.small(key), "x@test.local").outcome());
    }

    private Path write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Transactional
    ToolVersion stored(String key) {
        ToolVersion tool = ToolVersion.findByKey(key, "2018-19").orElseThrow();
        tool.standards.forEach(s -> s.questions.size());
        return tool;
    }

    @Transactional
    String sourceOf(String key) {
        return ToolVersion.findByKey(key, "2018-19").orElseThrow().sourceYaml;
    }

    @Test
    void thePublishedMessageCountsOneStandardAndOneQuestionInTheSingular() {
        String key = Fixtures.unique("one");
        String file = ToolFiles.small(key);
        String single = file.substring(0, file.indexOf("      - key: board-lead"));
        Result result = publisher.publish("one.yaml", single, "manager@test.local");
        assertEquals(Outcome.PUBLISHED, result.outcome(), result.message());
        assertTrue(result.message().endsWith("(1 standard, 1 question)"), result.message());
    }
}

package org.compactaudit.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Imports every tool file under {@code compact.tools.dir} on start, before the demo loader and the bootstrap
 * admin. A malformed file, or a published version whose file changed, fails the start: a published version
 * must never be silently different from its file.
 */
@ApplicationScoped
public class ToolImporter {

    private static final Logger LOG = Logger.getLogger(ToolImporter.class);

    /** Who published a version read from the tools folder. */
    public static final String PUBLISHED_BY = "tool file import";

    @Inject
    ToolsConfig config;

    @Inject
    ToolPublisher publisher;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (!Files.isDirectory(config.dir())) {
            LOG.warnf("No audit tool folder at %s (compact.tools.dir): no tool files imported", config.dir().toAbsolutePath());
            return;
        }
        requireAccepted(importDirectory(config.dir()));
    }

    /** Publishes each *.yaml file under the folder (the schema folder aside), in path order; logs each outcome. */
    public List<ToolPublisher.Result> importDirectory(Path folder) {
        List<ToolPublisher.Result> results = new ArrayList<>();
        for (Path file : toolFiles(folder)) {
            ToolPublisher.Result result = importFile(file);
            switch (result.outcome()) {
                case PUBLISHED, UNCHANGED -> LOG.info(result.message());
                default -> LOG.error(result.message());
            }
            results.add(result);
        }
        LOG.infof("Audit tool files in %s: %d read", folder, results.size());
        return results;
    }

    /** Throws with every refused or invalid file's message, so the start fails with the reasons. */
    public static void requireAccepted(List<ToolPublisher.Result> results) {
        List<ToolPublisher.Result> failed = results.stream().filter(r -> !r.accepted()).toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Audit tool files cannot be imported:\n"
                    + failed.stream().map(ToolPublisher.Result::message).collect(Collectors.joining("\n")));
        }
    }

    private ToolPublisher.Result importFile(Path file) {
        String source = file.toString().replace('\\', '/');
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read audit tool file " + source, e);
        }
        try {
            return publisher.publish(source, yaml, PUBLISHED_BY);
        } catch (PersistenceException e) {
            // Another replica starting at the same moment published it first: the second look sees it.
            LOG.warnf("Retrying %s after a concurrent publish: %s", source, e.getMessage());
            return publisher.publish(source, yaml, PUBLISHED_BY);
        }
    }

    private static List<Path> toolFiles(Path folder) {
        Path schema = folder.resolve("schema");
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(schema))
                    .filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list audit tool files in " + folder, e);
        }
    }
}

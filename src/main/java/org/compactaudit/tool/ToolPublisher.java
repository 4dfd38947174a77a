package org.compactaudit.tool;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.PartnershipScope;
import org.compactaudit.agency.Sector;
import org.compactaudit.tool.ToolDefinition.QuestionDefinition;
import org.compactaudit.tool.ToolDefinition.StandardDefinition;
import org.compactaudit.web.Counts;

/**
 * Publishes a tool file with the immutability rule: a new version is published, the same content again is a
 * no-op, and different content under a published version is refused with what changed. A file is published
 * whole or not at all.
 */
@ApplicationScoped
public class ToolPublisher {

    public enum Outcome {
        PUBLISHED, UNCHANGED, REFUSED, INVALID;

        public String code() {
            return name().toLowerCase();
        }
    }

    /**
     * What happened to one file. {@code problems} are set when INVALID, {@code changes} when REFUSED;
     * toolKey and version are null when the file could not be read.
     */
    public record Result(Outcome outcome, String source, String toolKey, String version, String message,
            List<ToolProblem> problems, ToolComparison changes) {

        public boolean accepted() {
            return outcome == Outcome.PUBLISHED || outcome == Outcome.UNCHANGED;
        }

        public String reference() {
            return toolKey + "/" + version;
        }
    }

    @Inject
    ToolParser parser;

    @Inject
    Clock clock;

    @Inject
    PartnershipScope scope;

    @Transactional
    public Result publish(String source, String yaml, String publishedBy) {
        Set<String> sectors = Sector.<Sector>listAll().stream().map(s -> s.code).collect(Collectors.toSet());
        ToolDefinition definition;
        try {
            definition = parser.parse(source, yaml, sectors);
        } catch (ToolFileException e) {
            return new Result(Outcome.INVALID, source, null, null, e.getMessage(), e.problems(), null);
        }
        String hash = definition.contentHash();
        Optional<ToolVersion> published = ToolVersion.findByKey(definition.toolKey(), definition.version());
        if (published.isPresent() && published.get().partnership != null && !scope.sees(published.get().partnership.id)) {
            return new Result(Outcome.REFUSED, source, definition.toolKey(), definition.version(), source + ": the version "
                    + definition.reference() + " is taken; give the tool another version label", List.of(), null);
        }
        if (published.isPresent()) {
            ToolVersion existing = published.get();
            if (existing.contentHash.equals(hash)) {
                return new Result(Outcome.UNCHANGED, source, definition.toolKey(), definition.version(),
                        source + ": " + definition.reference() + " is already published with this content", List.of(), null);
            }
            ToolComparison changes = ToolComparison.between(ToolDefinition.of(existing, String::compareTo), definition);
            return new Result(Outcome.REFUSED, source, definition.toolKey(), definition.version(),
                    refusal(source, existing, changes), List.of(), changes);
        }
        Optional<Partnership> owner = scope.acting();
        if (owner.isEmpty() && !scope.memberships().isEmpty()) {
            return new Result(Outcome.INVALID, source, definition.toolKey(), definition.version(), source
                    + ": choose the partnership the tool is for in the header first; you work for several", List.of(), null);
        }
        persist(definition, hash, source, yaml, publishedBy, owner.orElse(null));
        return new Result(Outcome.PUBLISHED, source, definition.toolKey(), definition.version(),
                source + ": published " + definition.reference() + " ("
                        + Counts.of(definition.standards().size(), "standard", "standards") + ", "
                        + Counts.of(definition.questionCount(), "question", "questions") + ")", List.of(), null);
    }

    private static String refusal(String source, ToolVersion existing, ToolComparison changes) {
        String what = changes.isIdentical()
                ? "\n  - the content differs from the published version"
                : changes.changes().stream().map(c -> "\n  - " + c.summary()).collect(Collectors.joining());
        return source + ": version " + existing.reference() + " was published on " + existing.publishedAt
                + " (from " + existing.sourceName + ") and published versions never change; "
                + "give the changed tool a new version label. What changed:" + what;
    }

    /** The version belongs to the uploading partnership; the shipped files and an admin's uploads to none (all). */
    private void persist(ToolDefinition definition, String hash, String source, String yaml, String publishedBy,
            Partnership owner) {
        ToolVersion tool = new ToolVersion();
        tool.toolKey = definition.toolKey();
        tool.version = definition.version();
        tool.variant = definition.variant();
        tool.title = definition.title();
        tool.description = definition.description();
        tool.contentHash = hash;
        tool.sourceName = source;
        tool.sourceYaml = yaml;
        tool.publishedAt = clock.instant();
        tool.publishedBy = publishedBy;
        tool.partnership = owner;
        tool.sectors.addAll(definition.sectors());
        int standardPosition = 0;
        for (StandardDefinition s : definition.standards()) {
            Standard standard = new Standard();
            standard.toolVersion = tool;
            standard.key = s.key();
            standard.title = s.title();
            standard.description = s.description();
            standard.position = ++standardPosition;
            int questionPosition = 0;
            for (QuestionDefinition q : s.questions()) {
                Question question = new Question();
                question.standard = standard;
                question.key = q.key();
                question.text = q.text();
                question.naAllowed = q.naAllowed();
                question.position = ++questionPosition;
                question.guidanceOutstanding = q.guidance().outstanding();
                question.guidanceGood = q.guidance().good();
                question.guidanceRequiresImprovement = q.guidance().requiresImprovement();
                question.guidanceInadequate = q.guidance().inadequate();
                question.sectors.addAll(q.sectors());
                standard.questions.add(question);
            }
            tool.standards.add(standard);
        }
        tool.persist();
    }
}

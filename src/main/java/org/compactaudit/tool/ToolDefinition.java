package org.compactaudit.tool;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The content of one audit tool version, as a file states it and as the API shows it. Field names are the
 * file's and the API's. Question sectors are empty when the question applies to every sector of the tool.
 */
public record ToolDefinition(String toolKey, String version, String variant, String title, String description,
        List<String> sectors, List<StandardDefinition> standards) {

    public record StandardDefinition(String key, String title, String description, List<QuestionDefinition> questions) {
    }

    public record QuestionDefinition(String key, String text, boolean naAllowed, List<String> sectors,
            Guidance guidance) {
    }

    /** What each grade looks like: the model answers respondents grade against. */
    public record Guidance(String outstanding, String good, String requiresImprovement, String inadequate) {
    }

    /** A mapper of its own, so the hash never depends on how the application configures Jackson. */
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public String reference() {
        return toolKey + "/" + version;
    }

    public int questionCount() {
        return standards.stream().mapToInt(s -> s.questions().size()).sum();
    }

    /**
     * SHA-256 of a canonical JSON of the content: comments, layout, quoting and the order of sector codes
     * in the file do not count as a change; the order of standards and questions does.
     */
    public String contentHash() {
        ToolDefinition canonical = new ToolDefinition(toolKey, version, variant, title, description, sorted(sectors),
                standards.stream().map(s -> new StandardDefinition(s.key(), s.title(), s.description(),
                        s.questions().stream().map(q -> new QuestionDefinition(q.key(), q.text(), q.naAllowed(),
                                sorted(q.sectors()), q.guidance())).toList())).toList());
        try {
            byte[] json = CANONICAL.writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash tool definition " + reference(), e);
        }
    }

    /** The definition of a published version, sector codes in the order given. */
    public static ToolDefinition of(ToolVersion tool, Comparator<String> sectorOrder) {
        return new ToolDefinition(tool.toolKey, tool.version, tool.variant, tool.title, tool.description,
                tool.sectors.stream().sorted(sectorOrder).toList(),
                tool.standards.stream().map(s -> new StandardDefinition(s.key, s.title, s.description,
                        s.questions.stream().map(q -> new QuestionDefinition(q.key, q.text, q.naAllowed,
                                q.sectors.stream().sorted(sectorOrder).toList(),
                                new Guidance(q.guidanceOutstanding, q.guidanceGood, q.guidanceRequiresImprovement,
                                        q.guidanceInadequate))).toList())).toList());
    }

    private static List<String> sorted(List<String> codes) {
        return codes.stream().sorted().toList();
    }
}

package org.compactaudit.tool;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.compactaudit.tool.ToolDefinition.QuestionDefinition;
import org.compactaudit.tool.ToolDefinition.StandardDefinition;

/**
 * Reads a tool file: YAML, then the JSON Schema in {@code audit-tools/schema/} (packaged on the classpath by the
 * build), then the rules a schema cannot say (unique keys, known sectors). Every problem names the file, the line
 * and column, and the field.
 */
@ApplicationScoped
public class ToolParser {

    /** Where the build puts audit-tools/schema/audit-tool.schema.json on the classpath. */
    public static final String SCHEMA_RESOURCE = "audit-tools/schema/audit-tool.schema.json";

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper BINDER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final JsonSchema schema = loadSchema();

    /** The node tree of a file with the place in the file of every field and list item, by path. */
    private record Located(JsonNode root, Map<String, JsonLocation> places) {
    }

    /**
     * Parses and validates a file.
     *
     * @param source name shown in every problem, e.g. the path of the file
     * @param knownSectors the codes of the sector table
     * @throws ToolFileException with every problem found
     */
    public ToolDefinition parse(String source, String yaml, Set<String> knownSectors) {
        Located located = read(source, yaml);
        List<ToolProblem> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(located.root())) {
            String path = path(message.getInstanceLocation());
            String property = message.getProperty();
            String prefix = message.getInstanceLocation().toString() + ": ";
            String text = message.getMessage().startsWith(prefix)
                    ? message.getMessage().substring(prefix.length()) : message.getMessage();
            String placePath = property != null && located.places().containsKey(child(path, property))
                    ? child(path, property) : path;
            problems.add(problem(source, located, placePath, path, text));
        }
        if (!problems.isEmpty()) {
            throw failure(source, problems);
        }
        ToolDefinition definition = normalise(BINDER.convertValue(located.root(), ToolDefinition.class));
        checkRules(source, located, definition, knownSectors, problems);
        if (!problems.isEmpty()) {
            throw failure(source, problems);
        }
        return definition;
    }

    private static Located read(String source, String yaml) {
        Map<String, JsonLocation> places = new HashMap<>();
        List<ToolProblem> problems = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                throw failure(source, List.of(new ToolProblem(source, 0, 0, "", "the file is empty")));
            }
            JsonNode root = node(parser, "", places, source, problems);
            if (!problems.isEmpty()) {
                throw failure(source, problems);
            }
            return new Located(root, places);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = "YAML syntax error: " + e.getOriginalMessage().strip().replaceAll("\\s+", " ");
            throw failure(source, List.of(new ToolProblem(source, at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "", message)));
        } catch (IOException e) {
            throw failure(source, List.of(new ToolProblem(source, 0, 0, "", "cannot read the file: " + e.getMessage())));
        }
    }

    /** Builds the node the parser is on, recording where each field and item starts. */
    private static JsonNode node(JsonParser parser, String path, Map<String, JsonLocation> places, String source,
            List<ToolProblem> problems) throws IOException {
        places.putIfAbsent(path, parser.currentTokenLocation());
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String childPath = child(path, name);
                    JsonLocation at = parser.currentTokenLocation();
                    if (object.has(name)) {
                        problems.add(new ToolProblem(source, at.getLineNr(), at.getColumnNr(), childPath,
                                "the key '" + name + "' appears twice"));
                    }
                    places.put(childPath, at);
                    parser.nextToken();
                    object.set(name, node(parser, childPath, places, source, problems));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String itemPath = path + "[" + index++ + "]";
                    places.put(itemPath, parser.currentTokenLocation());
                    array.add(node(parser, itemPath, places, source, problems));
                }
                return array;
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDecimalValue());
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> {
                return nodes.textNode(parser.getText());
            }
        }
    }

    private static void checkRules(String source, Located located, ToolDefinition tool, Set<String> knownSectors,
            List<ToolProblem> problems) {
        Set<String> toolSectors = new HashSet<>(tool.sectors());
        for (int i = 0; i < tool.sectors().size(); i++) {
            String code = tool.sectors().get(i);
            if (!knownSectors.contains(code)) {
                problems.add(problem(source, located, "sectors[" + i + "]", "sectors[" + i + "]",
                        "unknown sector '" + code + "'; known sectors: " + String.join(", ", sortedCodes(knownSectors))));
            }
        }
        Map<String, String> standardKeys = new HashMap<>();
        Map<String, String> questionKeys = new HashMap<>();
        for (int s = 0; s < tool.standards().size(); s++) {
            StandardDefinition standard = tool.standards().get(s);
            String standardPath = "standards[" + s + "]";
            String earlier = standardKeys.putIfAbsent(standard.key(), standardPath);
            if (earlier != null) {
                problems.add(problem(source, located, standardPath + ".key", standardPath + ".key",
                        "standard key '" + standard.key() + "' is already used by " + earlier));
            }
            for (int q = 0; q < standard.questions().size(); q++) {
                QuestionDefinition question = standard.questions().get(q);
                String questionPath = standardPath + ".questions[" + q + "]";
                String before = questionKeys.putIfAbsent(question.key(), questionPath);
                if (before != null) {
                    problems.add(problem(source, located, questionPath + ".key", questionPath + ".key",
                            "question key '" + question.key() + "' is already used by " + before));
                }
                for (int c = 0; c < question.sectors().size(); c++) {
                    String code = question.sectors().get(c);
                    String sectorPath = questionPath + ".sectors[" + c + "]";
                    if (!knownSectors.contains(code)) {
                        problems.add(problem(source, located, sectorPath, sectorPath, "unknown sector '" + code + "'"));
                    } else if (!toolSectors.contains(code)) {
                        problems.add(problem(source, located, sectorPath, sectorPath,
                                "sector '" + code + "' is not one of the tool's sectors (" + String.join(", ", tool.sectors()) + ")"));
                    }
                }
            }
        }
    }

    /** Absent optional fields become empty, so two definitions with the same content are equal. */
    private static ToolDefinition normalise(ToolDefinition tool) {
        return new ToolDefinition(tool.toolKey(), tool.version(), tool.variant(), tool.title(), tool.description(),
                tool.sectors(), tool.standards().stream().map(s -> new StandardDefinition(s.key(), s.title(),
                        s.description(), s.questions().stream().map(q -> new QuestionDefinition(q.key(), q.text(),
                                q.naAllowed(), q.sectors() == null ? List.of() : q.sectors(), q.guidance())).toList()))
                        .toList());
    }

    /** The problem placed at the nearest recorded place on the path (a missing field is placed at its parent). */
    private static ToolProblem problem(String source, Located located, String placePath, String field, String message) {
        String at = placePath;
        while (!located.places().containsKey(at) && !at.isEmpty()) {
            at = parent(at);
        }
        JsonLocation place = located.places().get(at);
        return new ToolProblem(source, place == null ? 0 : place.getLineNr(), place == null ? 0 : place.getColumnNr(),
                field, message);
    }

    private static String path(JsonNodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        return path.toString();
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static List<String> sortedCodes(Set<String> codes) {
        return codes.stream().sorted().toList();
    }

    private static ToolFileException failure(String source, List<ToolProblem> problems) {
        List<ToolProblem> inOrder = new ArrayList<>(problems);
        inOrder.sort(Comparator.comparingInt(ToolProblem::line).thenComparingInt(ToolProblem::column)
                .thenComparing(ToolProblem::field));
        return new ToolFileException(source, inOrder);
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The audit tool schema " + SCHEMA_RESOURCE + " is not on the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the audit tool schema " + SCHEMA_RESOURCE, e);
        }
    }
}

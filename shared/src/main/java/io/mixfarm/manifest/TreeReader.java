package io.mixfarm.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one JSON or YAML document into a tree, recording where each path starts. It refuses
 * what a manifest never needs and what makes YAML dangerous or ambiguous: anchors and aliases
 * (Jackson does not expand them, it would read {@code *x} as the text "x"; expanding them is
 * how alias bombs work), explicit tags, nesting deeper than {@link #MAX_DEPTH}, several
 * documents. A duplicate field is recorded as a problem and the first value kept.
 */
final class TreeReader {

    /** The model is 6 levels deep; anything much deeper is an attack or a mistake. */
    static final int MAX_DEPTH = 32;

    /** Tags that only restate what plain YAML means; any other tag asks for a type we do not have. */
    private static final Set<String> PLAIN_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq").stream()
            .map(t -> "tag:yaml.org,2002:" + t).collect(Collectors.toUnmodifiableSet());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonParser parser;
    private final SourceIndex index;
    private final Problems problems;

    /** A problem after which the token stream cannot be trusted: reading stops. */
    static final class Fatal extends Exception {
        final transient ManifestProblem problem;

        Fatal(ManifestProblem problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }
    }

    TreeReader(JsonParser parser, SourceIndex index, Problems problems) {
        this.parser = parser;
        this.index = index;
        this.problems = problems;
    }

    JsonNode readDocument() throws IOException, Fatal {
        if (parser.nextToken() == null) {
            throw new Fatal(new ManifestProblem("", "the document is empty"));
        }
        index.put("", line(), column());
        JsonNode root = readValue("", 0);
        if (parser.nextToken() != null) {
            throw fatal("", "only one document is allowed (remove the second '---' and what follows)");
        }
        return root;
    }

    private JsonNode readValue(String path, int depth) throws IOException, Fatal {
        rejectYamlExtras(path);
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(path, depth + 1);
            case START_ARRAY -> readArray(path, depth + 1);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> number(path, true);
            case VALUE_NUMBER_FLOAT -> number(path, false);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw fatal(path, "unexpected " + token);
        };
    }

    /** A number, or a fatal problem at its path for one Jackson cannot take (.nan, .inf, 400 digits). */
    private JsonNode number(String path, boolean integer) throws IOException, Fatal {
        try {
            return integer ? readInteger() : NODES.numberNode(parser.getDoubleValue());
        } catch (JsonProcessingException e) {
            throw fatal(path, "is not a number the manifest takes: " + e.getOriginalMessage()
                    + " (NaN, infinities and numbers over 100 digits are refused)");
        }
    }

    private JsonNode readInteger() throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    private ObjectNode readObject(String path, int depth) throws IOException, Fatal {
        checkDepth(path, depth);
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String child = PathNames.field(path, name);
            int line = line();
            int column = column();
            nextValue(child);
            JsonNode value = readValue(child, depth);
            if (object.has(name)) {
                problems.add(new ManifestProblem(child, "duplicate field (the first one is kept)").at(line, column));
            } else {
                index.put(child, line, column);
                object.set(name, value);
            }
        }
        return object;
    }

    private ArrayNode readArray(String path, int depth) throws IOException, Fatal {
        checkDepth(path, depth);
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; nextValue(PathNames.index(path, i)) != JsonToken.END_ARRAY; i++) {
            String child = PathNames.index(path, i);
            index.put(child, line(), column());
            array.add(readValue(child, depth));
        }
        return array;
    }

    /** The next token; a value over a read limit (number length) is reported at {@code path}. */
    private JsonToken nextValue(String path) throws IOException, Fatal {
        try {
            return parser.nextToken();
        } catch (StreamConstraintsException e) {
            throw fatal(path, "is not a value the manifest takes: " + e.getOriginalMessage());
        }
    }

    private void checkDepth(String path, int depth) throws Fatal {
        if (depth > MAX_DEPTH) {
            throw fatal(path, "nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void rejectYamlExtras(String path) throws IOException, Fatal {
        if (!(parser instanceof YAMLParser yaml)) {
            return;
        }
        if (yaml.isCurrentAlias()) {
            throw fatal(path, "YAML aliases (*" + yaml.getText() + ") are not supported; write the value out");
        }
        if (yaml.getObjectId() != null) {
            throw fatal(path, "YAML anchors (&" + yaml.getObjectId() + ") are not supported; write the value out");
        }
        String tag = yaml.getTypeId();
        if (tag != null && !PLAIN_TAGS.contains(tag)) {
            throw fatal(path, "YAML tag " + tag + " is not supported");
        }
    }

    private Fatal fatal(String path, String message) {
        return new Fatal(new ManifestProblem(path, message).at(line(), column()));
    }

    private int line() {
        return location().getLineNr();
    }

    private int column() {
        return location().getColumnNr();
    }

    private JsonLocation location() {
        return parser.currentTokenLocation();
    }
}

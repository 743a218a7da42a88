package io.mixfarm.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.List;

/**
 * Parses a manifest written in YAML or JSON (one schema; a document whose first character is
 * '{' is JSON). Checks shape only: syntax, field names, value types, enum values. Whether the
 * values make sense is {@link ManifestValidator}'s job.
 *
 * <p>Safe on hostile input: documents over {@link #MAX_DOCUMENT_CHARS} are refused before
 * parsing, and {@link TreeReader} refuses YAML anchors, aliases, tags and deep nesting.
 */
public final class ManifestParser {

    /** 10 MiB: a 30-song album with dense automation is well under 1 MiB. */
    public static final int MAX_DOCUMENT_CHARS = 10 * 1024 * 1024;

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(constraints())
            .build();
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(constraints())
            .build();
    private static final ObjectMapper BINDER = binder();

    private ManifestParser() {
    }

    /** Parses a manifest; throws {@link ManifestException} listing every problem found. */
    public static Session parse(String text, String sourceName) {
        return parseDocument(text, sourceName).session();
    }

    /** Parses a manifest and keeps the source position of each path. */
    public static ManifestDocument parseDocument(String text, String sourceName) {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new ManifestException(sourceName, List.of(new ManifestProblem("",
                    "the document has " + text.length() + " characters; the limit is " + MAX_DOCUMENT_CHARS)));
        }
        controlCharacter(text).ifPresent(p -> {
            throw new ManifestException(sourceName, List.of(p));
        });
        SourceIndex index = new SourceIndex();
        Problems problems = new Problems();
        JsonNode tree = readTree(text, sourceName, index, problems);
        SchemaCheck.check(tree, Session.class, problems);
        if (!problems.isEmpty()) {
            throw new ManifestException(sourceName, index.locate(problems.toList()));
        }
        return new ManifestDocument(bind(tree, sourceName, index), sourceName, index);
    }

    /**
     * The first control character other than tab, line feed and carriage return (NUL bytes,
     * escape sequences): YAML forbids them and they have no place in a manifest; the parsers'
     * own message would not say where.
     */
    private static java.util.Optional<ManifestProblem> controlCharacter(String text) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            } else if (c != '\t' && c != '\r' && (c < 0x20 || (c >= 0x7f && c < 0xa0))) {
                return java.util.Optional.of(new ManifestProblem("", String.format(
                        "the document contains the control character U+%04X; a manifest is plain text", (int) c))
                        .at(line, i - lineStart + 1));
            }
        }
        return java.util.Optional.empty();
    }

    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\uFEFF' && !Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static JsonNode readTree(String text, String sourceName, SourceIndex index, Problems problems) {
        JsonFactory factory = looksLikeJson(text) ? JSON : YAML;
        try (JsonParser parser = factory.createParser(text)) {
            return new TreeReader(parser, index, problems).readDocument();
        } catch (TreeReader.Fatal e) {
            problems.add(e.problem);
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e));
        } catch (IOException e) {
            // Reading a String cannot fail on I/O; anything here is a parser fault.
            problems.add(new ManifestProblem("", "cannot be read: " + e.getMessage()));
        }
        throw new ManifestException(sourceName, problems.toList());
    }

    private static ManifestProblem syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return new ManifestProblem("", "YAML syntax: " + yaml.getProblem() + context)
                    .at(yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1);
        }
        ManifestProblem problem = new ManifestProblem("", "syntax: " + e.getOriginalMessage());
        return e.getLocation() == null ? problem
                : problem.at(e.getLocation().getLineNr(), e.getLocation().getColumnNr());
    }

    private static Session bind(JsonNode tree, String sourceName, SourceIndex index) {
        try {
            return BINDER.treeToValue(tree, Session.class);
        } catch (JsonMappingException e) {
            // The schema check should have caught this; report it rather than crash.
            throw new ManifestException(sourceName, List.of(index.locate(
                    new ManifestProblem(jacksonPath(e), e.getOriginalMessage()))));
        } catch (JsonProcessingException e) {
            throw new ManifestException(sourceName, List.of(new ManifestProblem("", e.getOriginalMessage())));
        }
    }

    private static String jacksonPath(JsonMappingException e) {
        String path = "";
        for (JsonMappingException.Reference ref : e.getPath()) {
            path = ref.getFieldName() != null ? PathNames.field(path, ref.getFieldName())
                    : PathNames.index(path, ref.getIndex());
        }
        return path;
    }

    private static LoaderOptions loaderOptions() {
        // Jackson's YAML parser reads events and never composes nodes, so of these only the
        // code point limit is enforced by SnakeYAML; TreeReader enforces the rest itself.
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(TreeReader.MAX_DEPTH);
        // TreeReader reports duplicates with their path and goes on; SnakeYAML would stop.
        options.setAllowDuplicateKeys(true);
        return options;
    }

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(TreeReader.MAX_DEPTH + 1)
                .maxNumberLength(100)
                .maxStringLength(MAX_DOCUMENT_CHARS)
                .build();
    }

    private static ObjectMapper binder() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        // No silent conversions between text, numbers and booleans.
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}

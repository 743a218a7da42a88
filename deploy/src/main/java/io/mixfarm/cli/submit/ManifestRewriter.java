package io.mixfarm.cli.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mixfarm.contract.S3Uri;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a manifest (YAML or JSON) as a tree and points its local references at S3: every stem
 * {@code uri} and song {@code source} that is a local path (relative to the manifest) and a local
 * {@code output} directory.
 * Everything else is passed on untouched; the coordinator validates the result.
 */
public final class ManifestRewriter {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ManifestRewriter() {
    }

    /** The manifest's tree. */
    public static ObjectNode read(Path manifest) throws IOException {
        JsonNode tree = YAML.readTree(manifest.toFile());
        if (!(tree instanceof ObjectNode object)) {
            throw new IOException(manifest + ": not a manifest (expected a mapping at the top)");
        }
        return object;
    }

    /**
     * Replaces local stem paths with what {@code upload} returns for the file, and a local output
     * directory with the same path in {@code outputBucket} (when not null).
     */
    public static void rewrite(ObjectNode manifest, Path baseDir, Function<Path, S3Uri> upload, String outputBucket) {
        for (JsonNode song : manifest.path("songs")) {
            for (JsonNode stem : song.path("stems")) {
                uploaded(stem, "uri", baseDir, upload);
            }
            // A finished source is uploaded like a stem.
            uploaded(song, "source", baseDir, upload);
        }
        JsonNode output = manifest.get("output");
        if (outputBucket != null && output != null && output.isTextual() && isLocal(output.asText())) {
            String relative = output.asText().startsWith("./") ? output.asText().substring(2) : output.asText();
            relative = relative.startsWith("/") ? relative.substring(1) : relative;
            manifest.put("output", new S3Uri(outputBucket, relative.endsWith("/") || relative.isEmpty()
                    ? relative : relative + "/").toString());
        }
    }

    private static void uploaded(JsonNode node, String field, Path baseDir, Function<Path, S3Uri> upload) {
        JsonNode uri = node.get(field);
        if (node instanceof ObjectNode object && uri != null && uri.isTextual() && isLocal(uri.asText())) {
            String path = uri.asText().startsWith("file://") ? uri.asText().substring(7) : uri.asText();
            object.put(field, upload.apply(baseDir.resolve(path)).toString());
        }
    }

    private static boolean isLocal(String uri) {
        return uri.startsWith("file://") || !uri.contains("://");
    }
}

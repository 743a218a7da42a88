package io.mixfarm.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small manifests for tests, written as YAML flow collections to stay one line each. */
final class TestManifests {

    private TestManifests() {
    }

    /** A valid session with one song; {@code extra} adds top-level lines. */
    static String session(String extra, String songs) {
        return """
                apiVersion: mixfarm/v1
                kind: Session
                id: album
                title: Album
                artist: Artist
                sampleRate: 48000
                output: masters/
                """ + extra + "songs: " + songs + "\n";
    }

    /** A valid session whose only stem has the extra fields given (flow YAML, no braces). */
    static String oneStem(String stemFields) {
        return withBuses("", stemFields);
    }

    /** As {@link #oneStem} with top-level lines added (buses, mastering). */
    static String withBuses(String extra, String stemFields) {
        String comma = stemFields.isEmpty() ? "" : ", ";
        return session(extra, "[{id: song, title: Song, stems: [{id: stem, uri: stems/a.wav" + comma + stemFields + "}]}]");
    }

    /** The validator's problems for a manifest that parses, as "path: message" lines. */
    static List<String> problems(String yaml) {
        return ManifestValidator.validate(ManifestParser.parse(yaml, "test.yaml")).stream()
                .map(ManifestProblem::toString).toList();
    }

    /** The parser's problems for a manifest that does not parse, with their positions. */
    static List<String> parseProblems(String text) {
        try {
            ManifestParser.parse(text, "test.yaml");
        } catch (ManifestException e) {
            return e.problems().stream().map(ManifestProblem::toString).toList();
        }
        throw new AssertionError("expected the manifest to be rejected by the parser");
    }

    /** The repository root: the nearest directory above the working directory holding docs/. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new AssertionError("no directory with docs/ and examples/ above " + Path.of("").toAbsolutePath());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

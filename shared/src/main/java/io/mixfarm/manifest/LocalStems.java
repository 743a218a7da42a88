package io.mixfarm.manifest;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the stems a manifest names by relative path exist next to it. S3 stems are
 * skipped: the coordinator checks those against the bucket.
 */
public final class LocalStems {

    private LocalStems() {
    }

    /** One problem per local stem that is not a readable regular file under {@code manifestDir}. */
    public static List<ManifestProblem> findMissing(Session session, Path manifestDir) {
        List<ManifestProblem> problems = new ArrayList<>();
        if (session.songs() == null) {
            return problems;
        }
        for (int s = 0; s < session.songs().size(); s++) {
            String source = session.songs().get(s).source();
            String missing = isLocalPath(source) ? check(manifestDir, source) : null;
            if (missing != null) {
                problems.add(new ManifestProblem(PathNames.index("songs", s) + ".source", missing));
            }
            List<Stem> stems = session.songs().get(s).stems();
            for (int i = 0; stems != null && i < stems.size(); i++) {
                String uri = stems.get(i).uri();
                String path = PathNames.index(PathNames.index("songs", s) + ".stems", i) + ".uri";
                String problem = isLocalPath(uri) ? check(manifestDir, uri) : null;
                if (problem != null) {
                    problems.add(new ManifestProblem(path, problem));
                }
            }
        }
        return problems;
    }

    /** A syntactically valid relative path; other locations are the validator's to report. */
    private static boolean isLocalPath(String uri) {
        if (uri == null || Locations.isS3(uri)) {
            return false;
        }
        Problems syntax = new Problems();
        Locations.checkFile("", uri, syntax);
        return syntax.isEmpty();
    }

    private static String check(Path dir, String relative) {
        Path file;
        try {
            file = dir.resolve(relative);
        } catch (InvalidPathException e) {
            return "not a usable path: " + relative;
        }
        if (!Files.exists(file)) {
            return "file not found: " + relative;
        }
        if (!Files.isRegularFile(file)) {
            return "not a file: " + relative;
        }
        return Files.isReadable(file) ? null : "file not readable: " + relative;
    }
}

package io.mixfarm.manifest;

import io.mixfarm.engine.error.PermanentException;

import java.util.List;

/**
 * An invalid manifest: every problem found, so the author can fix them all in one go. Permanent:
 * submitting the same manifest again cannot succeed.
 */
public class ManifestException extends PermanentException {

    private static final int MAX_LISTED = 50;

    private final String sourceName;
    private final List<ManifestProblem> problems;

    public ManifestException(String sourceName, List<ManifestProblem> problems) {
        super(describe(sourceName, problems));
        this.sourceName = sourceName;
        this.problems = List.copyOf(problems);
    }

    /** The manifest's name as given to the parser (a file name, an upload name). */
    public String sourceName() {
        return sourceName;
    }

    /** Every problem found, in document order as far as it is known. */
    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String describe(String sourceName, List<ManifestProblem> problems) {
        StringBuilder text = new StringBuilder(sourceName).append(": invalid manifest, ")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        problems.stream().limit(MAX_LISTED).forEach(p -> text.append("\n  ").append(p));
        if (problems.size() > MAX_LISTED) {
            text.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more");
        }
        return text.toString();
    }
}

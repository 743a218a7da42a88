package io.mixfarm.render;

import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.manifest.ManifestProblem;

import java.util.List;

/**
 * A song that cannot be rendered because of what its stem files turned out to be (not audio,
 * more than two channels, pan on a stereo stem, ...). Each problem names the manifest field and
 * the file. Permanent: the same manifest and files fail the same way.
 */
public class RenderPlanException extends PermanentException {

    private final List<ManifestProblem> problems;

    public RenderPlanException(String songId, List<ManifestProblem> problems) {
        super(describe(songId, problems));
        this.problems = List.copyOf(problems);
    }

    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String describe(String songId, List<ManifestProblem> problems) {
        StringBuilder text = new StringBuilder("song ").append(songId).append(" cannot be rendered, ")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        problems.forEach(p -> text.append("\n  ").append(p));
        return text.toString();
    }
}

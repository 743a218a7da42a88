package io.mixfarm.manifest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where each path of a parsed manifest starts in its source text, to place problems. */
public final class SourceIndex {

    /** An index that knows no positions (for sessions not parsed from text). */
    public static final SourceIndex NONE = new SourceIndex();

    private final Map<String, int[]> positions = new HashMap<>();

    void put(String path, int line, int column) {
        positions.put(path, new int[] {line, column});
    }

    /**
     * The problem placed at its path, or at the nearest enclosing path that has a position
     * (a missing field is placed at the object that lacks it).
     */
    public ManifestProblem locate(ManifestProblem problem) {
        if (problem.line() > 0) {
            return problem;
        }
        for (String path = problem.path(); ; path = parent(path)) {
            int[] at = positions.get(path);
            if (at != null) {
                return problem.at(at[0], at[1]);
            }
            if (path.isEmpty()) {
                return problem;
            }
        }
    }

    public List<ManifestProblem> locate(List<ManifestProblem> problems) {
        return problems.stream().map(this::locate).toList();
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}

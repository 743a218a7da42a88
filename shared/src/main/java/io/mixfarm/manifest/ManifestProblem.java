package io.mixfarm.manifest;

/**
 * One thing wrong with a manifest: where ({@code songs[3].stems[2].eq[0].freqHz}, or "" for the
 * whole document) and why ({@code 0 is below 10 Hz}). {@code line} and {@code column} are
 * 1-based positions in the source text, or 0 when unknown.
 */
public record ManifestProblem(String path, String message, int line, int column) {

    public ManifestProblem(String path, String message) {
        this(path, message, 0, 0);
    }

    /** This problem placed at a source position. */
    public ManifestProblem at(int line, int column) {
        return new ManifestProblem(path, message, line, column);
    }

    /** {@code path (line L, column C): message}, leaving out the parts that are unknown. */
    @Override
    public String toString() {
        String where = line > 0 ? "line " + line + ", column " + column : "";
        if (path.isEmpty()) {
            return where.isEmpty() ? message : where + ": " + message;
        }
        return where.isEmpty() ? path + ": " + message : path + " (" + where + "): " + message;
    }
}

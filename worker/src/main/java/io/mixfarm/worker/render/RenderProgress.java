package io.mixfarm.worker.render;

import io.mixfarm.contract.Progress;

/** Where a render reports how far it is; also the point where an abandoned task stops. */
@FunctionalInterface
public interface RenderProgress {

    /**
     * The render is {@code fraction} (0 to 1) through {@code stage}. Cheap enough to call per
     * block.
     *
     * @throws java.util.concurrent.CancellationException when the task was abandoned
     */
    void report(Progress.Stage stage, double fraction);

    /** The mixdown wrote {@code frames} of audio at {@code sampleRate} (the song's length, for metrics). */
    default void mixed(long frames, int sampleRate) {
    }
}

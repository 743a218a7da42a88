package io.mixfarm.worker.render;

import io.mixfarm.contract.RenderTask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The seam between the farm and the engine: turns one task's stems, already downloaded and
 * verified, into the files to upload, the song report and (ANALYZE) the measurements for the
 * album gain. Runs on the worker's blocking dispatcher; may take minutes.
 *
 * <p>Contract: deterministic (the same task and stems give the same bytes, so a redelivered task
 * overwrites its outputs with identical objects); files only under {@code workDir}; failures
 * thrown as {@link io.mixfarm.engine.error.PermanentException} when the input is wrong (corrupt
 * or unusable stems, settings the engine refuses) and as
 * {@link io.mixfarm.engine.error.RetriableException} or {@link IOException} when trying again may
 * help; {@code progress} is called now and then and throws
 * {@link java.util.concurrent.CancellationException} once the task is abandoned.
 */
public interface SongRenderer {

    /**
     * Renders {@code task}.
     *
     * @param stems   one local file per stem of the task, in the task's order
     * @param workDir an empty directory for intermediate and output files, deleted afterwards
     */
    RenderedSong render(RenderTask task, List<LocalStem> stems, Path workDir, RenderProgress progress)
            throws IOException;

    /**
     * Renders a MASTER {@code task} from {@code mix}, the float mix its ANALYZE task made
     * ({@link RenderedSong#mix()}), without the stems: the same files as {@link #render} would
     * write. Null when this renderer cannot, and the caller renders from the stems.
     */
    default RenderedSong renderFromMix(RenderTask task, Path mix, Path workDir, RenderProgress progress)
            throws IOException {
        return null;
    }
}

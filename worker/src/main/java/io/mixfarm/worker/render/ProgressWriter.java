package io.mixfarm.worker.render;

import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.engine.audio.AudioWriter;

import java.io.IOException;

/**
 * An audio writer that reports the fraction of {@code expectedFrames} written as a stage's
 * progress; also where an abandoned render stops (the report throws).
 */
final class ProgressWriter implements AudioWriter {

    private final AudioWriter target;
    private final long expectedFrames;
    private final Stage stage;
    private final RenderProgress progress;

    ProgressWriter(AudioWriter target, long expectedFrames, Stage stage, RenderProgress progress) {
        this.target = target;
        this.expectedFrames = expectedFrames;
        this.stage = stage;
        this.progress = progress;
    }

    @Override
    public void write(double[][] src, int frames) throws IOException {
        target.write(src, frames);
        progress.report(stage, expectedFrames > 0 ? Math.min(1, (double) target.framesWritten() / expectedFrames) : 0);
    }

    @Override
    public long framesWritten() {
        return target.framesWritten();
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}

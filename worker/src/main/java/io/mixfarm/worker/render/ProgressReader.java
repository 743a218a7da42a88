package io.mixfarm.worker.render;

import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.loudness.LoudnessMeter;

import java.io.IOException;

/**
 * An audio reader that reports how far through the stream it is as a stage's progress (and so
 * stops an abandoned render), and may feed what it reads to a loudness meter on the way.
 */
final class ProgressReader implements AudioReader {

    private final AudioReader source;
    private final Stage stage;
    private final RenderProgress progress;
    private final LoudnessMeter tap;
    private long frames;

    ProgressReader(AudioReader source, Stage stage, RenderProgress progress, LoudnessMeter tap) {
        this.source = source;
        this.stage = stage;
        this.progress = progress;
        this.tap = tap;
    }

    @Override
    public AudioInfo info() {
        return source.info();
    }

    @Override
    public int read(double[][] dest, int maxFrames) throws IOException {
        int n = source.read(dest, maxFrames);
        if (n > 0) {
            frames += n;
            if (tap != null) {
                tap.process(dest, n);
            }
            long total = source.info().frames();
            progress.report(stage, total > 0 ? Math.min(1, (double) frames / total) : 0);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}

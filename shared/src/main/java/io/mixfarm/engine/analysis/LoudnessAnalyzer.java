package io.mixfarm.engine.analysis;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.loudness.LoudnessMeter;

import java.io.IOException;
import java.nio.file.Path;

/** Streams a whole file through a {@link LoudnessMeter}; memory does not depend on the file's length. */
public final class LoudnessAnalyzer {
    /** Frames decoded per block: large enough to amortize calls, small enough to stay in cache. */
    static final int BLOCK_FRAMES = 8192;

    private LoudnessAnalyzer() {
    }

    public static LoudnessMeasurement measure(Path file) throws IOException {
        try (AudioReader reader = AudioFiles.open(file)) {
            return measure(reader);
        }
    }

    public static LoudnessMeasurement measure(AudioReader reader) throws IOException {
        AudioInfo info = reader.info();
        LoudnessMeter meter = new LoudnessMeter(info.sampleRate(), info.channels());
        double[][] block = new double[info.channels()][BLOCK_FRAMES];
        long frames = 0;
        int n;
        while ((n = reader.read(block, BLOCK_FRAMES)) > 0) {
            meter.process(block, n);
            frames += n;
        }
        return new LoudnessMeasurement(info, frames, meter.integratedLufs(), meter.loudnessRangeLu(),
                meter.truePeakDbtp(), meter.samplePeakDbfs(), meter.gatingBlocks());
    }
}

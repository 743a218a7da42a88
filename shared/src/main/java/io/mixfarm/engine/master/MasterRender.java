package io.mixfarm.engine.master;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.dsp.Decibels;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.LoudnessMeter;

import java.io.IOException;

/**
 * One streaming pass of the mastering chain: pre-limiter chain → gain → true-peak limiter, with
 * the limiter's latency removed (the output is aligned with the input and exactly as long),
 * measured by a BS.1770 meter and optionally written.
 */
final class MasterRender {

    /**
     * What one render produced.
     *
     * @param output            the output's loudness figures
     * @param outputBlocks      the output's 400 ms gating blocks (for album loudness)
     * @param shortTerm         the output's 3 s short-term energies every 100 ms, from 3 s on
     * @param maxReductionDb    largest limiter gain reduction
     * @param meanReductionDb   mean limiter gain reduction over the whole song
     */
    record Result(LoudnessFigures output, GatingBlocks outputBlocks, GatingBlocks shortTerm,
                  double maxReductionDb, double meanReductionDb) {
    }

    private MasterRender() {
    }

    /**
     * Renders {@code source} with {@code gainDb} before a limiter holding {@code aimDbtp}; writes
     * to a writer from {@code output} when it is not null (and closes it).
     */
    static Result render(StereoSource source, MasteringSettings settings, double gainDb, double aimDbtp,
                         MasterOutput output) throws IOException {
        try (AudioReader reader = source.open()) {
            AudioInfo info = reader.info();
            SongAnalysis.requireStereo(info);
            if (output == null) {
                return run(reader, settings, gainDb, aimDbtp, null);
            }
            try (AudioWriter writer = output.open(new AudioInfo(info.source(), info.container(),
                    info.sampleRate(), 2, info.format(), info.bitsPerSample(), info.frames()))) {
                return run(reader, settings, gainDb, aimDbtp, writer);
            }
        }
    }

    private static Result run(AudioReader reader, MasteringSettings settings, double gainDb, double aimDbtp,
                              AudioWriter writer) throws IOException {
        int fs = reader.info().sampleRate();
        int block = SongAnalysis.BLOCK;
        PreLimiterChain chain = new PreLimiterChain(settings);
        chain.prepare(fs, block);
        TruePeakLimiter limiter = new TruePeakLimiter(aimDbtp, settings.limiter().withMarginDb(0.0));
        limiter.prepare(fs, block, 2);
        LoudnessMeter meter = new LoudnessMeter(fs, 2);
        Emitter emitter = new Emitter(meter, writer, limiter.latencyFrames());
        double gain = Decibels.toGain(gainDb);
        double[][] buffer = new double[2][block];
        int n;
        while ((n = reader.read(buffer, block)) > 0) {
            chain.process(buffer, n);
            scale(buffer, n, gain);
            limiter.process(buffer, n);
            emitter.emit(buffer, n);
        }
        // push the last latency frames out of the limiter with silence
        for (int left = limiter.latencyFrames(); left > 0; ) {
            int m = Math.min(block, left);
            java.util.Arrays.fill(buffer[0], 0, m, 0.0);
            java.util.Arrays.fill(buffer[1], 0, m, 0.0);
            limiter.process(buffer, m);
            emitter.emit(buffer, m);
            left -= m;
        }
        return new Result(LoudnessFigures.of(meter.summary()), meter.gatingBlocks(), meter.shortTermBlocks(),
                limiter.maxReductionDb(), limiter.meanReductionDb());
    }

    private static void scale(double[][] buffer, int n, double gain) {
        if (gain == 1.0) {
            return;
        }
        for (double[] channel : buffer) {
            for (int i = 0; i < n; i++) {
                channel[i] *= gain;
            }
        }
    }

    /**
     * Drops the limiter's leading latency and passes the rest on to the meter and writer. The
     * skipped frames are shifted out in place: the block is read afresh after each emit.
     */
    private static final class Emitter {
        private final LoudnessMeter meter;
        private final AudioWriter writer;
        private long toSkip;

        Emitter(LoudnessMeter meter, AudioWriter writer, int latency) {
            this.meter = meter;
            this.writer = writer;
            this.toSkip = latency;
        }

        void emit(double[][] buffer, int n) throws IOException {
            int skip = (int) Math.min(toSkip, n);
            toSkip -= skip;
            if (skip == n) {
                return;
            }
            if (skip > 0) {
                System.arraycopy(buffer[0], skip, buffer[0], 0, n - skip);
                System.arraycopy(buffer[1], skip, buffer[1], 0, n - skip);
            }
            meter.process(buffer, n - skip);
            if (writer != null) {
                writer.write(buffer, n - skip);
            }
        }
    }
}

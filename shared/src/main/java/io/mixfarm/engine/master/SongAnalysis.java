package io.mixfarm.engine.master;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.LoudnessMeter;

import java.io.IOException;

/**
 * Phase one of mastering a song: one pass over the input through the pre-limiter chain,
 * measuring the input as it is and the chain's output (the signal the gain and limiter will
 * see). Album mastering pools the songs' {@link #preBlocks()} to find one album gain.
 *
 * <p>It also keeps a per-millisecond summary of the chain output ({@link LoudnessCells}, about
 * 8 kB per second of audio) from which the loudness after any gain and limiting is predicted.
 */
public final class SongAnalysis {

    static final int BLOCK = 8192;

    private final AudioInfo info;
    private final long frames;
    private final LoudnessFigures input;
    private final LoudnessFigures pre;
    private final GatingBlocks inputBlocks;
    private final GatingBlocks preBlocks;
    private final GatingBlocks inputShortTerm;
    private final LoudnessCells cells;

    SongAnalysis(AudioInfo info, long frames, LoudnessFigures input, LoudnessFigures pre,
                 GatingBlocks inputBlocks, GatingBlocks preBlocks, GatingBlocks inputShortTerm, LoudnessCells cells) {
        this.info = info;
        this.frames = frames;
        this.input = input;
        this.pre = pre;
        this.inputBlocks = inputBlocks;
        this.preBlocks = preBlocks;
        this.inputShortTerm = inputShortTerm;
        this.cells = cells;
    }

    /** The input's header facts (as stereo). */
    public AudioInfo info() {
        return info;
    }

    /** Frames read. */
    public long frames() {
        return frames;
    }

    /** The input's loudness figures. */
    public LoudnessFigures input() {
        return input;
    }

    /** The pre-limiter chain output's figures (equal to {@link #input()} when the chain is empty). */
    public LoudnessFigures pre() {
        return pre;
    }

    /** The input's 400 ms gating blocks. */
    public GatingBlocks inputBlocks() {
        return inputBlocks;
    }

    /** The chain output's 400 ms gating blocks. */
    public GatingBlocks preBlocks() {
        return preBlocks;
    }

    /**
     * The input's 3 s short-term values (one per 100 ms, from 3 s on): what a farm pools into the
     * album's loudness range, so that it needs no meter of its own on the input.
     */
    public GatingBlocks inputShortTermBlocks() {
        return inputShortTerm;
    }

    /**
     * The loudness the limiter is predicted to remove after each gain {@code fromGainDb + i * stepDb}
     * ({@code count} gains), with {@code limiter} holding {@code aimDbtp}: LU, never positive, 0 where
     * it does not act; all 0 for silence. What a farm sends instead of the cells (see {@link GainSearch}).
     */
    public double[] limiterLossDb(LimiterSettings limiter, double aimDbtp, double fromGainDb, double stepDb,
                                  int count) {
        if (pre.integratedLufs() == Double.NEGATIVE_INFINITY) {
            return new double[count];
        }
        return new GainSearch(this, limiter).limiterLossDb(aimDbtp, fromGainDb, stepDb, count);
    }

    LoudnessCells cells() {
        return cells;
    }

    /** Reads {@code source} once. */
    public static SongAnalysis analyze(StereoSource source, MasteringSettings settings) throws IOException {
        try (AudioReader reader = source.open()) {
            AudioInfo info = reader.info();
            requireStereo(info);
            int fs = info.sampleRate();
            LoudnessMeter inputMeter = new LoudnessMeter(fs, 2);
            boolean chained = settings.hasPreLimiterProcessing();
            LoudnessMeter preMeter = chained ? new LoudnessMeter(fs, 2) : inputMeter;
            PreLimiterChain chain = new PreLimiterChain(settings);
            chain.prepare(fs, BLOCK);
            LoudnessCells cells = new LoudnessCells(fs, BLOCK);
            double[][] buffer = new double[2][BLOCK];
            long frames = 0;
            int n;
            while ((n = reader.read(buffer, BLOCK)) > 0) {
                inputMeter.process(buffer, n);
                if (chained) {
                    chain.process(buffer, n);
                    preMeter.process(buffer, n);
                }
                cells.add(buffer, n);
                frames += n;
            }
            return new SongAnalysis(info, frames, LoudnessFigures.of(inputMeter.summary()),
                    LoudnessFigures.of(preMeter.summary()), inputMeter.gatingBlocks(), preMeter.gatingBlocks(),
                    inputMeter.shortTermBlocks(), cells);
        }
    }

    static void requireStereo(AudioInfo info) {
        if (info.channels() != 2) {
            throw new IllegalArgumentException(info.source() + ": mastering needs a stereo stream, got "
                    + info.channels() + " channels (wrap the reader with StereoReader)");
        }
    }
}

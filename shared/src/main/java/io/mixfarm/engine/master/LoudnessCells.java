package io.mixfarm.engine.master;

import io.mixfarm.engine.dsp.BiquadCoefficients;
import io.mixfarm.engine.dsp.BiquadFilter;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.KWeighting;
import io.mixfarm.engine.loudness.Loudness;

import java.util.Arrays;

/**
 * A compact summary of a stereo stream for predicting what gain and limiting do to its
 * integrated loudness without rendering it: per cell of about a millisecond, the largest sample
 * magnitude and the K-weighted energy (BS.1770 weighting, both channels summed). Cells tile the
 * meter's 100 ms sub-blocks exactly, so the 400 ms gating blocks are rebuilt as the meter builds
 * them. Memory: 8 bytes per cell, about 8 kB per second of audio.
 *
 * <p>{@link #predictedLufs} simulates the limiter at cell resolution (target gain, hold over the
 * look-ahead and hold time, exponential release) and gates the weighted energies. It ignores the
 * limiter's inter-sample detection and smoothing; the residual is nearly constant in the gain,
 * so callers correct it from one rendered measurement (see {@link GainSearch}).
 */
final class LoudnessCells {

    private final int sampleRate;
    private final int cellLength;
    private final int cellsPerSubBlock;
    private final BiquadFilter kWeighting;
    private final double[][] weighted;
    private float[] peaks = new float[4096];
    private float[] energies = new float[4096];
    private int cells;
    private int fill;
    private double cellPeak;
    private double cellEnergy;

    LoudnessCells(int sampleRate, int maxBlock) {
        this.sampleRate = sampleRate;
        int subBlock = (int) Math.round(sampleRate / 10.0);
        int k = 100;
        while (subBlock % k != 0) {
            k--;
        }
        this.cellsPerSubBlock = k;
        this.cellLength = subBlock / k;
        KWeighting w = KWeighting.forSampleRate(sampleRate);
        this.kWeighting = new BiquadFilter(stage(w.shelf(), sampleRate), stage(w.highPass(), sampleRate));
        kWeighting.prepare(sampleRate, maxBlock, 2);
        this.weighted = new double[2][maxBlock];
    }

    private static BiquadCoefficients stage(KWeighting.Stage s, double fs) {
        return BiquadCoefficients.of(fs, s.b0(), s.b1(), s.b2(), 1.0, s.a1(), s.a2());
    }

    /** Adds {@code frames} frames of stereo audio. */
    void add(double[][] stereo, int frames) {
        System.arraycopy(stereo[0], 0, weighted[0], 0, frames);
        System.arraycopy(stereo[1], 0, weighted[1], 0, frames);
        kWeighting.process(weighted, frames);
        double[] l = stereo[0], r = stereo[1], kl = weighted[0], kr = weighted[1];
        for (int i = 0; i < frames; ) {
            int end = Math.min(frames, i + cellLength - fill);
            double peak = cellPeak;
            double energy = 0;
            for (int k = i; k < end; k++) {
                peak = Math.max(peak, Math.max(Math.abs(l[k]), Math.abs(r[k])));
                energy += kl[k] * kl[k] + kr[k] * kr[k];
            }
            cellPeak = peak;
            cellEnergy += energy;
            fill += end - i;
            i = end;
            if (fill == cellLength) {
                closeCell();
            }
        }
    }

    private void closeCell() {
        if (cells == peaks.length) {
            peaks = Arrays.copyOf(peaks, cells * 2);
            energies = Arrays.copyOf(energies, cells * 2);
        }
        peaks[cells] = (float) cellPeak;
        energies[cells] = (float) cellEnergy;
        cells++;
        fill = 0;
        cellPeak = 0;
        cellEnergy = 0;
    }

    int cellCount() {
        return cells;
    }

    /**
     * Integrated loudness after {@code gainDb} of gain and a limiter holding {@code aimDbtp} with
     * {@code limiter}'s time constants, as simulated on the cells; -infinity for silence.
     */
    double predictedLufs(double gainDb, double aimDbtp, LimiterSettings limiter) {
        return Loudness.integratedLufs(predictedBlocks(gainDb, aimDbtp, limiter));
    }

    /** The 400 ms gating blocks {@link #predictedLufs} gates (pooled across songs for an album). */
    GatingBlocks predictedBlocks(double gainDb, double aimDbtp, LimiterSettings limiter) {
        double gain = Math.pow(10, gainDb / 20);
        double aim = Math.pow(10, aimDbtp / 20);
        int before = (int) Math.ceil(limiter.lookaheadMs() * sampleRate / 1000.0 / cellLength);
        int after = (int) Math.ceil(limiter.holdMs() * sampleRate / 1000.0 / cellLength);
        double release = Math.exp(-cellLength / (limiter.releaseMs() * sampleRate / 1000.0));
        int subBlocks = cells / cellsPerSubBlock;
        double[] subEnergy = new double[subBlocks];
        double released = 1.0;
        for (int c = 0; c < subBlocks * cellsPerSubBlock; c++) {
            double held = 1.0;
            for (int j = Math.max(0, c - after), end = Math.min(cells - 1, c + before); j <= end; j++) {
                double p = peaks[j] * gain;
                if (p > aim) {
                    held = Math.min(held, aim / p);
                }
            }
            released = held < released ? held : held + release * (released - held);
            double g = gain * released;
            subEnergy[c / cellsPerSubBlock] += energies[c] * g * g;
        }
        int blocks = Math.max(0, subBlocks - 3);
        double[] block = new double[blocks];
        double framesPerBlock = 4.0 * cellsPerSubBlock * cellLength;
        for (int b = 0; b < blocks; b++) {
            block[b] = (subEnergy[b] + subEnergy[b + 1] + subEnergy[b + 2] + subEnergy[b + 3]) / framesPerBlock;
        }
        return GatingBlocks.of(GatingBlocks.Window.GATING_400_MS, block, blocks);
    }
}

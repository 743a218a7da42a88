package io.mixfarm.engine.dsp;

import java.util.Arrays;

/**
 * Linked level detector over a sliding window: for each sample it reports the largest level of
 * any channel over the last {@code window} samples (the sample itself included), as a linear
 * measure.
 *
 * <ul>
 *   <li>{@link Compressor.Detection#PEAK}: max |x| over the window, an amplitude (a peak-hold; a
 *       steady sine reads its peak amplitude, with no ripple, for any period up to the window
 *       length). Computed with the van Herk / Gil–Werman scheme: time is cut into segments of
 *       {@code window} samples; the window ending at a sample is the tail of the previous segment
 *       (a suffix maximum, computed once per segment) plus the head of the current one (a running
 *       maximum). Three operations per sample, no data-dependent branches.</li>
 *   <li>{@link Compressor.Detection#RMS}: per-channel mean of x² over the window, a power (running
 *       sums, resummed exactly once per window to stop rounding drift); the loudest channel wins.
 *       A full-scale sine reads −3.01 dB.</li>
 * </ul>
 * Before the first sample the signal counts as silence. {@link Math#max(double, double)} is used
 * only where the JIT vectorizes it (no loop-carried dependency); running maxima use comparisons,
 * which stay cheap where the NaN/−0-exact intrinsic sits on a dependency chain (levels are never
 * NaN: readers reject NaN samples).
 */
final class LevelDetector {

    private final Compressor.Detection mode;
    private final int window;
    private final int channels;
    // Peak: the current segment's values, and the previous segment's suffix maxima
    // (suffix[j] = max of its samples j .. window−1; suffix[window] = 0 for an empty tail).
    private final double[] segment;
    private final double[] suffix;
    private double runningMax;
    // RMS: per-channel ring of squares and running sums.
    private final double[][] squares;
    private final double[] sums;
    private int pos;

    LevelDetector(Compressor.Detection mode, int window, int channels) {
        this.mode = mode;
        this.window = window;
        this.channels = channels;
        boolean peak = mode == Compressor.Detection.PEAK;
        this.segment = peak ? new double[window] : new double[0];
        this.suffix = peak ? new double[window + 1] : new double[0];
        this.squares = peak ? new double[0][] : new double[channels][window];
        this.sums = new double[channels];
    }

    void reset() {
        pos = 0;
        runningMax = 0;
        Arrays.fill(segment, 0);
        Arrays.fill(suffix, 0);
        for (double[] s : squares) {
            Arrays.fill(s, 0);
        }
        Arrays.fill(sums, 0);
    }

    /** True when the measure is a power (RMS mode), false for an amplitude (peak mode). */
    boolean measuresPower() {
        return mode == Compressor.Detection.RMS;
    }

    /** Writes the level of the window ending at each of {@code frames} samples into {@code out}. */
    void measure(double[][] buffer, int offset, int frames, double[] out) {
        if (mode == Compressor.Detection.PEAK) {
            linkedMagnitude(buffer, offset, frames, out);
            slidingMax(out, frames);
        } else {
            for (int i = 0; i < frames; i++) {
                out[i] = nextMeanSquare(buffer, offset + i);
            }
        }
    }

    private void linkedMagnitude(double[][] buffer, int offset, int frames, double[] out) {
        double[] first = buffer[0];
        for (int i = 0; i < frames; i++) {
            out[i] = Math.abs(first[offset + i]);
        }
        for (int ch = 1; ch < channels; ch++) {
            double[] x = buffer[ch];
            for (int i = 0; i < frames; i++) {
                out[i] = Math.max(out[i], Math.abs(x[offset + i]));
            }
        }
    }

    /** Replaces each magnitude in {@code levels} by the maximum over the window ending there. */
    private void slidingMax(double[] levels, int frames) {
        int p = pos;
        double run = runningMax;
        int i = 0;
        while (i < frames) {
            int n = Math.min(frames - i, window - p);
            for (int k = 0; k < n; k++) {
                double v = levels[i + k];
                segment[p + k] = v;
                run = v > run ? v : run;
                double tail = suffix[p + k + 1];
                levels[i + k] = tail > run ? tail : run;
            }
            i += n;
            p += n;
            if (p == window) {
                closeSegment();
                p = 0;
                run = 0; // magnitudes are >= 0, so 0 starts a running maximum
            }
        }
        pos = p;
        runningMax = run;
    }

    private void closeSegment() {
        double m = 0;
        for (int j = window - 1; j >= 0; j--) {
            double v = segment[j];
            m = v > m ? v : m;
            suffix[j] = m;
        }
    }

    private double nextMeanSquare(double[][] buffer, int i) {
        double loudest = 0;
        for (int ch = 0; ch < channels; ch++) {
            double x = buffer[ch][i];
            double sq = x * x;
            double[] ring = squares[ch];
            sums[ch] += sq - ring[pos];
            ring[pos] = sq;
            loudest = Math.max(loudest, sums[ch]);
        }
        if (++pos == window) {
            pos = 0;
            resum();
        }
        return loudest / window;
    }

    private void resum() {
        for (int ch = 0; ch < channels; ch++) {
            double s = 0;
            for (double v : squares[ch]) {
                s += v;
            }
            sums[ch] = s;
        }
    }
}

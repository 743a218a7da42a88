package io.mixfarm.engine.loudness;

import java.util.Arrays;

/**
 * One channel's sample peak and (optionally) true peak, as linear magnitudes.
 *
 * <p>Input collects behind the last {@code taps - 1} samples in a work buffer; each full chunk's
 * fractional phases are computed over the whole chunk at once and reduced to their largest
 * magnitude — no oversampled signal is kept. The JIT vectorizes those loops only when their
 * length is a constant and all loads in one loop share an offset, hence fixed {@link #CHUNK}s
 * and a shifted copy of the window per tap. A chunk is skipped when even the interpolator's
 * worst-case gain times the largest input magnitude in reach cannot beat the peak so far: an
 * exact bound, so the result equals computing every point. The points of a partly filled chunk
 * are evaluated (without being consumed) when the true peak is read, so results do not depend
 * on how the stream was cut into blocks.
 *
 * <p>The shifted copies are scratch, filled afresh for each chunk, so they are kept per thread
 * rather than per detector: a meter per song would otherwise allocate 32 kB per channel.
 */
final class ChannelPeakDetector {

    static final int CHUNK = 128;
    private static final ThreadLocal<double[][]> SHIFTED =
            ThreadLocal.withInitial(() -> new double[TruePeakInterpolator.MAX_TAPS_PER_PHASE][CHUNK]);

    private final boolean truePeakEnabled;
    private final TruePeakInterpolator interpolator; // null: no oversampling (off, or 1x)
    private final int taps;
    private final double[] work;
    private final double[] acc = new double[CHUNK];
    private int pending;
    /** Without oversampling: the sample peak; with it: the sample peak of completed chunks. */
    private double samplePeak;
    private double previousChunkPeak;
    private double interSamplePeak;

    /** {@code interpolator} null turns true-peak metering off. */
    ChannelPeakDetector(TruePeakInterpolator interpolator) {
        this.truePeakEnabled = interpolator != null;
        this.interpolator = interpolator != null && interpolator.factor() > 1 ? interpolator : null;
        this.taps = this.interpolator == null ? 1 : interpolator.tapsPerPhase();
        this.work = new double[taps - 1 + CHUNK];
    }

    void process(double[] x, int from, int length) {
        if (interpolator == null) {
            samplePeak = Math.max(samplePeak, maxAbs(x, from, length));
            return;
        }
        int history = taps - 1;
        while (length > 0) {
            int n = Math.min(CHUNK - pending, length);
            System.arraycopy(x, from, work, history + pending, n);
            pending += n;
            from += n;
            length -= n;
            if (pending == CHUNK) {
                completeChunk(history);
            }
        }
    }

    private void completeChunk(int history) {
        double chunkPeak = chunkPeak(history);
        samplePeak = Math.max(samplePeak, chunkPeak);
        // the previous chunk covers the history (taps - 1 < CHUNK): a slightly looser, still exact bound
        double reach = Math.max(chunkPeak, previousChunkPeak);
        previousChunkPeak = chunkPeak;
        if (reach * interpolator.maxGain() > Math.max(interSamplePeak, samplePeak)) {
            double[][] shifted = SHIFTED.get();
            for (int j = 0; j < taps; j++) {
                System.arraycopy(work, j, shifted[j], 0, CHUNK);
            }
            for (int p = 1; p < interpolator.factor(); p++) {
                interSamplePeak = Math.max(interSamplePeak, chunkPhasePeak(interpolator.phaseView(p), shifted));
            }
        }
        System.arraycopy(work, CHUNK, work, 0, history);
        pending = 0;
    }

    /** Largest magnitude of one fractional phase over a full chunk; taps eight at a time. */
    private double chunkPhasePeak(double[] c, double[][] shifted) {
        double[] a = acc;
        Arrays.fill(a, 0.0);
        for (int j = 0; j < taps; j += 8) {
            double c0 = c[j], c1 = c[j + 1], c2 = c[j + 2], c3 = c[j + 3];
            double c4 = c[j + 4], c5 = c[j + 5], c6 = c[j + 6], c7 = c[j + 7];
            double[] x0 = shifted[j], x1 = shifted[j + 1], x2 = shifted[j + 2], x3 = shifted[j + 3];
            double[] x4 = shifted[j + 4], x5 = shifted[j + 5], x6 = shifted[j + 6], x7 = shifted[j + 7];
            for (int i = 0; i < CHUNK; i++) {
                double s = Math.fma(c0, x0[i], a[i]);
                s = Math.fma(c1, x1[i], s);
                s = Math.fma(c2, x2[i], s);
                s = Math.fma(c3, x3[i], s);
                s = Math.fma(c4, x4[i], s);
                s = Math.fma(c5, x5[i], s);
                s = Math.fma(c6, x6[i], s);
                a[i] = Math.fma(c7, x7[i], s);
            }
        }
        return maxAbs(a, 0, CHUNK);
    }

    private double chunkPeak(int history) {
        double max = 0.0;
        for (int i = 0; i < CHUNK; i++) {
            max = Math.max(max, Math.abs(work[history + i]));
        }
        return max;
    }

    /** The points of the partly filled chunk, in the same operation order as a full chunk. */
    private double pendingPeak() {
        double max = 0.0;
        for (int p = 1; p < interpolator.factor(); p++) {
            double[] c = interpolator.phaseView(p);
            for (int i = 0; i < pending; i++) {
                double s = 0.0;
                for (int j = 0; j < taps; j++) {
                    s = Math.fma(c[j], work[i + j], s);
                }
                max = Math.max(max, Math.abs(s));
            }
        }
        return max;
    }

    private static double maxAbs(double[] x, int from, int length) {
        double max = 0.0;
        for (int i = from, end = from + length; i < end; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max;
    }

    double samplePeak() {
        if (interpolator == null) {
            return samplePeak;
        }
        return Math.max(samplePeak, maxAbs(work, taps - 1, pending));
    }

    /** True peak, or NaN when true-peak metering is off; at 1x oversampling, the sample peak. */
    double truePeak() {
        if (!truePeakEnabled) {
            return Double.NaN;
        }
        if (interpolator == null) {
            return samplePeak;
        }
        return Math.max(samplePeak(), Math.max(interSamplePeak, pendingPeak()));
    }

    void reset() {
        samplePeak = 0.0;
        previousChunkPeak = 0.0;
        interSamplePeak = 0.0;
        pending = 0;
        Arrays.fill(work, 0.0);
    }
}

package io.mixfarm.engine.loudness;

/**
 * One channel's sample peak and (optionally) true peak, as linear magnitudes.
 *
 * <p>Input is copied chunk by chunk behind the last {@code taps - 1} samples into a work buffer,
 * and each fractional phase is computed as a sum of shifted multiply-adds over the whole chunk
 * (a loop shape the JIT vectorizes), then reduced to its maximum magnitude; no oversampled signal
 * is kept. A chunk is skipped when even the interpolator's worst-case gain times the largest input
 * magnitude in reach cannot beat the peak found so far — an exact bound, so the result is the same
 * as computing every point.
 */
final class ChannelPeakDetector {

    static final int CHUNK = 128;

    private final boolean truePeakEnabled;
    private final TruePeakInterpolator interpolator; // null: no oversampling (off, or 1x)
    private final int taps;
    private final double[] work;
    private final double[] acc = new double[CHUNK];
    private double samplePeak;
    private double truePeak;

    /** {@code interpolator} null turns true-peak metering off. */
    ChannelPeakDetector(TruePeakInterpolator interpolator) {
        this.truePeakEnabled = interpolator != null;
        this.interpolator = interpolator != null && interpolator.factor() > 1 ? interpolator : null;
        this.taps = this.interpolator == null ? 0 : interpolator.tapsPerPhase();
        this.work = new double[Math.max(0, taps - 1) + CHUNK];
        this.truePeak = 0.0;
    }

    void process(double[] x, int from, int length) {
        if (interpolator == null) {
            samplePeak = Math.max(samplePeak, maxAbs(x, from, length));
            return;
        }
        int history = taps - 1;
        for (int done = 0; done < length; ) {
            int n = Math.min(CHUNK, length - done);
            System.arraycopy(x, from + done, work, history, n);
            double chunkPeak = maxAbs(work, history, n);
            samplePeak = Math.max(samplePeak, chunkPeak);
            truePeak = Math.max(truePeak, chunkPeak);
            double reach = Math.max(chunkPeak, maxAbs(work, 0, history));
            if (reach * interpolator.maxGain() > truePeak) {
                for (int p = 1; p < interpolator.factor(); p++) {
                    truePeak = Math.max(truePeak, phasePeak(interpolator.phaseView(p), n));
                }
            }
            System.arraycopy(work, n, work, 0, history);
            done += n;
        }
    }

    /** Largest magnitude of one fractional phase over the {@code n} newest points. */
    private double phasePeak(double[] c, int n) {
        double[] w = work;
        double[] a = acc;
        java.util.Arrays.fill(a, 0, n, 0.0);
        for (int j = 0; j < taps; j += 4) {
            double c0 = c[j], c1 = c[j + 1], c2 = c[j + 2], c3 = c[j + 3];
            for (int i = 0; i < n; i++) {
                a[i] += c0 * w[i + j] + c1 * w[i + j + 1] + c2 * w[i + j + 2] + c3 * w[i + j + 3];
            }
        }
        return maxAbs(a, 0, n);
    }

    private static double maxAbs(double[] x, int from, int length) {
        double max = 0.0;
        for (int i = from, end = from + length; i < end; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max;
    }

    double samplePeak() {
        return samplePeak;
    }

    /** True peak, or NaN when true-peak metering is off; at 1x oversampling, the sample peak. */
    double truePeak() {
        if (!truePeakEnabled) {
            return Double.NaN;
        }
        return interpolator == null ? samplePeak : truePeak;
    }

    void reset() {
        samplePeak = 0.0;
        truePeak = 0.0;
        java.util.Arrays.fill(work, 0.0);
    }
}

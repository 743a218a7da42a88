package io.mixfarm.engine.deliver;

import io.mixfarm.engine.loudness.TruePeakInterpolator;

/**
 * A stricter true-peak reading than the BS.1770-4 meter: it interpolates to at least 352.8 kHz
 * (8x below 96 kHz, 4x below 192 kHz, 2x above), where BS.1770's 4x at 44.1 kHz can under-read a
 * near-Nyquist peak by up to ~0.7 dB, and {@link #finish()} evaluates the stream's last
 * inter-sample points too. The interpolator is {@link TruePeakInterpolator}'s Kaiser sinc.
 *
 * <p>Like the loudness meter's detector it skips a chunk when even the interpolator's worst-case
 * gain times the chunk's reach cannot beat the peak found so far (an exact bound).
 *
 * <p>A full chunk's phases are computed from shifted copies of the window, one per tap, so that
 * every load in the inner loop has the same index and the JIT vectorizes it (as the loudness
 * meter's detector does); the sums are formed in the same order as for a partial chunk, so the
 * result does not depend on how the stream was cut into blocks.
 */
final class InterSamplePeakMeter {
    private static final int TAPS = 32;
    // 32 shifted copies of 128 doubles (32 kB) stay in L1 beside the accumulator; at 256 (64 kB)
    // they did not and the meter took ~25% longer. The reading does not depend on the chunking.
    private static final int CHUNK = 128;

    private final int factor;
    private final double[][] phases;
    private final double maxGain;
    private final double[][] work;
    private final double[] acc = new double[CHUNK];
    private final double[] zeros = new double[TAPS];
    /** Scratch, filled afresh for each chunk: kept per thread, not per meter (a meter per delivered song). */
    private static final ThreadLocal<double[][]> SHIFTED = ThreadLocal.withInitial(() -> new double[TAPS][CHUNK]);
    private double peak;

    InterSamplePeakMeter(int sampleRate, int channels) {
        this.factor = sampleRate < 96_000 ? 8 : sampleRate < 192_000 ? 4 : 2;
        TruePeakInterpolator interpolator = TruePeakInterpolator.withFactor(factor, TAPS);
        this.phases = new double[factor - 1][];
        for (int p = 1; p < factor; p++) {
            phases[p - 1] = interpolator.phase(p);
        }
        this.maxGain = interpolator.maxGain();
        this.work = new double[channels][TAPS - 1 + CHUNK];
    }

    int factor() {
        return factor;
    }

    void process(double[][] block, int frames) {
        for (int c = 0; c < work.length; c++) {
            processChannel(work[c], block[c], 0, frames);
        }
    }

    /** Feeds silence so that the points between the last samples are evaluated too. */
    void finish() {
        for (double[] w : work) {
            processChannel(w, zeros, 0, TAPS);
        }
    }

    /** Largest magnitude, sample or interpolated, as a linear amplitude. */
    double peak() {
        return peak;
    }

    private void processChannel(double[] w, double[] x, int from, int length) {
        int history = TAPS - 1;
        for (int done = 0; done < length; ) {
            int n = Math.min(CHUNK, length - done);
            System.arraycopy(x, from + done, w, history, n);
            double chunkPeak = maxAbs(w, history, n);
            peak = Math.max(peak, chunkPeak);
            double reach = Math.max(chunkPeak, maxAbs(w, 0, history));
            if (reach * maxGain > peak) {
                if (n == CHUNK) {
                    double[][] shifted = SHIFTED.get();
                    for (int j = 0; j < TAPS; j++) {
                        System.arraycopy(w, j, shifted[j], 0, CHUNK);
                    }
                    for (double[] phase : phases) {
                        peak = Math.max(peak, fullChunkPhasePeak(phase, shifted));
                    }
                } else {
                    for (double[] phase : phases) {
                        peak = Math.max(peak, phasePeak(w, phase, n));
                    }
                }
            }
            System.arraycopy(w, n, w, 0, history);
            done += n;
        }
    }

    /** {@link #phasePeak} over a whole chunk, from the shifted copies: the same sums in the same order. */
    private double fullChunkPhasePeak(double[] c, double[][] shifted) {
        double[] a = acc;
        java.util.Arrays.fill(a, 0.0);
        for (int j = 0; j < TAPS; j += 4) {
            double c0 = c[j], c1 = c[j + 1], c2 = c[j + 2], c3 = c[j + 3];
            double[] x0 = shifted[j], x1 = shifted[j + 1], x2 = shifted[j + 2], x3 = shifted[j + 3];
            for (int i = 0; i < CHUNK; i++) {
                a[i] += c0 * x0[i] + c1 * x1[i] + c2 * x2[i] + c3 * x3[i];
            }
        }
        return maxAbs(a, 0, CHUNK);
    }

    private double phasePeak(double[] w, double[] c, int n) {
        double[] a = acc;
        java.util.Arrays.fill(a, 0, n, 0.0);
        for (int j = 0; j < TAPS; j += 4) {
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
}

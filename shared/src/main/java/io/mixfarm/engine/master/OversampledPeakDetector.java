package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.TruePeakInterpolator;

import java.util.Arrays;

/**
 * Per-sample true-peak envelope of a multichannel stream, linked over channels: for each input
 * sample n it reports the largest magnitude of the band-limited signal anywhere in (n − 1, n + 1),
 * evaluated on an oversampled grid ({@link #factorFor}: 4x up to 96 kHz, which holds every point of
 * the 4x/2x grid of this project's BS.1770 meter, interpolated with the same filter), so a limiter
 * driven by it holds a ceiling that the meter then confirms.
 *
 * <p>Where a grid point comes near the threshold, the peak between grid points is estimated by a
 * parabola through the largest point and its neighbours (at 4x this leaves at most 0.07 dB of a
 * tone up to 0.48·fs unread, against 0.6 dB for the bare grid, and far less for lower
 * frequencies), so meters with other grids and later sample-rate conversion, which sample the
 * waveform elsewhere, find no higher peak beyond the limiter's margin.
 *
 * <p>Detection runs in single precision (errors near 1e-6 dB, far inside the limiter's margin),
 * which doubles the vector width of the interpolation loops.
 *
 * <p>Works in chunks: each fractional phase is a sum of shifted multiply-adds over the whole
 * chunk (a loop the JIT vectorizes). A segment of 32 positions whose samples in reach, times the
 * interpolator's worst-case gain, cannot reach {@code threshold} skips the interpolation: its
 * positions report their sample magnitudes, below the threshold too, and that is all a limiter
 * needs to know.
 * Output lags input by {@link #latencyFrames()} frames.
 */
final class OversampledPeakDetector {

    static final int CHUNK = 256;
    /** Positions per skip decision; at least taps − 1, so a segment's taps span two segments. */
    private static final int SEGMENT = 32;
    /** Grid points above threshold × this get a parabolic refinement (0.7 dB: the 4x grid's worst case). */
    private static final double REFINE_BELOW = 0.92;
    /** A parabola's vertex is trusted up to 1 dB above its grid point. */
    private static final double MAX_VERTEX_RISE = 1.122;

    private final int channels;
    private final int taps;
    private final int half;
    private final float[][] phases;
    private final double maxGain;
    private final float[][] work;
    private final float[][] acc;
    /** interval[i]: largest magnitude on [s, s + 1] of position i's sample s, both ends included. */
    private final float[] interval = new float[CHUNK];
    private final float[] lastPhase;
    private final double[] segmentMax = new double[CHUNK / SEGMENT + 1];
    private final boolean[] loud = new boolean[CHUNK / SEGMENT];
    private float previousInterval;

    OversampledPeakDetector(int sampleRate, int channels) {
        this(TruePeakInterpolator.withFactor(factorFor(sampleRate), TruePeakInterpolator.DEFAULT_TAPS_PER_PHASE), channels);
    }

    OversampledPeakDetector(TruePeakInterpolator interpolator, int channels) {
        this.channels = channels;
        this.taps = interpolator.tapsPerPhase();
        this.half = taps / 2;
        this.phases = new float[interpolator.factor() - 1][];
        for (int p = 1; p < interpolator.factor(); p++) {
            double[] c = interpolator.phase(p);
            phases[p - 1] = new float[c.length];
            for (int j = 0; j < c.length; j++) {
                phases[p - 1][j] = (float) c[j];
            }
        }
        this.maxGain = interpolator.maxGain() * 1.01; // the grid's worst case, with room for points between
        this.work = new float[channels][taps - 1 + CHUNK];
        this.acc = new float[phases.length][CHUNK];
        this.lastPhase = new float[channels];
        if (taps - 1 > SEGMENT) {
            throw new IllegalArgumentException("at most " + (SEGMENT + 1) + " taps per phase, got " + taps);
        }
    }

    /** Oversampling for a limiter at {@code sampleRate}: 4x up to 96 kHz, 2x above. */
    static int factorFor(int sampleRate) {
        return sampleRate <= 100_000 ? 4 : 2;
    }

    /** Frames by which {@code peaks[i]} trails input frame i. */
    int latencyFrames() {
        return half;
    }

    /**
     * Reads {@code n ≤ CHUNK} frames of {@code in} from {@code from} and writes, for the frame
     * {@link #latencyFrames()} earlier than each, the linked peak magnitude to {@code peaks[0..n)}.
     */
    void process(double[][] in, int from, int n, double threshold, double[] peaks) {
        int history = taps - 1;
        for (int c = 0; c < channels; c++) {
            float[] w = work[c];
            double[] x = in[c];
            for (int i = 0; i < n; i++) {
                w[history + i] = (float) x[from + i];
            }
        }
        int segments = flagSegments(n, threshold);
        Arrays.fill(interval, 0, n, 0f);
        for (int c = 0; c < channels; c++) {
            float[] w = work[c];
            for (int i = 0; i < n; i++) {
                interval[i] = Math.max(interval[i], Math.max(Math.abs(w[i + half - 1]), Math.abs(w[i + half])));
            }
            for (int s = 0; s < segments; ) {
                int end = s + 1;
                while (end < segments && loud[end] == loud[s]) {
                    end++;
                }
                int a = s * SEGMENT;
                int b = Math.min(n, end * SEGMENT);
                if (loud[s]) {
                    interpolate(w, a, b);
                } else {
                    quiet(a, b);
                }
                s = end;
            }
            refineNear(threshold * REFINE_BELOW, w, c, n);
        }
        peaks[0] = Math.max(previousInterval, interval[0]);
        for (int i = 1; i < n; i++) {
            peaks[i] = Math.max(interval[i - 1], interval[i]);
        }
        previousInterval = interval[n - 1];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(work[c], n, work[c], 0, history);
        }
    }

    /**
     * Marks each segment of {@value #SEGMENT} positions whose interpolation could reach
     * {@code threshold}: the taps of a segment's positions span it and the next segment, and no
     * interpolated point exceeds their largest sample times the interpolator's worst-case gain.
     * Returns the number of segments.
     */
    private int flagSegments(int n, double threshold) {
        int segments = (n + SEGMENT - 1) / SEGMENT;
        int end = taps - 1 + n;
        for (int k = 0; k <= segments; k++) {
            double max = 0;
            int a = Math.min(end, k * SEGMENT);
            int b = Math.min(end, a + SEGMENT);
            for (float[] w : work) {
                max = Math.max(max, maxAbs(w, a, b));
            }
            segmentMax[k] = max;
        }
        for (int s = 0; s < segments; s++) {
            loud[s] = Math.max(segmentMax[s], segmentMax[s + 1]) * maxGain > threshold;
        }
        return segments;
    }

    /** Interpolates positions [a, b): every phase, and the largest magnitude per position. */
    private void interpolate(float[] w, int a, int b) {
        for (int p = 0; p < phases.length; p++) {
            float[] acc = this.acc[p];
            accumulatePhase(phases[p], w, acc, a, b);
            for (int i = a; i < b; i++) {
                interval[i] = Math.max(interval[i], Math.abs(acc[i]));
            }
        }
    }

    /** Positions [a, b) cannot reach the threshold: sample magnitudes stand in, phases read as silence. */
    private void quiet(int a, int b) {
        for (float[] acc : this.acc) {
            Arrays.fill(acc, a, b, 0f);
        }
    }

    /**
     * Where a grid point of channel {@code c} exceeds {@code level}, raises the interval peaks to
     * the vertex of a parabola through the largest grid point of the interval and its neighbours.
     */
    private void refineNear(double level, float[] w, int c, int n) {
        int last = acc.length - 1;
        for (int i = 0; i < n; i++) {
            if (interval[i] > level || Math.abs(w[i + half - 1]) > level) {
                // grid of the interval: v0 = sample, v1..v7 = phases, neighbours of v0 and v7 outside
                int best = 0;
                double bestAbs = Math.abs(w[i + half - 1]);
                for (int p = 0; p <= last; p++) {
                    double v = Math.abs(acc[p][i]);
                    if (v > bestAbs) {
                        bestAbs = v;
                        best = p + 1;
                    }
                }
                double left = best == 0 ? (i == 0 ? lastPhase[c] : acc[last][i - 1])
                        : best == 1 ? w[i + half - 1] : acc[best - 2][i];
                double centre = best == 0 ? w[i + half - 1] : acc[best - 1][i];
                double right = best == last + 1 ? w[i + half] : acc[best][i];
                interval[i] = (float) Math.max(interval[i], vertex(left, centre, right));
            }
        }
        lastPhase[c] = acc[last][n - 1];
    }

    /** Magnitude at the vertex of the parabola through three equally spaced points around a peak. */
    static double vertex(double left, double centre, double right) {
        double sign = centre < 0 ? -1.0 : 1.0;
        double l = sign * left, m = sign * centre, r = sign * right;
        double curvature = l - 2 * m + r;
        if (!(curvature < 0) || l > m || r > m) {
            return Math.abs(centre); // not a local maximum of the magnitude: nothing to add
        }
        double d = r - l;
        return Math.min(m - d * d / (8 * curvature), m * MAX_VERTEX_RISE);
    }

    /** acc[i] = the interpolated point between work samples i + half − 1 and i + half. */
    private void accumulatePhase(float[] c, float[] w, float[] a, int from, int to) {
        Arrays.fill(a, from, to, 0f);
        for (int j = 0; j < taps; j += 4) {
            float c0 = c[j], c1 = c[j + 1], c2 = c[j + 2], c3 = c[j + 3];
            for (int i = from; i < to; i++) {
                a[i] += c0 * w[i + j] + c1 * w[i + j + 1] + c2 * w[i + j + 2] + c3 * w[i + j + 3];
            }
        }
    }

    private static double maxAbs(float[] x, int from, int to) {
        float max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max;
    }

    void reset() {
        for (float[] w : work) {
            Arrays.fill(w, 0f);
        }
        Arrays.fill(lastPhase, 0f);
        previousInterval = 0;
    }
}

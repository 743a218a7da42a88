package io.mixfarm.engine.deliver;

import java.util.Arrays;

/**
 * Requantizes planar audio to an n-bit integer grid, in place: the output values are exact
 * multiples of 2^−(n−1), so a writer's own rounding to n bits leaves them unchanged and no
 * second dither is ever added. Values beyond full scale saturate at the format's limits and are
 * counted ({@link #clippedSamples()}).
 *
 * <p>{@link DitherMode#TPDF} adds the sum of two independent uniform variables of ±½ LSB
 * (triangular, ±1 LSB peak) before rounding: the total error then has zero mean and a power of
 * LSB²/4 whatever the signal, so no distortion products and no noise modulation.
 * {@link DitherMode#TPDF_SHAPED} runs the same quantizer inside the error-feedback loop of
 * {@link NoiseShapingFilter}. The fed-back error is taken before saturation, so it never exceeds
 * 1.5 LSB and the loop is stable for any input (feedback ≤ Σ|c|·1.5 LSB).
 *
 * <p>Random numbers come from one SplitMix64 generator per channel with fixed seeds, so output is
 * reproducible; {@link #reset()} restarts them. No allocation after {@link #prepare}.
 */
public final class Dither {
    private static final double TWO_TO_MINUS_32 = 0x1.0p-32;

    private final DitherMode mode;
    private final int bits;
    private final double scale;
    private final double inverseScale;
    private final double min;
    private final double max;

    private double[] feedback = new double[0];
    private long[] random = new long[0];
    private double[][] errors = new double[0][];
    private long clipped;

    /** A requantizer to {@code bits} (8 to 24) with the given dither. */
    public Dither(DitherMode mode, int bits) {
        if (bits < 8 || bits > 24) {
            throw new IllegalArgumentException("dither target must be 8 to 24 bits, was " + bits);
        }
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.bits = bits;
        this.scale = 1L << (bits - 1);
        this.inverseScale = 1.0 / scale;
        this.min = -scale;
        this.max = scale - 1;
    }

    public void prepare(double sampleRate, int maxBlock, int channels) {
        if (channels < 1 || maxBlock < 1 || !(sampleRate > 0)) {
            throw new IllegalArgumentException("need channels >= 1, maxBlock >= 1, sampleRate > 0; got "
                    + channels + ", " + maxBlock + ", " + sampleRate);
        }
        feedback = mode == DitherMode.TPDF_SHAPED ? NoiseShapingFilter.coefficients(sampleRate) : new double[0];
        random = new long[channels];
        errors = new double[channels][feedback.length];
        reset();
    }

    public void reset() {
        for (int c = 0; c < random.length; c++) {
            random[c] = 0x5DEECE66DL * (c + 1) ^ 0x9E3779B97F4A7C15L;
            Arrays.fill(errors[c], 0.0);
        }
        clipped = 0;
    }

    /** Requantizes {@code block[c][0 .. frames)} for every prepared channel, in place. */
    public void process(double[][] block, int frames) {
        for (int c = 0; c < random.length; c++) {
            switch (mode) {
                case NONE: round(block[c], frames); break;
                case TPDF: tpdf(block[c], frames, c); break;
                default: shaped(block[c], frames, c); break;
            }
        }
    }

    private void round(double[] x, int frames) {
        for (int i = 0; i < frames; i++) {
            x[i] = saturate(Math.rint(x[i] * scale));
        }
    }

    private void tpdf(double[] x, int frames, int channel) {
        long state = random[channel];
        for (int i = 0; i < frames; i++) {
            state += 0x9E3779B97F4A7C15L;
            double d = triangular(mix(state));
            x[i] = saturate(Math.floor(x[i] * scale + d + 0.5));
        }
        random[channel] = state;
    }

    private void shaped(double[] x, int frames, int channel) {
        long state = random[channel];
        double[] e = errors[channel];
        double[] c = feedback;
        int order = c.length;
        for (int i = 0; i < frames; i++) {
            double fed = 0;
            for (int k = 0; k < order; k++) {
                fed += c[k] * e[k];
            }
            double v = x[i] * scale - fed;
            state += 0x9E3779B97F4A7C15L;
            double q = Math.floor(v + triangular(mix(state)) + 0.5);
            System.arraycopy(e, 0, e, 1, order - 1);
            e[0] = q - v;
            x[i] = saturate(q);
        }
        random[channel] = state;
    }

    /** q (an integer) clamped to the format's range, back on the ±1.0 scale. */
    private double saturate(double q) {
        if (q > max) {
            clipped++;
            q = max;
        } else if (q < min) {
            clipped++;
            q = min;
        }
        return q * inverseScale;
    }

    /** Sum of the two 32-bit halves as uniforms in [0, 1), minus 1: triangular on (−1, 1). */
    static double triangular(long bits) {
        return ((bits >>> 32) + (bits & 0xFFFFFFFFL)) * TWO_TO_MINUS_32 - 1.0;
    }

    /** SplitMix64's output function. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Samples saturated at full scale since prepare or reset. */
    public long clippedSamples() {
        return clipped;
    }

    public DitherMode mode() {
        return mode;
    }

    public int bits() {
        return bits;
    }
}

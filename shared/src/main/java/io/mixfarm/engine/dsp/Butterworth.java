package io.mixfarm.engine.dsp;

/**
 * Butterworth low/high-pass filters of even order as cascades of second-order sections
 * (order 2 = 12 dB/oct, one section with Q = 1/√2; order 4 = 24 dB/oct, Q = 0.5412 and 1.3066).
 * Section k of an order-n filter has Q = 1 / (2 cos((2k − 1)π / (2n))), k = 1..n/2. The bilinear
 * transform is pre-warped at the cut-off, so the response is exactly −3.01 dB there.
 */
public final class Butterworth {

    private Butterworth() {
    }

    /** Low-pass of the given even order (2, 4, 6 or 8). */
    public static BiquadCoefficients[] lowPass(double sampleRate, double cutoff, int order) {
        double[] qs = sectionQs(order);
        BiquadCoefficients[] out = new BiquadCoefficients[qs.length];
        for (int i = 0; i < qs.length; i++) {
            out[i] = BiquadCoefficients.lowPass(sampleRate, cutoff, qs[i]);
        }
        return out;
    }

    /** High-pass of the given even order (2, 4, 6 or 8). */
    public static BiquadCoefficients[] highPass(double sampleRate, double cutoff, int order) {
        double[] qs = sectionQs(order);
        BiquadCoefficients[] out = new BiquadCoefficients[qs.length];
        for (int i = 0; i < qs.length; i++) {
            out[i] = BiquadCoefficients.highPass(sampleRate, cutoff, qs[i]);
        }
        return out;
    }

    /** The section Qs of an even-order Butterworth filter, lowest first. */
    public static double[] sectionQs(int order) {
        if (order < 2 || order > 8 || order % 2 != 0) {
            throw new IllegalArgumentException("Butterworth order must be 2, 4, 6 or 8, was " + order);
        }
        double[] qs = new double[order / 2];
        for (int k = 1; k <= qs.length; k++) {
            qs[k - 1] = 1.0 / (2.0 * Math.cos((2 * k - 1) * Math.PI / (2.0 * order)));
        }
        return qs;
    }
}

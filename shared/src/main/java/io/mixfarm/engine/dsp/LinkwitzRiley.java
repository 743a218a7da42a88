package io.mixfarm.engine.dsp;

/**
 * Fourth-order Linkwitz–Riley crossover filters (LR4, 24 dB/oct): each side is two cascaded
 * second-order Butterworth sections with Q = 1/√2, so each is −6.02 dB at the crossover and the
 * low and high outputs sum to an all-pass (flat magnitude), in phase at every frequency.
 */
public final class LinkwitzRiley {

    private static final double BUTTERWORTH_Q = 1.0 / Math.sqrt(2.0);

    private LinkwitzRiley() {
    }

    /** The LR4 low-pass side of a crossover at {@code crossover} Hz. */
    public static BiquadCoefficients[] lowPass4(double sampleRate, double crossover) {
        BiquadCoefficients s = BiquadCoefficients.lowPass(sampleRate, crossover, BUTTERWORTH_Q);
        return new BiquadCoefficients[] {s, s};
    }

    /** The LR4 high-pass side of a crossover at {@code crossover} Hz. */
    public static BiquadCoefficients[] highPass4(double sampleRate, double crossover) {
        BiquadCoefficients s = BiquadCoefficients.highPass(sampleRate, crossover, BUTTERWORTH_Q);
        return new BiquadCoefficients[] {s, s};
    }
}

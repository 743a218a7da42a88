package io.mixfarm.engine.dsp;

/**
 * One-pole low-pass y = (1 − a)·x + a·y₁ with unity gain at DC, used inside feedback loops
 * (delay high-cut, reverb damping). Coefficients only; the state lives with the caller.
 */
final class OnePoleLowPass {

    private OnePoleLowPass() {
    }

    /** Pole a for a −3 dB-ish cut-off: a = exp(−2π·fc/fs) (the impulse-invariant mapping). */
    static double poleForCutoff(double cutoffHz, double sampleRate) {
        return Math.exp(-2 * Math.PI * cutoffHz / sampleRate);
    }

    /** Pole a giving gain {@code nyquistGain} (0 &lt; g ≤ 1) at fs/2: (1 − a)/(1 + a) = g. */
    static double poleForNyquistGain(double nyquistGain) {
        return (1 - nyquistGain) / (1 + nyquistGain);
    }

    /** |H| at {@code freq} for pole a. */
    static double magnitude(double a, double freq, double sampleRate) {
        double w = 2 * Math.PI * freq / sampleRate;
        double re = 1 - a * Math.cos(w);
        double im = a * Math.sin(w);
        return (1 - a) / Math.hypot(re, im);
    }
}

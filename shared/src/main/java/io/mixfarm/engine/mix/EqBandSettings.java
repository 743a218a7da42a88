package io.mixfarm.engine.mix;

import io.mixfarm.engine.dsp.BiquadCoefficients;

/**
 * One parametric EQ band: an RBJ cookbook biquad.
 *
 * @param shape  bell, low shelf, high shelf or notch
 * @param freqHz centre (bell, notch) or midpoint (shelves) frequency, Hz
 * @param gainDb boost or cut (ignored by a notch)
 * @param q      bandwidth of a bell or notch; the Q of a shelf (1/√2: steepest without overshoot)
 */
public record EqBandSettings(Shape shape, double freqHz, double gainDb, double q) {

    /** The band's filter shape. */
    public enum Shape { BELL, LOW_SHELF, HIGH_SHELF, NOTCH }

    public EqBandSettings {
        if (shape == null) {
            throw new IllegalArgumentException("EQ band shape is required");
        }
        if (!Double.isFinite(gainDb)) {
            throw new IllegalArgumentException("EQ gain must be finite, was " + gainDb);
        }
    }

    /** The band's coefficients at {@code sampleRate} (frequency and Q are checked by the design). */
    public BiquadCoefficients design(double sampleRate) {
        return switch (shape) {
            case BELL -> BiquadCoefficients.peaking(sampleRate, freqHz, q, gainDb);
            case LOW_SHELF -> BiquadCoefficients.lowShelf(sampleRate, freqHz, q, gainDb);
            case HIGH_SHELF -> BiquadCoefficients.highShelf(sampleRate, freqHz, q, gainDb);
            case NOTCH -> BiquadCoefficients.notch(sampleRate, freqHz, q);
        };
    }
}

package io.mixfarm.engine.master;

import io.mixfarm.engine.dsp.BiquadCoefficients;

/**
 * One band of the master EQ, with the channel strip's band shapes (RBJ cookbook biquads).
 *
 * @param shape  filter shape
 * @param freqHz centre (bell, notch) or midpoint (shelves) frequency
 * @param gainDb boost or cut; ignored by a notch
 * @param q      bandwidth (bell, notch) or shelf Q
 */
public record EqBand(Shape shape, double freqHz, double gainDb, double q) {

    /** Band shapes. */
    public enum Shape { BELL, LOW_SHELF, HIGH_SHELF, NOTCH }

    public EqBand {
        if (shape == null) {
            throw new IllegalArgumentException("EQ band shape is required");
        }
        if (!(freqHz > 0) || !Double.isFinite(freqHz)) {
            throw new IllegalArgumentException("EQ band frequency must be positive, was " + freqHz);
        }
        if (!Double.isFinite(gainDb)) {
            throw new IllegalArgumentException("EQ band gain must be finite, was " + gainDb);
        }
        if (!(q > 0) || !Double.isFinite(q)) {
            throw new IllegalArgumentException("EQ band Q must be positive, was " + q);
        }
    }

    /** The band's biquad at {@code sampleRate}; the frequency must lie below Nyquist. */
    public BiquadCoefficients coefficients(double sampleRate) {
        switch (shape) {
            case BELL: return BiquadCoefficients.peaking(sampleRate, freqHz, q, gainDb);
            case LOW_SHELF: return BiquadCoefficients.lowShelf(sampleRate, freqHz, q, gainDb);
            case HIGH_SHELF: return BiquadCoefficients.highShelf(sampleRate, freqHz, q, gainDb);
            case NOTCH: return BiquadCoefficients.notch(sampleRate, freqHz, q);
            default: throw new IllegalStateException("unhandled shape " + shape);
        }
    }
}

package io.mixfarm.engine.mix;

import io.mixfarm.engine.dsp.BiquadCoefficients;
import io.mixfarm.engine.dsp.Butterworth;

/**
 * A Butterworth high-pass or low-pass of a channel strip.
 *
 * @param freqHz           cut-off (−3 dB point), Hz
 * @param slopeDbPerOctave 12 (order 2, one biquad) or 24 (order 4, two biquads)
 */
public record FilterSettings(double freqHz, int slopeDbPerOctave) {

    public FilterSettings {
        if (!(freqHz > 0) || !Double.isFinite(freqHz)) {
            throw new IllegalArgumentException("filter frequency must be positive, was " + freqHz);
        }
        if (slopeDbPerOctave != 12 && slopeDbPerOctave != 24) {
            throw new IllegalArgumentException("filter slope must be 12 or 24 dB/oct, was " + slopeDbPerOctave);
        }
    }

    /** The biquad sections of this filter as a high-pass at {@code sampleRate}. */
    public BiquadCoefficients[] highPass(double sampleRate) {
        return Butterworth.highPass(sampleRate, freqHz, slopeDbPerOctave / 6);
    }

    /** The biquad sections of this filter as a low-pass at {@code sampleRate}. */
    public BiquadCoefficients[] lowPass(double sampleRate) {
        return Butterworth.lowPass(sampleRate, freqHz, slopeDbPerOctave / 6);
    }
}

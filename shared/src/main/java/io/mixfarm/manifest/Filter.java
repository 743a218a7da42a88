package io.mixfarm.manifest;

/**
 * A Butterworth high-pass or low-pass filter.
 *
 * @param freqHz cutoff (-3 dB), Hz
 * @param slope  12 or 24 dB per octave
 */
public record Filter(@Required Double freqHz, Integer slope) {

    public Filter {
        slope = slope == null ? 12 : slope;
    }
}

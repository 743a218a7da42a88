package io.mixfarm.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One file written per song by mastering.
 *
 * @param bitDepth   16 or 24 (integer PCM) or 32 (float, WAV only)
 * @param sampleRate Hz; null means the session's sample rate
 * @param dither     TPDF for 16 and 24 bits, none for 32-bit float, when omitted
 */
public record Deliverable(@Required Format format, @Required Integer bitDepth, Integer sampleRate, Dither dither) {

    public Deliverable {
        if (dither == null && bitDepth != null) {
            dither = bitDepth == 32 ? Dither.NONE : Dither.TPDF;
        }
    }

    Deliverable withSampleRateDefault(int sessionSampleRate) {
        return sampleRate != null ? this : new Deliverable(format, bitDepth, sessionSampleRate, dither);
    }

    /** Container of the file. */
    public enum Format {
        @JsonProperty("wav") WAV,
        @JsonProperty("flac") FLAC
    }

    /** Dither added before reducing to the output bit depth. */
    public enum Dither {
        @JsonProperty("tpdf") TPDF,
        @JsonProperty("tpdf-shaped") TPDF_SHAPED,
        @JsonProperty("none") NONE
    }
}

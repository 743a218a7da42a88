package io.mixfarm.engine.audio;

/** File containers the engine reads; {@link #WAV} and {@link #FLAC} are also written. */
public enum Container {
    /** RIFF WAVE, including WAVE_FORMAT_EXTENSIBLE and BWF. */
    WAV,
    /** RF64 / BW64: WAV with 64-bit sizes, for data over 4 GiB. */
    RF64,
    /** AIFF and AIFF-C. */
    AIFF,
    /** Native FLAC. */
    FLAC
}

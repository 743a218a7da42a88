package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.SampleFormat;

/**
 * How one sample is laid out in the data of an uncompressed file: width, signedness, integer or
 * float, byte order. Shared by the WAV and AIFF readers.
 */
public enum PcmEncoding {
    /** WAV 8-bit: unsigned, 128 is silence. */
    UNSIGNED_8(SampleFormat.PCM_8, false),
    /** AIFF 8-bit: two's complement. */
    SIGNED_8(SampleFormat.PCM_8, false),
    INT16_LE(SampleFormat.PCM_16, false),
    INT16_BE(SampleFormat.PCM_16, true),
    INT24_LE(SampleFormat.PCM_24, false),
    INT24_BE(SampleFormat.PCM_24, true),
    INT32_LE(SampleFormat.PCM_32, false),
    INT32_BE(SampleFormat.PCM_32, true),
    FLOAT32_LE(SampleFormat.FLOAT_32, false),
    FLOAT32_BE(SampleFormat.FLOAT_32, true),
    FLOAT64_LE(SampleFormat.FLOAT_64, false),
    FLOAT64_BE(SampleFormat.FLOAT_64, true);

    private final SampleFormat format;
    private final boolean bigEndian;

    PcmEncoding(SampleFormat format, boolean bigEndian) {
        this.format = format;
        this.bigEndian = bigEndian;
    }

    public SampleFormat format() {
        return format;
    }

    public boolean isBigEndian() {
        return bigEndian;
    }

    /** Bytes one sample occupies. */
    public int bytes() {
        return format.bytes();
    }

    /** The signed integer or float encoding of {@code format} in the given byte order (8-bit is signed). */
    public static PcmEncoding of(SampleFormat format, boolean bigEndian) {
        switch (format) {
            case PCM_8: return SIGNED_8;
            case PCM_16: return bigEndian ? INT16_BE : INT16_LE;
            case PCM_24: return bigEndian ? INT24_BE : INT24_LE;
            case PCM_32: return bigEndian ? INT32_BE : INT32_LE;
            case FLOAT_32: return bigEndian ? FLOAT32_BE : FLOAT32_LE;
            case FLOAT_64: return bigEndian ? FLOAT64_BE : FLOAT64_LE;
            default: throw new IllegalArgumentException("no encoding for " + format);
        }
    }
}

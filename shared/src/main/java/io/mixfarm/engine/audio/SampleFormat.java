package io.mixfarm.engine.audio;

/** How one sample is stored in a file. */
public enum SampleFormat {
    PCM_8(8, false),
    PCM_16(16, false),
    PCM_24(24, false),
    PCM_32(32, false),
    FLOAT_32(32, true),
    FLOAT_64(64, true);

    private final int bits;
    private final boolean floatingPoint;

    SampleFormat(int bits, boolean floatingPoint) {
        this.bits = bits;
        this.floatingPoint = floatingPoint;
    }

    public int bits() {
        return bits;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** Bytes one sample takes in WAV/AIFF data. */
    public int bytes() {
        return bits / 8;
    }

    /** The integer PCM format of the given bit depth. */
    public static SampleFormat pcm(int bits) {
        switch (bits) {
            case 8: return PCM_8;
            case 16: return PCM_16;
            case 24: return PCM_24;
            case 32: return PCM_32;
            default: throw new IllegalArgumentException("no PCM format of " + bits + " bits");
        }
    }
}

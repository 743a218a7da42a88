package io.mixfarm.engine.codec.flac;

import java.util.Arrays;

/**
 * The STREAMINFO metadata block (RFC 9639 section 8.2): the facts every FLAC stream states once,
 * before its first frame.
 *
 * @param minBlockSize  smallest block size in samples (the last block may be smaller)
 * @param maxBlockSize  largest block size in samples (16 to 65535)
 * @param minFrameSize  smallest frame in bytes, 0 if unknown
 * @param maxFrameSize  largest frame in bytes, 0 if unknown
 * @param sampleRate    samples per second per channel
 * @param channels      1 to 8
 * @param bitsPerSample 4 to 32
 * @param totalSamples  samples per channel in the stream, 0 if unknown
 * @param md5           MD5 of the decoded samples (little-endian, interleaved), all zeros if unknown
 */
public record FlacStreamInfo(int minBlockSize, int maxBlockSize, int minFrameSize, int maxFrameSize,
                             int sampleRate, int channels, int bitsPerSample, long totalSamples,
                             byte[] md5) {

    /** Bytes of the STREAMINFO body. */
    public static final int LENGTH = 34;

    public FlacStreamInfo {
        md5 = md5.clone();
    }

    /**
     * Parses the 34-byte STREAMINFO body. Checks only what the layout itself forbids; the caller
     * applies the engine's limits.
     *
     * @throws IllegalArgumentException with a reason when a field is impossible
     */
    public static FlacStreamInfo parse(byte[] b) {
        if (b.length != LENGTH) {
            throw new IllegalArgumentException("STREAMINFO body is " + b.length + " bytes, expected " + LENGTH);
        }
        int minBlock = u16(b, 0);
        int maxBlock = u16(b, 2);
        int minFrame = u24(b, 4);
        int maxFrame = u24(b, 7);
        long packed = 0;
        for (int i = 10; i < 18; i++) {
            packed = (packed << 8) | (b[i] & 0xFF);
        }
        int sampleRate = (int) (packed >>> 44);
        int channels = (int) ((packed >>> 41) & 0x7) + 1;
        int bits = (int) ((packed >>> 36) & 0x1F) + 1;
        long total = packed & 0xF_FFFF_FFFFL;
        byte[] md5 = Arrays.copyOfRange(b, 18, 34);
        if (maxBlock < 16) {
            throw new IllegalArgumentException("STREAMINFO maximum block size " + maxBlock + " is below 16");
        }
        if (minBlock > maxBlock) {
            throw new IllegalArgumentException("STREAMINFO minimum block size " + minBlock
                    + " exceeds the maximum " + maxBlock);
        }
        if (bits < 4) {
            throw new IllegalArgumentException("STREAMINFO declares " + bits + " bits per sample; minimum is 4");
        }
        return new FlacStreamInfo(minBlock, maxBlock, minFrame, maxFrame, sampleRate, channels, bits, total, md5);
    }

    /** A copy of the MD5 signature. */
    @Override
    public byte[] md5() {
        return md5.clone();
    }

    /** True when the encoder stored an MD5 signature (it is all zeros otherwise). */
    public boolean hasMd5() {
        for (byte x : md5) {
            if (x != 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlacStreamInfo s && minBlockSize == s.minBlockSize && maxBlockSize == s.maxBlockSize
                && minFrameSize == s.minFrameSize && maxFrameSize == s.maxFrameSize && sampleRate == s.sampleRate
                && channels == s.channels && bitsPerSample == s.bitsPerSample && totalSamples == s.totalSamples
                && Arrays.equals(md5, s.md5);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(totalSamples) * 31 + Arrays.hashCode(md5);
    }

    @Override
    public String toString() {
        return "FlacStreamInfo[blocks " + minBlockSize + ".." + maxBlockSize + ", " + sampleRate + " Hz, "
                + channels + " ch, " + bitsPerSample + " bit, " + totalSamples + " samples]";
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static int u24(byte[] b, int off) {
        return ((b[off] & 0xFF) << 16) | ((b[off + 1] & 0xFF) << 8) | (b[off + 2] & 0xFF);
    }
}

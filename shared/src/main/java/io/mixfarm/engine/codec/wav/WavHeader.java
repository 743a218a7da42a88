package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header the WAV writer puts before its samples. It reserves a JUNK chunk the size of a
 * ds64 chunk right after the RIFF header, so that when the data outgrows 32-bit sizes the same
 * bytes can be rewritten as an RF64 header in place (EBU Tech 3306, section 3.5).
 *
 * <p>Layout: RIFF/RF64 header (12), JUNK/ds64 (8 + 28), fmt (8 + 16 or 40),
 * fact (8 + 4, float only), metadata chunks (bext, LIST/INFO, iXML; see
 * {@link WavMetadataChunks}), data header (8).
 */
final class WavHeader {
    /** Largest RIFF chunk size; beyond it the file must become RF64. */
    static final long MAX_RIFF_SIZE = 0xFFFFFFFFL;

    private final WriteSpec spec;
    private final boolean extensible;
    private final int fmtSize;
    private final boolean hasFact;
    private final byte[] metadata;
    private final int length;

    WavHeader(WriteSpec spec) {
        this(spec, new byte[0]);
    }

    /** A header carrying {@code metadata}: whole chunks, each of even length. */
    WavHeader(WriteSpec spec, byte[] metadata) {
        this.spec = spec;
        this.metadata = metadata.clone();
        // Microsoft: WAVE_FORMAT_EXTENSIBLE whenever channels > 2 or bits > 16.
        this.extensible = spec.channels() > 2 || spec.format().bits() > 16;
        this.fmtSize = extensible ? WavFormat.EXTENSIBLE_SIZE : 16;
        // Non-PCM formats must carry a fact chunk with the sample count.
        this.hasFact = spec.format().isFloatingPoint();
        this.length = 12 + 8 + Ds64.MIN_SIZE + 8 + fmtSize + (hasFact ? 12 : 0) + metadata.length + 8;
    }

    /** Bytes before the first sample. */
    int length() {
        return length;
    }

    /** Bytes of one frame. */
    int blockAlign() {
        return spec.channels() * spec.format().bytes();
    }

    /**
     * The header for {@code dataBytes} bytes of samples ({@code frames} frames) followed by
     * {@code padding} pad bytes: plain RIFF while sizes fit 32 bits, otherwise RF64 with ds64.
     */
    byte[] build(long dataBytes, long frames, int padding) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long riffSize = length - 8 + dataBytes + padding;
        boolean rf64 = riffSize > MAX_RIFF_SIZE;
        putId(b, rf64 ? "RF64" : "RIFF");
        b.putInt((int) (rf64 ? MAX_RIFF_SIZE : riffSize));
        putId(b, "WAVE");
        putId(b, rf64 ? "ds64" : "JUNK");
        b.putInt(Ds64.MIN_SIZE);
        b.putLong(rf64 ? riffSize : 0).putLong(rf64 ? dataBytes : 0).putLong(rf64 ? frames : 0);
        b.putInt(0); // no table: data is the only chunk that can exceed 4 GiB here
        putFmt(b);
        if (hasFact) {
            putId(b, "fact");
            b.putInt(4);
            b.putInt((int) (rf64 ? MAX_RIFF_SIZE : frames));
        }
        b.put(metadata);
        putId(b, "data");
        b.putInt((int) (rf64 ? MAX_RIFF_SIZE : dataBytes));
        return b.array();
    }

    private void putFmt(ByteBuffer b) {
        SampleFormat format = spec.format();
        int tag = format.isFloatingPoint() ? WavFormat.TAG_IEEE_FLOAT : WavFormat.TAG_PCM;
        putId(b, "fmt ");
        b.putInt(fmtSize);
        b.putShort((short) (extensible ? WavFormat.TAG_EXTENSIBLE : tag));
        b.putShort((short) spec.channels());
        b.putInt(spec.sampleRate());
        b.putInt(spec.sampleRate() * blockAlign());
        b.putShort((short) blockAlign());
        b.putShort((short) format.bits());
        if (extensible) {
            b.putShort((short) 22); // cbSize: the extension's length
            b.putShort((short) format.bits()); // valid bits: all of them
            b.putInt(channelMask(spec.channels()));
            b.putShort((short) tag);
            b.put(WavFormat.GUID_TAIL);
        }
    }

    /** Speaker positions in the usual order for each count (mono C, stereo, 3.0, quad, 5.0, 5.1, 6.1, 7.1). */
    static int channelMask(int channels) {
        switch (channels) {
            case 1: return 0x4;
            case 2: return 0x3;
            case 3: return 0x7;
            case 4: return 0x33;
            case 5: return 0x37;
            case 6: return 0x3F;
            case 7: return 0x70F;
            case 8: return 0x63F;
            default: throw new IllegalArgumentException("no channel mask for " + channels + " channels");
        }
    }

    private static void putId(ByteBuffer b, String id) {
        for (int i = 0; i < 4; i++) {
            b.put((byte) id.charAt(i));
        }
    }
}

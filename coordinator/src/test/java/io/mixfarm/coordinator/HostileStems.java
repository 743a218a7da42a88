package io.mixfarm.coordinator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Hand-made audio files whose headers lie or break the rules: RIFF, RF64, AIFF and FLAC bytes
 * written field by field, so that each hostile value is exactly the one under test.
 */
public final class HostileStems {

    private HostileStems() {
    }

    /** A fmt chunk's fields. */
    public record Fmt(int tag, int channels, int rate, int blockAlign, int bits) {
        public static Fmt pcm16(int channels, int rate) {
            return new Fmt(1, channels, rate, 2 * channels, 16);
        }
    }

    /** A RIFF WAV: fmt, optional extra chunk before it, a data chunk declaring {@code declared} bytes. */
    public static byte[] wav(Fmt fmt, long declared, byte[] data, byte[] chunkBeforeFmt) {
        ByteBuffer b = ByteBuffer.allocate(12 + chunkBeforeFmt.length + 24 + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        id(b, "RIFF").putInt(b.capacity() - 8);
        id(b, "WAVE");
        b.put(chunkBeforeFmt);
        fmt(b, fmt);
        id(b, "data").putInt((int) declared);
        return b.put(data).array();
    }

    public static byte[] wav(Fmt fmt, long declared, byte[] data) {
        return wav(fmt, declared, data, new byte[0]);
    }

    /** An RF64 file whose ds64 chunk declares {@code declared} data bytes. */
    public static byte[] rf64(Fmt fmt, long declared, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + 36 + 24 + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        id(b, "RF64").putInt(-1);
        id(b, "WAVE");
        id(b, "ds64").putInt(28).putLong(declared + 72).putLong(declared).putLong(declared / fmt.blockAlign()).putInt(0);
        fmt(b, fmt);
        id(b, "data").putInt(-1);
        return b.put(data).array();
    }

    /** An AIFF whose COMM chunk declares {@code frames} 16-bit frames and whose SSND holds {@code data}. */
    public static byte[] aiff(int channels, long frames, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + 26 + 16 + data.length).order(ByteOrder.BIG_ENDIAN);
        id(b, "FORM").putInt(b.capacity() - 8);
        id(b, "AIFF");
        id(b, "COMM").putInt(18).putShort((short) channels).putInt((int) frames).putShort((short) 16);
        // 44100 as an 80-bit IEEE extended float
        b.put(new byte[] {0x40, 0x0E, (byte) 0xAC, 0x44, 0, 0, 0, 0, 0, 0});
        id(b, "SSND").putInt(8 + data.length).putInt(0).putInt(0);
        return b.put(data).array();
    }

    /** {@code flac} with STREAMINFO's total sample count replaced (36 bits at byte 21, bit 4). */
    public static byte[] flacDeclaring(byte[] flac, long totalSamples) {
        byte[] copy = flac.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.BIG_ENDIAN);
        long packed = b.getLong(18);
        packed = (packed & ~((1L << 36) - 1)) | (totalSamples & ((1L << 36) - 1));
        b.putLong(18, packed);
        return copy;
    }

    /** {@code flac} with STREAMINFO's channel count replaced (3 bits, channels - 1). */
    public static byte[] flacWithChannels(byte[] flac, int channels) {
        byte[] copy = flac.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.BIG_ENDIAN);
        long packed = b.getLong(18);
        packed = (packed & ~(7L << 41)) | ((long) (channels - 1) << 41);
        b.putLong(18, packed);
        return copy;
    }

    /** A chunk of {@code bytes} zero bytes with the given id. */
    public static byte[] chunk(String id, int bytes) {
        ByteBuffer b = ByteBuffer.allocate(8 + bytes).order(ByteOrder.LITTLE_ENDIAN);
        id(b, id).putInt(bytes);
        return b.array();
    }

    private static void fmt(ByteBuffer b, Fmt f) {
        id(b, "fmt ").putInt(16).putShort((short) f.tag()).putShort((short) f.channels()).putInt(f.rate())
                .putInt(f.rate() * f.blockAlign()).putShort((short) f.blockAlign()).putShort((short) f.bits());
    }

    private static ByteBuffer id(ByteBuffer b, String id) {
        return b.put(id.getBytes(StandardCharsets.US_ASCII));
    }
}

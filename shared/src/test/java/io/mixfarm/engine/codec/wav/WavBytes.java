package io.mixfarm.engine.codec.wav;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-built WAV/RF64 files for header tests: chunk by chunk, with sizes that may lie. */
public final class WavBytes {
    private WavBytes() {
    }

    /** A plain (16-byte) fmt chunk body. */
    public static byte[] fmt(int tag, int channels, int rate, int blockAlign, int bits) {
        return le(16).putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits).array();
    }

    /** A PCM fmt chunk body consistent with itself. */
    public static byte[] fmtPcm(int channels, int rate, int bits) {
        return fmt(1, channels, rate, channels * ((bits + 7) / 8), bits);
    }

    /** A WAVE_FORMAT_EXTENSIBLE fmt body with the standard GUID tail after {@code subTag}. */
    public static byte[] fmtExtensible(int channels, int rate, int bits, int validBits, int subTag) {
        ByteBuffer b = le(40);
        b.put(fmt(0xFFFE, channels, rate, channels * bits / 8, bits));
        b.putShort((short) 22).putShort((short) validBits).putInt(channels == 2 ? 3 : 0).putShort((short) subTag);
        b.put(WavFormat.GUID_TAIL);
        return b.array();
    }

    /** A chunk with its true size, padded to even length. */
    public static byte[] chunk(String id, byte[] body) {
        return chunk(id, body.length & 0xFFFFFFFFL, body);
    }

    /** A chunk whose size field says {@code declaredSize}, whatever the body holds. */
    public static byte[] chunk(String id, long declaredSize, byte[] body) {
        ByteBuffer b = le(8 + body.length + (body.length & 1));
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) declaredSize).put(body);
        return b.array();
    }

    /** "RIFF" size "WAVE" then the chunks. */
    public static byte[] riff(byte[]... chunks) {
        return form("RIFF", chunks);
    }

    /** "RF64" 0xFFFFFFFF "WAVE", a ds64 chunk saying {@code dataSize}, then the chunks. */
    public static byte[] rf64(long dataSize, long frames, byte[]... chunks) {
        byte[] ds64 = le(28).putLong(0).putLong(dataSize).putLong(frames).putInt(0).array();
        byte[][] all = new byte[chunks.length + 1][];
        all[0] = chunk("ds64", ds64);
        System.arraycopy(chunks, 0, all, 1, chunks.length);
        byte[] file = form("RF64", all);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(4, -1).putLong(20, file.length - 8);
        return file;
    }

    private static byte[] form(String id, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = 4;
        for (byte[] chunk : chunks) {
            size += chunk.length;
        }
        out.writeBytes(le(8).put(id.getBytes(StandardCharsets.US_ASCII)).putInt(size).array());
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    /** Little-endian 16-bit samples. */
    public static byte[] pcm16(int... samples) {
        ByteBuffer b = le(samples.length * 2);
        for (int s : samples) {
            b.putShort((short) s);
        }
        return b.array();
    }

    /** Little-endian 32-bit floats. */
    public static byte[] float32(float... samples) {
        ByteBuffer b = le(samples.length * 4);
        for (float s : samples) {
            b.putFloat(s);
        }
        return b.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}

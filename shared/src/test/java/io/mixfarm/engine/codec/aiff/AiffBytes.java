package io.mixfarm.engine.codec.aiff;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Hand-built AIFF/AIFF-C files for header tests, with sizes that may lie. */
final class AiffBytes {
    private AiffBytes() {
    }

    /** An AIFF COMM body (18 bytes). */
    static byte[] comm(int channels, long frames, int sampleSize, long rate) {
        return commPrefix(channels, frames, sampleSize, rate, 18).array();
    }

    /** An AIFF-C COMM body with compression type and (empty) name. */
    static byte[] commC(int channels, long frames, int sampleSize, long rate, String compression) {
        return commPrefix(channels, frames, sampleSize, rate, 24)
                .put(compression.getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).array();
    }

    private static ByteBuffer commPrefix(int channels, long frames, int sampleSize, long rate, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putShort((short) channels).putInt((int) frames).putShort((short) sampleSize);
        b.put(extended(rate));
        return b;
    }

    /** A positive integer as an 80-bit extended float. */
    static byte[] extended(long value) {
        ByteBuffer b = ByteBuffer.allocate(10);
        if (value == 0) {
            return b.array();
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        return b.putShort((short) (16383 + exponent)).putLong(value << (63 - exponent)).array();
    }

    /** An SSND body: offset, block size, then {@code offset} filler bytes and the samples. */
    static byte[] ssnd(int offset, byte[] samples) {
        return ByteBuffer.allocate(8 + offset + samples.length).putInt(offset).putInt(0)
                .put(new byte[offset]).put(samples).array();
    }

    static byte[] chunk(String id, byte[] body) {
        return chunk(id, body.length & 0xFFFFFFFFL, body);
    }

    static byte[] chunk(String id, long declaredSize, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1));
        return b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) declaredSize).put(body).array();
    }

    /** "FORM" size {@code formType} then the chunks. */
    static byte[] form(String formType, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = 4;
        for (byte[] chunk : chunks) {
            size += chunk.length;
        }
        out.writeBytes(ByteBuffer.allocate(8).put("FORM".getBytes(StandardCharsets.US_ASCII)).putInt(size).array());
        out.writeBytes(formType.getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    /** Big-endian 16-bit samples. */
    static byte[] be16(int... samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2);
        for (int s : samples) {
            b.putShort((short) s);
        }
        return b.array();
    }
}

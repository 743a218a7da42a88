package io.mixfarm.engine.codec.wav;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes interleaved sample bytes into planar doubles. Integer PCM of n bits maps
 * {@code v -> v / 2^(n-1)} (exact in double); floats are widened unchanged. One tight loop per
 * encoding and channel, reading the byte array through view handles, so the JIT can keep it
 * free of bounds-check and dispatch overhead.
 */
public final class PcmDecoder {
    private static final VarHandle SHORT_LE = view(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = view(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = view(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = view(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle FLOAT_LE = view(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_BE = view(float[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle DOUBLE_LE = view(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_BE = view(double[].class, ByteOrder.BIG_ENDIAN);

    private static final double SCALE_8 = 1.0 / (1 << 7);
    private static final double SCALE_16 = 1.0 / (1 << 15);
    private static final double SCALE_24 = 1.0 / (1 << 23);
    private static final double SCALE_32 = 1.0 / (1L << 31);

    private PcmDecoder() {
    }

    private static VarHandle view(Class<?> arrayType, ByteOrder order) {
        return MethodHandles.byteArrayViewVarHandle(arrayType, order);
    }

    /**
     * Decodes {@code frames} interleaved frames of {@code channels} samples from {@code src[0 ..)}
     * into {@code dest[c][offset .. offset + frames)}.
     */
    public static void decode(PcmEncoding encoding, byte[] src, int channels, int frames,
                              double[][] dest, int offset) {
        int stride = channels * encoding.bytes();
        for (int c = 0; c < channels; c++) {
            decodeChannel(encoding, src, c * encoding.bytes(), stride, frames, dest[c], offset);
        }
    }

    private static void decodeChannel(PcmEncoding encoding, byte[] src, int start, int stride,
                                      int frames, double[] out, int offset) {
        int end = offset + frames;
        int p = start;
        switch (encoding) {
            case UNSIGNED_8:
                for (int i = offset; i < end; i++, p += stride) {
                    out[i] = ((src[p] & 0xFF) - 128) * SCALE_8;
                }
                break;
            case SIGNED_8:
                for (int i = offset; i < end; i++, p += stride) {
                    out[i] = src[p] * SCALE_8;
                }
                break;
            case INT16_LE:
                for (int i = offset; i < end; i++, p += stride) {
                    out[i] = (short) SHORT_LE.get(src, p) * SCALE_16;
                }
                break;
            case INT16_BE:
                for (int i = offset; i < end; i++, p += stride) {
                    out[i] = (short) SHORT_BE.get(src, p) * SCALE_16;
                }
                break;
            case INT24_LE:
                for (int i = offset; i < end; i++, p += stride) {
                    int v = (src[p] & 0xFF) | (src[p + 1] & 0xFF) << 8 | src[p + 2] << 16;
                    out[i] = v * SCALE_24;
                }
                break;
            case INT24_BE:
                for (int i = offset; i < end; i++, p += stride) {
                    int v = src[p] << 16 | (src[p + 1] & 0xFF) << 8 | (src[p + 2] & 0xFF);
                    out[i] = v * SCALE_24;
                }
                break;
            case INT32_LE:
                for (int i = offset; i < end; i++, p += stride) {
                    out[i] = (int) INT_LE.get(src, p) * SCALE_32;
                }
                break;
            case INT32_BE:
                for (int i = offset; i < end; i++, p += stride) {
                    out[i] = (int) INT_BE.get(src, p) * SCALE_32;
                }
                break;
            case FLOAT32_LE:
                for (int i = offset; i < end; i++, p += stride) {
                    out[i] = (float) FLOAT_LE.get(src, p);
                }
                break;
            case FLOAT32_BE:
                for (int i = offset; i < end; i++, p += stride) {
                    out[i] = (float) FLOAT_BE.get(src, p);
                }
                break;
            case FLOAT64_LE:
                for (int i = offset; i < end; i++, p += stride) {
                    out[i] = (double) DOUBLE_LE.get(src, p);
                }
                break;
            case FLOAT64_BE:
                for (int i = offset; i < end; i++, p += stride) {
                    out[i] = (double) DOUBLE_BE.get(src, p);
                }
                break;
            default:
                throw new IllegalStateException("unhandled encoding " + encoding);
        }
    }
}

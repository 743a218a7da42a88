package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.SampleFormat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Encodes planar doubles into interleaved little-endian WAV samples. Integer formats scale by
 * 2^(n-1), round to the nearest step and saturate at the format's limits; float 32 narrows
 * (rounding to nearest float). NaN, and values float 32 cannot hold, are rejected.
 */
final class PcmEncoder {
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private PcmEncoder() {
    }

    /** Encodes {@code src[c][from .. from + frames)} into {@code out[0 ..)}. */
    static void encode(SampleFormat format, double[][] src, int from, int frames, int channels, byte[] out) {
        int stride = channels * format.bytes();
        for (int c = 0; c < channels; c++) {
            int start = c * format.bytes();
            switch (format) {
                case PCM_16: encode16(src[c], from, frames, out, start, stride); break;
                case PCM_24: encode24(src[c], from, frames, out, start, stride); break;
                case FLOAT_32: encodeFloat(src[c], from, frames, out, start, stride, c); break;
                default: throw new IllegalArgumentException("WAV writer cannot encode " + format);
            }
        }
    }

    private static void encode16(double[] in, int from, int frames, byte[] out, int p, int stride) {
        for (int i = from; i < from + frames; i++, p += stride) {
            SHORT_LE.set(out, p, (short) quantize(in[i], 32768.0, i));
        }
    }

    private static void encode24(double[] in, int from, int frames, byte[] out, int p, int stride) {
        for (int i = from; i < from + frames; i++, p += stride) {
            int v = quantize(in[i], 8388608.0, i);
            out[p] = (byte) v;
            out[p + 1] = (byte) (v >> 8);
            out[p + 2] = (byte) (v >> 16);
        }
    }

    private static void encodeFloat(double[] in, int from, int frames, byte[] out, int p, int stride, int c) {
        for (int i = from; i < from + frames; i++, p += stride) {
            float v = (float) in[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("sample " + in[i] + " at index " + i + " of channel " + c
                        + " cannot be written as 32-bit float");
            }
            FLOAT_LE.set(out, p, v);
        }
    }

    /** Rounds {@code x * fullScale} to the nearest integer, saturating to [-fullScale, fullScale - 1]. */
    private static int quantize(double x, double fullScale, int index) {
        double scaled = Math.rint(x * fullScale);
        if (scaled >= fullScale - 1) {
            return (int) fullScale - 1;
        }
        if (scaled <= -fullScale) {
            return (int) -fullScale;
        }
        if (scaled != scaled) {
            throw new IllegalArgumentException("NaN sample at index " + index);
        }
        return (int) scaled;
    }
}

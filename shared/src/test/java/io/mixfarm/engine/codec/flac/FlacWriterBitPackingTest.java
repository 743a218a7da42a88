package io.mixfarm.engine.codec.flac;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@link FlacBitWriter} against a plain bit-string model, and its UTF-8 coding against RFC 9639's table. */
class FlacWriterBitPackingTest {

    @Test
    void frameNumbersUseFlacUtf8UpTo36Bits() {
        assertUtf8(0x00, 0x00);
        assertUtf8(0x7F, 0x7F);
        assertUtf8(0x80, 0xC2, 0x80);
        assertUtf8(0x7FF, 0xDF, 0xBF);
        assertUtf8(0x800, 0xE0, 0xA0, 0x80);
        assertUtf8(0xFFFF, 0xEF, 0xBF, 0xBF);
        assertUtf8(0x10000, 0xF0, 0x90, 0x80, 0x80);
        assertUtf8(0x1FFFFF, 0xF7, 0xBF, 0xBF, 0xBF);
        assertUtf8(0x200000, 0xF8, 0x88, 0x80, 0x80, 0x80);
        assertUtf8(0x3FFFFFF, 0xFB, 0xBF, 0xBF, 0xBF, 0xBF);
        assertUtf8(0x4000000, 0xFC, 0x84, 0x80, 0x80, 0x80, 0x80);
        assertUtf8(0x7FFFFFFFL, 0xFD, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF);
        assertUtf8(0x80000000L, 0xFE, 0x82, 0x80, 0x80, 0x80, 0x80, 0x80);
        assertUtf8(0xFFFFFFFFFL, 0xFE, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF);
    }

    private static void assertUtf8(long value, int... expected) {
        FlacBitWriter writer = new FlacBitWriter(16);
        writer.writeUtf8(value);
        byte[] bytes = new byte[expected.length];
        for (int i = 0; i < expected.length; i++) {
            bytes[i] = (byte) expected[i];
        }
        assertArrayEquals(bytes, Arrays.copyOf(writer.buffer(), writer.byteLength()), "value " + value);
    }

    @Test
    void mixedFieldsAndRiceCodesMatchABitStringModel() {
        Random random = new Random(17);
        for (int round = 0; round < 200; round++) {
            FlacBitWriter writer = new FlacBitWriter(1 << 16);
            StringBuilder model = new StringBuilder();
            for (int op = 0; op < 60; op++) {
                switch (random.nextInt(3)) {
                    case 0: { // a field of 0..32 bits
                        int n = random.nextInt(33);
                        int value = random.nextInt();
                        writer.writeBits(value, n);
                        appendBits(model, value & (0xFFFFFFFFL >>> (32 - n)), n);
                        break;
                    }
                    case 1: { // unary, sometimes longer than a word
                        int zeros = random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(10);
                        writer.writeUnary(zeros);
                        model.append("0".repeat(zeros)).append('1');
                        break;
                    }
                    default: { // Rice codes, including quotients that leave the fast path
                        int k = random.nextInt(31);
                        int[] residual = new int[1 + random.nextInt(20)];
                        int range = 1 << Math.min(30, k + 7); // quotients up to 256, past the fast path's 32 - k
                        for (int i = 0; i < residual.length; i++) {
                            residual[i] = random.nextInt(range) - range / 2;
                        }
                        writer.writeRice(residual, 0, residual.length, k);
                        for (int v : residual) {
                            long u = v >= 0 ? 2L * v : -2L * v - 1;
                            model.append("0".repeat((int) (u >>> k))).append('1');
                            appendBits(model, u & ((1L << k) - 1), k);
                        }
                        break;
                    }
                }
            }
            writer.alignToByte();
            while (model.length() % 8 != 0) {
                model.append('0');
            }
            assertArrayEquals(toBytes(model), Arrays.copyOf(writer.buffer(), writer.byteLength()), "round " + round);
        }
    }

    private static void appendBits(StringBuilder model, long value, int n) {
        for (int bit = n - 1; bit >= 0; bit--) {
            model.append((value >>> bit & 1) == 0 ? '0' : '1');
        }
    }

    private static byte[] toBytes(CharSequence bits) {
        byte[] out = new byte[bits.length() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(bits.subSequence(8 * i, 8 * i + 8).toString(), 2);
        }
        return out;
    }
}

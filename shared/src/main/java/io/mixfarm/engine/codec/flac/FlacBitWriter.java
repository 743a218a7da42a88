package io.mixfarm.engine.codec.flac;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MSB-first bit packer into a preallocated byte array, sized by the caller for the largest frame.
 *
 * <p>Pending bits sit left-aligned in a 64-bit word. After every write the word is stored whole
 * (one 8-byte store) and the position advances by the complete bytes in it, so at most 7 bits
 * stay pending and the Rice loop (the encoder's hot path) has no data-dependent branch.
 */
final class FlacBitWriter {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] buffer;
    private int bytePos;
    /** Pending bits, left-aligned: the next bit to emit is bit 63. */
    private long pending;
    /** Number of pending bits, 0..7 between calls. */
    private int pendingBits;

    FlacBitWriter(int capacityBytes) {
        buffer = new byte[capacityBytes + 16];
    }

    void reset() {
        bytePos = 0;
        pending = 0;
        pendingBits = 0;
    }

    /** The backing array; bytes {@code [0, byteLength())} are complete. */
    byte[] buffer() {
        return buffer;
    }

    int byteLength() {
        return bytePos;
    }

    /** Appends the low {@code n} bits of {@code value}, {@code 0 <= n <= 32}. */
    void writeBits(int value, int n) {
        long bits = value & (0xFFFFFFFFL >>> (32 - n));
        int total = pendingBits + n;
        // n == 0 would shift by 64, which Java takes as 0; bits is 0 then anyway
        pending |= bits << (64 - total);
        store(total);
    }

    /** Appends the low {@code n} bits of {@code value}, {@code 0 <= n <= 64}. */
    void writeLong(long value, int n) {
        if (n > 32) {
            writeBits((int) (value >>> 32), n - 32);
            writeBits((int) value, 32);
        } else {
            writeBits((int) value, n);
        }
    }

    /** Appends {@code zeros} zero bits and then a one. */
    void writeUnary(int zeros) {
        while (zeros >= 32) {
            writeBits(0, 32);
            zeros -= 32;
        }
        writeBits(1, zeros + 1);
    }

    /** Appends {@code value} in FLAC's extended UTF-8 coding (up to 36 bits, 7 bytes). */
    void writeUtf8(long value) {
        if (value < 0x80) {
            writeBits((int) value, 8);
            return;
        }
        int continuation = value < 0x800 ? 1 : value < 0x10000 ? 2 : value < 0x200000 ? 3
                : value < 0x4000000 ? 4 : value < 0x80000000L ? 5 : 6;
        int lead = continuation == 6 ? 0xFE : (0xFF00 >>> (continuation + 1)) & 0xFF;
        writeBits(lead | (int) (value >>> (6 * continuation)), 8);
        for (int i = continuation - 1; i >= 0; i--) {
            writeBits(0x80 | (int) ((value >>> (6 * i)) & 0x3F), 8);
        }
    }

    /** Pads with zero bits to the next byte boundary. */
    void alignToByte() {
        writeBits(0, (8 - pendingBits) & 7);
    }

    /** On a byte boundary nothing is pending, so every written byte is in the array already. */
    void requireByteAligned() {
        if (pendingBits != 0) {
            throw new IllegalStateException("not on a byte boundary");
        }
    }

    /**
     * Rice-codes {@code residual[from, to)} with parameter {@code k} (0..30): the zig-zag folded
     * value's quotient in unary, then its low {@code k} bits. Residuals are within +-2^30.
     */
    void writeRice(int[] residual, int from, int to, int k) {
        long word = pending;
        int bits = pendingBits;
        int pos = bytePos;
        final byte[] out = buffer;
        final int one = 1 << k;
        final int lowMask = one - 1;
        final int fastQuotients = 32 - k;
        for (int i = from; i < to; i++) {
            int v = residual[i];
            int u = (v << 1) ^ (v >> 31);
            int q = u >>> k;
            if (q < fastQuotients) {
                bits += q + 1 + k;
                word |= (long) (one | (u & lowMask)) << (64 - bits);
                LONG_BE.set(out, pos, word);
                int bytes = bits >>> 3;
                pos += bytes;
                word <<= bytes << 3;
                bits &= 7;
            } else {
                pending = word;
                pendingBits = bits;
                bytePos = pos;
                writeUnary(q);
                writeBits(u & lowMask, k);
                word = pending;
                bits = pendingBits;
                pos = bytePos;
            }
        }
        pending = word;
        pendingBits = bits;
        bytePos = pos;
    }

    /** Stores the pending word and keeps only the bits of the last, incomplete byte. */
    private void store(int total) {
        LONG_BE.set(buffer, bytePos, pending);
        int bytes = total >>> 3;
        bytePos += bytes;
        pending <<= bytes << 3; // at most 39 bits pending, so bytes <= 4 and the shift is < 64
        pendingBits = total & 7;
    }
}

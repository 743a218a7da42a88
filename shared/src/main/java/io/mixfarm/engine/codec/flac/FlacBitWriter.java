package io.mixfarm.engine.codec.flac;

/**
 * MSB-first bit packer into a preallocated byte array, sized by the caller for the largest frame.
 *
 * <p>Pending bits live in a 64-bit accumulator and leave it 32 at a time, so the Rice loop (the
 * hot path of the encoder) touches the array once per four bytes.
 */
final class FlacBitWriter {
    private final byte[] buffer;
    private int bytePos;
    /** Pending bits are the low {@code accBits} bits; higher bits are stale and never emitted. */
    private long acc;
    private int accBits;

    FlacBitWriter(int capacityBytes) {
        buffer = new byte[capacityBytes + 8];
    }

    void reset() {
        bytePos = 0;
        acc = 0;
        accBits = 0;
    }

    /** The backing array; bytes {@code [0, byteLength())} are final once {@link #flushToBytes()} ran. */
    byte[] buffer() {
        return buffer;
    }

    int byteLength() {
        return bytePos;
    }

    long bitsWritten() {
        return (long) bytePos * 8 + accBits;
    }

    /** Appends the low {@code n} bits of {@code value}, {@code 0 <= n <= 32}. */
    void writeBits(int value, int n) {
        acc = (acc << n) | (value & (0xFFFFFFFFL >>> (32 - n)));
        accBits += n;
        if (accBits >= 32) {
            accBits -= 32;
            put4((int) (acc >>> accBits));
        }
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
        writeBits(0, (8 - (accBits & 7)) & 7);
    }

    /** Moves all pending whole bytes into the array; call on a byte boundary. */
    void flushToBytes() {
        while (accBits >= 8) {
            accBits -= 8;
            buffer[bytePos++] = (byte) (acc >>> accBits);
        }
    }

    /**
     * Rice-codes {@code residual[from, to)} with parameter {@code k} (0..30): the zig-zag folded
     * value's quotient in unary, then its low {@code k} bits. Residuals are within +-2^30.
     */
    void writeRice(int[] residual, int from, int to, int k) {
        long a = acc;
        int bits = accBits;
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
                int n = q + 1 + k;
                a = (a << n) | (one | (u & lowMask));
                bits += n;
                if (bits >= 32) {
                    bits -= 32;
                    int word = (int) (a >>> bits);
                    out[pos] = (byte) (word >>> 24);
                    out[pos + 1] = (byte) (word >>> 16);
                    out[pos + 2] = (byte) (word >>> 8);
                    out[pos + 3] = (byte) word;
                    pos += 4;
                }
            } else {
                acc = a;
                accBits = bits;
                bytePos = pos;
                writeUnary(q);
                writeBits(u & lowMask, k);
                a = acc;
                bits = accBits;
                pos = bytePos;
            }
        }
        acc = a;
        accBits = bits;
        bytePos = pos;
    }

    private void put4(int word) {
        buffer[bytePos] = (byte) (word >>> 24);
        buffer[bytePos + 1] = (byte) (word >>> 16);
        buffer[bytePos + 2] = (byte) (word >>> 8);
        buffer[bytePos + 3] = (byte) word;
        bytePos += 4;
    }
}

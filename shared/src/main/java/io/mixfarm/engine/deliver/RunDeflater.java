package io.mixfarm.engine.deliver;

import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * A zlib stream (RFC 1950/1951) for PNG scanlines made of long runs, as a plot's filtered rows
 * are: every byte that repeats the byte three before it (the same channel of the pixel to the
 * left) for at least three bytes is sent as a match at distance 3, all else as literals, in one
 * block with the fixed Huffman codes. That is far cheaper than zlib's match search over the
 * whole picture (a 1600 × 600 plot is 2.9 MB of rows, mostly zeros under the Up filter) for a
 * file of a similar size.
 *
 * <p>Use: {@link #start()}, {@link #row} for each scanline in order, {@link #finish()}; the
 * stream is then {@code bytes()[0, length())}. One instance per thread; buffers are kept.
 */
final class RunDeflater {
    private static final int MAX_MATCH = 258;
    private static final int DISTANCE = 3;
    /** Fixed code of distance 3 (distance code 2, five bits, no extra bits), bit-reversed. */
    private static final int DISTANCE_CODE = Integer.reverse(2) >>> 27;
    private static final int[] LITERAL_CODE = new int[256];
    private static final int[] LITERAL_BITS = new int[256];
    /** For each match length 3..258: its fixed length code and extra bits, then the distance code. */
    private static final int[] MATCH_CODE = new int[MAX_MATCH + 1];
    private static final int[] MATCH_BITS = new int[MAX_MATCH + 1];
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
        4, 5, 5, 5, 5, 0};

    static {
        for (int v = 0; v < 256; v++) {
            // fixed literal codes: 0..143 are 8 bits from 0x30, 144..255 are 9 bits from 0x190
            int code = v < 144 ? 0x30 + v : 0x190 + v - 144;
            int bits = v < 144 ? 8 : 9;
            LITERAL_CODE[v] = reverse(code, bits);
            LITERAL_BITS[v] = bits;
        }
        for (int symbol = 0; symbol < LENGTH_BASE.length; symbol++) {
            int code = symbol + 257;
            // fixed codes: 256..279 are 7 bits from 0, 280..287 are 8 bits from 0xC0
            int bits = code < 280 ? 7 : 8;
            int huffman = reverse(code < 280 ? code - 256 : 0xC0 + code - 280, bits);
            int extra = LENGTH_EXTRA[symbol];
            int last = symbol + 1 < LENGTH_BASE.length ? LENGTH_BASE[symbol + 1] - 1 : MAX_MATCH;
            for (int length = LENGTH_BASE[symbol]; length <= last; length++) {
                int value = huffman | (length - LENGTH_BASE[symbol]) << bits;
                MATCH_CODE[length] = value | DISTANCE_CODE << (bits + extra);
                MATCH_BITS[length] = bits + extra + 5;
            }
        }
    }

    private final Adler32 adler = new Adler32();
    private byte[] out = new byte[64 * 1024];
    private int length;
    private long bitBuffer;
    private int bitCount;

    /** Begins a new stream: the zlib header and the header of its one, final, fixed-code block. */
    void start() {
        adler.reset();
        length = 0;
        bitBuffer = 0;
        bitCount = 0;
        ensure(2);
        out[length++] = 0x78; // deflate, 32 kB window
        out[length++] = 0x01; // fastest; (0x78 << 8 | 0x01) % 31 == 0
        put(1 | 1 << 1, 3);   // BFINAL = 1, BTYPE = 01 (fixed Huffman codes)
    }

    /** Appends {@code row[0, n)}: a filter-type byte and then whole pixels of three bytes. */
    void row(byte[] row, int n) {
        adler.update(row, 0, n);
        int head = Math.min(n, 1 + DISTANCE); // filter byte and first pixel: nothing in the row to repeat
        for (int i = 0; i < head; i++) {
            literal(row[i]);
        }
        for (int i = head; i < n; ) {
            if (n - i >= 3 && row[i] == row[i - 3] && row[i + 1] == row[i - 2] && row[i + 2] == row[i - 1]) {
                int limit = Math.min(MAX_MATCH, n - i);
                int mismatch = Arrays.mismatch(row, i + 3, i + limit, row, i, i + limit - 3);
                int match = mismatch < 0 ? limit : 3 + mismatch;
                put(MATCH_CODE[match], MATCH_BITS[match]);
                i += match;
            } else {
                literal(row[i++]);
            }
        }
    }

    /** Ends the block (code 256, seven zero bits) and the stream (the Adler-32 of all rows). */
    void finish() {
        put(0, 7);
        while (bitCount > 0) {
            flushByte();
        }
        ensure(4);
        int sum = (int) adler.getValue();
        out[length++] = (byte) (sum >>> 24);
        out[length++] = (byte) (sum >>> 16);
        out[length++] = (byte) (sum >>> 8);
        out[length++] = (byte) sum;
    }

    byte[] bytes() {
        return out;
    }

    int length() {
        return length;
    }

    private void literal(byte b) {
        int v = b & 0xFF;
        put(LITERAL_CODE[v], LITERAL_BITS[v]);
    }

    /** Appends the low {@code bits} bits of {@code code}, least significant first (deflate's bit order). */
    private void put(int code, int bits) {
        bitBuffer |= (long) code << bitCount;
        bitCount += bits;
        if (bitCount >= 32) {
            ensure(4);
            out[length++] = (byte) bitBuffer;
            out[length++] = (byte) (bitBuffer >>> 8);
            out[length++] = (byte) (bitBuffer >>> 16);
            out[length++] = (byte) (bitBuffer >>> 24);
            bitBuffer >>>= 32;
            bitCount -= 32;
        }
    }

    private void flushByte() {
        ensure(1);
        out[length++] = (byte) bitBuffer;
        bitBuffer >>>= 8;
        bitCount = Math.max(0, bitCount - 8);
    }

    private void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }

    private static int reverse(int code, int bits) {
        return Integer.reverse(code) >>> (32 - bits);
    }
}

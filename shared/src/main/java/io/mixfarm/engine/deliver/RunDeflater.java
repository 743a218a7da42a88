package io.mixfarm.engine.deliver;

import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * A zlib stream (RFC 1950/1951) for PNG scanlines made of long runs, as a plot's filtered rows
 * are: every byte that repeats the byte three before it (the same channel of the pixel to the
 * left) for at least three bytes is sent as a match at distance 3, all else as literals, in one
 * block with Huffman codes made for the picture. That is far cheaper than zlib's match search
 * over the whole picture (a 1600 × 600 plot is 2.9 MB of rows, mostly zeros under the Up filter)
 * for a file of about the size zlib's fastest level makes.
 *
 * <p>Use: {@link #start()}, {@link #row} for each scanline in order, {@link #finish()}; the
 * stream is then {@code bytes()[0, length())}. One instance per thread; buffers are kept.
 */
final class RunDeflater {
    private static final int MAX_MATCH = 258;
    private static final int DISTANCE = 3;
    private static final int END_OF_BLOCK = 256;
    private static final int LITERAL_LENGTH_SYMBOLS = 286;
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
        4, 5, 5, 5, 5, 0};
    /** The length symbol (257..285) of each match length 3..258. */
    private static final int[] LENGTH_SYMBOL = new int[MAX_MATCH + 1];
    /** The order in which the code-length code's lengths are sent. */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    static {
        for (int s = 0; s < LENGTH_BASE.length; s++) {
            int last = s + 1 < LENGTH_BASE.length ? LENGTH_BASE[s + 1] - 1 : MAX_MATCH;
            for (int length = LENGTH_BASE[s]; length <= last; length++) {
                LENGTH_SYMBOL[length] = 257 + s;
            }
        }
    }

    private final Adler32 adler = new Adler32();
    private final int[] counts = new int[LITERAL_LENGTH_SYMBOLS];
    private final int[] matchCode = new int[MAX_MATCH + 1];
    private final int[] matchBits = new int[MAX_MATCH + 1];
    /** The picture as symbols: a literal byte (0..255), or 256 + a match's length. */
    private short[] tokens = new short[1 << 16];
    private int tokenCount;
    private boolean matched;
    private byte[] out = new byte[64 * 1024];
    private int length;
    private long bitBuffer;
    private int bitCount;

    /** Begins a new stream. */
    void start() {
        adler.reset();
        Arrays.fill(counts, 0);
        tokenCount = 0;
        matched = false;
        length = 0;
        bitBuffer = 0;
        bitCount = 0;
    }

    /** Appends {@code row[0, n)}: a filter-type byte and then whole pixels of three bytes. */
    void row(byte[] row, int n) {
        adler.update(row, 0, n);
        if (tokens.length - tokenCount < n) {
            tokens = Arrays.copyOf(tokens, Math.max(2 * tokens.length, tokenCount + n));
        }
        int head = Math.min(n, 1 + DISTANCE); // filter byte and first pixel: nothing in the row to repeat
        for (int i = 0; i < head; i++) {
            literal(row[i]);
        }
        for (int i = head; i < n; ) {
            if (n - i >= 3 && row[i] == row[i - 3] && row[i + 1] == row[i - 2] && row[i + 2] == row[i - 1]) {
                int limit = Math.min(MAX_MATCH, n - i);
                int mismatch = Arrays.mismatch(row, i + 3, i + limit, row, i, i + limit - 3);
                int match = mismatch < 0 ? limit : 3 + mismatch;
                tokens[tokenCount++] = (short) (END_OF_BLOCK + match);
                counts[LENGTH_SYMBOL[match]]++;
                matched = true;
                i += match;
            } else {
                literal(row[i++]);
            }
        }
    }

    private void literal(byte b) {
        int v = b & 0xFF;
        tokens[tokenCount++] = (short) v;
        counts[v]++;
    }

    /** Writes the stream: zlib header, one final block with its codes, the Adler-32 of all rows. */
    void finish() {
        counts[END_OF_BLOCK]++;
        int[] literalLengths = HuffmanCode.lengths(counts, 15);
        int[] literalCodes = HuffmanCode.codes(literalLengths);
        // Only distance 3 (code 2) is used: a single one-bit code, as RFC 1951 allows.
        int[] distanceLengths = matched ? new int[] {0, 0, 1} : new int[] {1};
        ensure(2);
        out[length++] = 0x78; // deflate, 32 kB window
        out[length++] = 0x01; // fastest; (0x78 << 8 | 0x01) % 31 == 0
        put(1, 1);            // BFINAL
        put(2, 2);            // BTYPE = 10: dynamic Huffman codes
        writeCodeLengths(literalLengths, distanceLengths);
        for (int match = 3; match <= MAX_MATCH; match++) {
            int symbol = LENGTH_SYMBOL[match];
            int extra = LENGTH_EXTRA[symbol - 257];
            int bits = literalLengths[symbol];
            // the distance code is the one-bit code 0, so it adds a zero bit on top
            matchCode[match] = literalCodes[symbol] | (match - LENGTH_BASE[symbol - 257]) << bits;
            matchBits[match] = bits + extra + 1;
        }
        for (int t = 0; t < tokenCount; t++) {
            int token = tokens[t];
            if (token < END_OF_BLOCK) {
                put(literalCodes[token], literalLengths[token]);
            } else {
                int match = token - END_OF_BLOCK;
                put(matchCode[match], matchBits[match]);
            }
        }
        put(literalCodes[END_OF_BLOCK], literalLengths[END_OF_BLOCK]);
        while (bitCount > 0) {
            ensure(1);
            out[length++] = (byte) bitBuffer;
            bitBuffer >>>= 8;
            bitCount = Math.max(0, bitCount - 8);
        }
        ensure(4);
        int sum = (int) adler.getValue();
        out[length++] = (byte) (sum >>> 24);
        out[length++] = (byte) (sum >>> 16);
        out[length++] = (byte) (sum >>> 8);
        out[length++] = (byte) sum;
    }

    /** The block header's code definitions: both codes' lengths, run-length coded, under a code of their own. */
    private void writeCodeLengths(int[] literalLengths, int[] distanceLengths) {
        int literals = LITERAL_LENGTH_SYMBOLS;
        while (literals > 257 && literalLengths[literals - 1] == 0) {
            literals--;
        }
        int[] all = new int[literals + distanceLengths.length];
        System.arraycopy(literalLengths, 0, all, 0, literals);
        System.arraycopy(distanceLengths, 0, all, literals, distanceLengths.length);
        // symbols 0..15 are lengths; 16 repeats the previous 3..6 times, 17 and 18 are 3..10 and 11..138 zeros
        int[] symbols = new int[all.length];
        int[] extras = new int[all.length];
        int count = 0;
        int[] codeLengthCounts = new int[19];
        for (int i = 0; i < all.length; ) {
            int v = all[i];
            int run = 1;
            while (i + run < all.length && all[i + run] == v) {
                run++;
            }
            i += run;
            if (v == 0) {
                while (run >= 11) {
                    int r = Math.min(run, 138);
                    symbols[count] = 18;
                    extras[count++] = r - 11;
                    run -= r;
                }
                if (run >= 3) {
                    symbols[count] = 17;
                    extras[count++] = run - 3;
                    run = 0;
                }
            } else {
                symbols[count++] = v;
                run--;
                while (run >= 3) {
                    int r = Math.min(run, 6);
                    symbols[count] = 16;
                    extras[count++] = r - 3;
                    run -= r;
                }
            }
            while (run-- > 0) {
                symbols[count++] = v;
            }
        }
        for (int k = 0; k < count; k++) {
            codeLengthCounts[symbols[k]]++;
        }
        int[] lengths = HuffmanCode.lengths(codeLengthCounts, 7);
        int[] codes = HuffmanCode.codes(lengths);
        int sent = CODE_LENGTH_ORDER.length;
        while (sent > 4 && lengths[CODE_LENGTH_ORDER[sent - 1]] == 0) {
            sent--;
        }
        put(literals - 257, 5);
        put(distanceLengths.length - 1, 5);
        put(sent - 4, 4);
        for (int k = 0; k < sent; k++) {
            put(lengths[CODE_LENGTH_ORDER[k]], 3);
        }
        for (int k = 0; k < count; k++) {
            int s = symbols[k];
            put(codes[s], lengths[s]);
            if (s >= 16) {
                put(extras[k], s == 16 ? 2 : s == 17 ? 3 : 7);
            }
        }
    }

    byte[] bytes() {
        return out;
    }

    int length() {
        return length;
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

    private void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }
}

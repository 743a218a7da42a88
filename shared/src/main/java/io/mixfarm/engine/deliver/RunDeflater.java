package io.mixfarm.engine.deliver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A zlib stream (RFC 1950/1951) of a PNG picture's scanlines under the Up filter, made straight
 * from the pixels: a plot's filtered rows are long runs (mostly zeros: a row repeats the row
 * above but where a bar starts or ends), so every pixel whose filtered value repeats the pixel's
 * to its left is sent within a match at distance 3 (up to 86 pixels a match), all else as
 * literals, in one block with Huffman codes made for the picture. The filtered bytes are never
 * built: runs of unchanged pixels are found by comparing the row with the row above
 * ({@link Arrays#mismatch}, vectorized) and the Adler-32 of a run of repeats has a closed form.
 * That is far cheaper than zlib's match search over the whole picture (a 1600 × 600 plot is
 * 2.9 MB of rows) for a file of about the size zlib's fastest level makes.
 *
 * <p>Use: {@link #start()}, {@link #row} for each scanline in order, {@link #finish()}; the
 * stream is then {@code bytes()[0, length())}. One instance per thread; buffers are kept.
 */
final class RunDeflater {
    /** The PNG filter type of every row. */
    static final int UP = 2;
    private static final int MAX_MATCH = 258;
    private static final int MAX_MATCH_PIXELS = MAX_MATCH / 3;
    private static final int END_OF_BLOCK = 256;
    private static final int LITERAL_LENGTH_SYMBOLS = 286;
    private static final int ADLER_MODULUS = 65521;
    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** The index of the empty code, for the unused places of a token. */
    private static final int NONE = END_OF_BLOCK + MAX_MATCH + 1;
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

    private final int[] counts = new int[LITERAL_LENGTH_SYMBOLS];
    /**
     * The bits each of a token's symbols writes: a literal byte (0..255), 256 + a match's length,
     * or nothing ({@link #NONE}); the code (with extra bits) in the low 24 bits, its length above.
     */
    private final int[] tokenBits = new int[NONE + 1];
    /** The picture as tokens of three symbols (10 bits each, the first lowest): a literal pixel, or one symbol. */
    private int[] tokens = new int[1 << 15];
    private int tokenCount;
    private boolean matched;
    /** Adler-32's two sums over the filtered bytes so far, reduced at the end of each row. */
    private long adlerA;
    private long adlerB;
    private byte[] out = new byte[64 * 1024];
    private int length;
    private long bitBuffer;
    private int bitCount;

    /** Begins a new stream. */
    void start() {
        Arrays.fill(counts, 0);
        tokenCount = 0;
        matched = false;
        adlerA = 1;
        adlerB = 0;
        length = 0;
        bitBuffer = 0;
        bitCount = 0;
    }

    /**
     * Appends a scanline: the Up filter type, then the pixels {@code rgb[at, at + width)} (each
     * {@code 0xRRGGBB}, the high byte ignored) minus those of the row at {@code above}, byte by
     * byte, or minus nothing when {@code above} is negative (the first row).
     */
    void row(int[] rgb, int at, int above, int width) {
        if (tokens.length - tokenCount < 1 + width) { // all literals at worst: a token for the filter type, one a pixel
            tokens = Arrays.copyOf(tokens, Math.max(2 * tokens.length, tokenCount + 1 + width));
        }
        // the stream's state in locals for the row: fields would be loaded and stored for every pixel
        int[] tk = tokens;
        int[] cnt = counts;
        int n = tokenCount;
        long sumA = adlerA + UP;
        long sumB = adlerB + sumA;
        int zeroLiterals = 0; // the commonest literal pixel: counted apart, not three increments of one counter
        tk[n++] = single(UP);
        cnt[UP]++;
        int value = filtered(rgb, at, above); // pixel 0 has nothing to its left to repeat: a literal
        for (int x = 0; ; ) {
            int a = value >>> 16;
            int b = (value >>> 8) & 0xFF;
            int c = value & 0xFF;
            sumB += 3 * sumA + 3 * a + 2 * b + c;
            sumA += a + b + c;
            tk[n++] = a | b << 10 | c << 20;
            if (value == 0) {
                zeroLiterals += 3;
            } else {
                cnt[a]++;
                cnt[b]++;
                cnt[c]++;
            }
            if (++x == width) {
                break;
            }
            int end = runEnd(rgb, at, above, width, x, value);
            if (end > x) { // pixels that repeat the one on their left: matches at distance 3
                long k = end - x;
                long sum = a + b + c;
                // k repeats of bytes (a, b, c): A grows by k·sum; B by the A before each byte, summed in closed form
                sumB += 3 * k * sumA + 3 * sum * (k * (k - 1) / 2) + k * (3 * a + 2 * b + c);
                sumA += k * sum;
                matched = true;
                int pixels = end - x;
                for (; pixels > MAX_MATCH_PIXELS; pixels -= MAX_MATCH_PIXELS) {
                    tk[n++] = single(END_OF_BLOCK + MAX_MATCH);
                    cnt[LENGTH_SYMBOL[MAX_MATCH]]++;
                }
                tk[n++] = single(END_OF_BLOCK + 3 * pixels);
                cnt[LENGTH_SYMBOL[3 * pixels]]++;
                if ((x = end) == width) {
                    break;
                }
            }
            value = filtered(rgb, at + x, above < 0 ? -1 : above + x);
        }
        cnt[0] += zeroLiterals;
        tokenCount = n;
        adlerA = sumA % ADLER_MODULUS;
        adlerB = sumB % ADLER_MODULUS;
    }

    /** A token of one symbol: a literal byte, or {@code END_OF_BLOCK} + a match's length. */
    private static int single(int symbol) {
        return symbol | NONE << 10 | NONE << 20;
    }

    /** The filtered value (three bytes, {@code 0xRRGGBB}) of the pixel at {@code at} over the one at {@code above}. */
    private static int filtered(int[] rgb, int at, int above) {
        int p = rgb[at];
        if (above < 0) {
            return p & 0xFFFFFF;
        }
        int q = rgb[above];
        // byte-wise p - q without borrows between bytes
        int h = 0x80808080;
        return (((p | h) - (q & ~h)) ^ ((p ^ ~q) & h)) & 0xFFFFFF;
    }

    /** The end of the run of pixels from {@code x} whose filtered value is {@code value}. */
    private static int runEnd(int[] rgb, int at, int above, int width, int x, int value) {
        int end = x;
        if (above < 0) { // filtered = the pixel: equal to the pixel on the left
            while (end < width) {
                int m = Arrays.mismatch(rgb, at + end, at + width, rgb, at + end - 1, at + width - 1);
                end = m < 0 ? width : end + m;
                if (end == width || ((rgb[at + end] ^ rgb[at + end - 1]) & 0xFFFFFF) != 0) {
                    return end;
                }
                end++; // only the ignored high byte differed
            }
            return end;
        }
        if (value == 0) { // filtered zero: equal to the pixel above
            while (end < width) {
                int m = Arrays.mismatch(rgb, at + end, at + width, rgb, above + end, above + width);
                end = m < 0 ? width : end + m;
                if (end == width || ((rgb[at + end] ^ rgb[above + end]) & 0xFFFFFF) != 0) {
                    return end;
                }
                end++;
            }
            return end;
        }
        for (int scalar = Math.min(width, end + 16); end < scalar; end++) {
            if (filtered(rgb, at + end, above + end) != value) {
                return end; // most runs are short: not worth the searches below
            }
        }
        // the filtered value repeats at least while neither the pixel nor the one above changes
        for (; end < width; end++) {
            int here = Arrays.mismatch(rgb, at + end, at + width, rgb, at + end - 1, at + width - 1);
            int up = Arrays.mismatch(rgb, above + end, above + width, rgb, above + end - 1, above + width - 1);
            end += Math.min(here < 0 ? width - end : here, up < 0 ? width - end : up);
            if (end == width || filtered(rgb, at + end, above + end) != value) {
                return end;
            }
        }
        return end;
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
        for (int literal = 0; literal < END_OF_BLOCK; literal++) {
            tokenBits[literal] = literalLengths[literal] << 24 | literalCodes[literal];
        }
        for (int match = 3; match <= MAX_MATCH; match++) {
            int symbol = LENGTH_SYMBOL[match];
            int extra = LENGTH_EXTRA[symbol - 257];
            int bits = literalLengths[symbol];
            // the distance code is the one-bit code 0, so it adds a zero bit on top
            tokenBits[END_OF_BLOCK + match] = (bits + extra + 1) << 24
                    | literalCodes[symbol] | (match - LENGTH_BASE[symbol - 257]) << bits;
        }
        writeTokens();
        put(literalCodes[END_OF_BLOCK], literalLengths[END_OF_BLOCK]);
        while (bitCount > 0) {
            ensure(1);
            out[length++] = (byte) bitBuffer;
            bitBuffer >>>= 8;
            bitCount = Math.max(0, bitCount - 8);
        }
        ensure(4);
        int sum = (int) (adlerB << 16 | adlerA);
        out[length++] = (byte) (sum >>> 24);
        out[length++] = (byte) (sum >>> 16);
        out[length++] = (byte) (sum >>> 8);
        out[length++] = (byte) sum;
    }

    /**
     * The tokens' codes, in a loop of its own (a plot has some 10^5 symbols) without a branch:
     * each token's up to 45 bits go into a 64-bit buffer holding fewer than 8, which is stored
     * whole, 8 bytes, and advanced by the bytes it completed.
     */
    private void writeTokens() {
        ensure(tokenCount * 6 + 16); // at most 45 bits a token, and 8 bytes stored at the end
        byte[] o = out;
        int n = length;
        long buffer = bitBuffer;
        int count = bitCount;
        for (; count >= 8; count -= 8) {
            o[n++] = (byte) buffer;
            buffer >>>= 8;
        }
        int[] bits = tokenBits;
        for (int t = 0; t < tokenCount; t++) {
            int token = tokens[t];
            int first = bits[token & 0x3FF];
            int second = bits[(token >>> 10) & 0x3FF];
            int third = bits[token >>> 20];
            int firstLength = first >>> 24;
            int twoLengths = firstLength + (second >>> 24);
            long code = (first & 0xFFFFFF) | (long) (second & 0xFFFFFF) << firstLength
                    | (long) (third & 0xFFFFFF) << twoLengths;
            buffer |= code << count;
            count += twoLengths + (third >>> 24);
            LITTLE_ENDIAN_LONG.set(o, n, buffer);
            n += count >>> 3;
            buffer >>>= count & ~7;
            count &= 7;
        }
        length = n;
        bitBuffer = buffer;
        bitCount = count;
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

package io.mixfarm.engine.deliver;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Code lengths make complete prefix codes within the limit, however skewed the counts. */
class HuffmanCodeTest {

    @Test
    void skewedCountsStayWithinTheLimitAndTheCodeIsComplete() {
        int[] counts = new int[286];
        long f = 1;
        long g = 1;
        for (int s = 0; s < 40; s++) { // Fibonacci counts: a plain Huffman code would be 39 bits deep
            counts[s] = (int) Math.min(Integer.MAX_VALUE, f);
            long next = f + g;
            f = g;
            g = next;
        }
        counts[256] = 1;
        int[] lengths = HuffmanCode.lengths(counts, 15);
        assertComplete(lengths, 15);
        for (int s = 0; s < counts.length; s++) {
            assertEquals(counts[s] > 0, lengths[s] > 0, "symbol " + s + " has a code exactly when used");
        }
        assertTrue(lengths[39] <= lengths[0], "the commonest symbol has the shortest code");
    }

    @Test
    void aLoneSymbolStillGetsACompleteCode() {
        int[] counts = new int[19];
        counts[7] = 12;
        int[] lengths = HuffmanCode.lengths(counts, 7);
        assertEquals(1, lengths[7]);
        assertComplete(lengths, 7);
    }

    @Test
    void canonicalCodesFollowRfc1951sExample() {
        // RFC 1951 §3.2.2: lengths (3, 3, 3, 3, 3, 2, 4, 4) give F=00, A=010 ... H=1111
        int[] codes = HuffmanCode.codes(new int[] {3, 3, 3, 3, 3, 2, 4, 4});
        int[] expected = {0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111};
        int[] lengths = {3, 3, 3, 3, 3, 2, 4, 4};
        for (int s = 0; s < expected.length; s++) {
            assertEquals(Integer.reverse(expected[s]) >>> (32 - lengths[s]), codes[s], "symbol " + s);
        }
    }

    /** Kraft's sum is exactly one: no code word is wasted, as inflate requires. */
    private static void assertComplete(int[] lengths, int maxBits) {
        long sum = 0;
        for (int length : lengths) {
            assertTrue(length <= maxBits, "length " + length);
            if (length > 0) {
                sum += 1L << (maxBits - length);
            }
        }
        assertEquals(1L << maxBits, sum);
    }
}

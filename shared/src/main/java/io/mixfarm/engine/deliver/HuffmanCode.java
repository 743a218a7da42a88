package io.mixfarm.engine.deliver;

import java.util.Arrays;

/**
 * Canonical Huffman codes for deflate (RFC 1951 §3.2.2): code lengths from symbol counts,
 * limited to a maximum length, and each symbol's code bit-reversed, ready to be written least
 * significant bit first.
 */
final class HuffmanCode {

    private HuffmanCode() {
    }

    /**
     * Code lengths for {@code counts} (zero for unused symbols), none longer than {@code maxBits}.
     * At least two symbols get a code, so the code is complete (a lone symbol is paired with the
     * first other one). Too long a code is cured by halving the counts and building again: for
     * counts as skewed as that the cost is a few bits.
     */
    static int[] lengths(int[] counts, int maxBits) {
        long[] weights = new long[counts.length];
        int used = 0;
        for (int s = 0; s < counts.length; s++) {
            weights[s] = counts[s];
            used += counts[s] > 0 ? 1 : 0;
        }
        for (int s = 0; used < 2; s++) {
            if (weights[s] == 0) {
                weights[s] = 1;
                used++;
            }
        }
        while (true) {
            int[] lengths = build(weights);
            int longest = 0;
            for (int length : lengths) {
                longest = Math.max(longest, length);
            }
            if (longest <= maxBits) {
                return lengths;
            }
            for (int s = 0; s < weights.length; s++) {
                weights[s] = weights[s] == 0 ? 0 : Math.max(1, weights[s] >> 1);
            }
        }
    }

    /**
     * Plain Huffman code lengths; ties broken by symbol, so the result is deterministic. Nodes
     * are merged lightest first, ordered by weight, then id (symbols 0..n-1, then internal nodes
     * in the order made): as merged weights never decrease, that is two queues, the symbols
     * sorted and the internal nodes as made, a symbol first on equal weights.
     */
    private static int[] build(long[] weights) {
        int n = weights.length;
        long[] keys = new long[n];
        int leaves = 0;
        for (int s = 0; s < n; s++) {
            if (weights[s] > 0) {
                keys[leaves++] = weights[s] << 16 | s; // counts are far below 2^47, symbols below 2^16
            }
        }
        Arrays.sort(keys, 0, leaves);
        int[] parent = new int[2 * n];
        long[] made = new long[leaves]; // internal nodes' weights, in the order made (ids n, n + 1, ...)
        int nextLeaf = 0;
        int nextMade = 0;
        int madeCount = 0;
        int[] ids = new int[2];
        for (int merges = leaves - 1; merges > 0; merges--) {
            long weight = 0;
            for (int k = 0; k < 2; k++) {
                boolean leaf = nextLeaf < leaves
                        && (nextMade == madeCount || keys[nextLeaf] >>> 16 <= made[nextMade]);
                if (leaf) {
                    weight += keys[nextLeaf] >>> 16;
                    ids[k] = (int) (keys[nextLeaf++] & 0xFFFF);
                } else {
                    weight += made[nextMade];
                    ids[k] = n + nextMade++;
                }
            }
            parent[ids[0]] = n + madeCount;
            parent[ids[1]] = n + madeCount;
            made[madeCount++] = weight;
        }
        int root = n + madeCount - 1;
        int[] depth = new int[2 * n];
        for (int node = root - 1; node >= n; node--) {
            depth[node] = depth[parent[node]] + 1; // parents have higher ids than their children
        }
        int[] lengths = new int[n];
        for (int s = 0; s < n; s++) {
            if (weights[s] > 0) {
                lengths[s] = depth[parent[s]] + 1;
            }
        }
        return lengths;
    }

    /** Each symbol's canonical code, bit-reversed (zero for symbols without a code). */
    static int[] codes(int[] lengths) {
        int maxBits = 0;
        for (int length : lengths) {
            maxBits = Math.max(maxBits, length);
        }
        int[] perLength = new int[maxBits + 1];
        for (int length : lengths) {
            if (length > 0) {
                perLength[length]++;
            }
        }
        int[] nextCode = new int[maxBits + 2];
        int code = 0;
        for (int bits = 1; bits <= maxBits; bits++) {
            code = (code + perLength[bits - 1]) << 1;
            nextCode[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            int length = lengths[s];
            if (length > 0) {
                codes[s] = Integer.reverse(nextCode[length]++) >>> (32 - length);
            }
        }
        return codes;
    }
}

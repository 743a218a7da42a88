package io.mixfarm.engine.loudness;

/**
 * Sliding momentary (400 ms) and short-term (3 s) energies, and the 100 ms-spaced block lists,
 * built from slice energies: each 100 ms sub-block is split into equal slices (10 ms at every
 * common rate) so that momentary and short-term loudness can be read at slice resolution,
 * which maximum-loudness measurements need (EBU Tech 3341 cases 13/14 step by 20 ms).
 */
final class LoudnessWindows {

    private static final int[] SLICES_PER_SUB_BLOCK = {10, 5, 4, 2, 1};
    // 25 s at 10 blocks per second; a longer song doubles its way up (ten minutes: six copies),
    // and a short one does not allocate a long one's lists
    private static final int INITIAL_BLOCKS = 256;

    private final int sliceLength;
    private final int slicesPerSubBlock;
    private final int momentarySlices;
    private final double[] ring; // weighted sums of squares of the last 3 s of slices
    private int ringPos;
    private long slices;
    private double momentary;
    private double shortTerm;
    private double maxMomentary;
    private double maxShortTerm;
    private final GrowableDoubles gatingBlocks = new GrowableDoubles(INITIAL_BLOCKS);
    private final GrowableDoubles shortTermBlocks = new GrowableDoubles(INITIAL_BLOCKS);

    LoudnessWindows(int sampleRate) {
        int subBlock = (int) Math.round(sampleRate / 10.0); // libebur128 rounds 100 ms the same way
        int k = 1;
        for (int candidate : SLICES_PER_SUB_BLOCK) {
            if (subBlock % candidate == 0) {
                k = candidate;
                break;
            }
        }
        slicesPerSubBlock = k;
        sliceLength = subBlock / k;
        momentarySlices = 4 * k;
        ring = new double[30 * k];
    }

    /** Frames in one slice. */
    int sliceLength() {
        return sliceLength;
    }

    /** Adds one completed slice: the channel-weighted sum of squared K-weighted samples. */
    void addSlice(double weightedSumOfSquares) {
        ring[ringPos] = weightedSumOfSquares;
        ringPos = ringPos + 1 == ring.length ? 0 : ringPos + 1;
        slices++;
        momentary = sumOfNewest(momentarySlices) / ((double) momentarySlices * sliceLength);
        shortTerm = sumOfNewest(ring.length) / ((double) ring.length * sliceLength);
        maxMomentary = Math.max(maxMomentary, momentary);
        maxShortTerm = Math.max(maxShortTerm, shortTerm);
        if (slices % slicesPerSubBlock == 0) {
            if (slices >= momentarySlices) {
                gatingBlocks.add(momentary);
            }
            if (slices >= ring.length) {
                shortTermBlocks.add(shortTerm);
            }
        }
    }

    /**
     * The newest {@code count} slices summed newest first. Slots never written yet hold +0.0 and
     * adding +0.0 to a sum of squares changes nothing, so they are left out (exactly the same
     * sum, without a 3 s window's worth of adds per slice in a song's first 3 s); the ring is
     * walked in its two contiguous runs rather than wrapping an index per slice.
     */
    private double sumOfNewest(int count) {
        int n = (int) Math.min(count, slices);
        double sum = 0;
        int newerRun = Math.min(n, ringPos); // ring[ringPos - 1] down to ring[ringPos - newerRun]
        for (int at = ringPos - 1, end = ringPos - newerRun; at >= end; at--) {
            sum += ring[at];
        }
        for (int at = ring.length - 1, end = ring.length - (n - newerRun); at >= end; at--) {
            sum += ring[at];
        }
        return sum;
    }

    /** Mean square of the last 400 ms of completed slices (silence before the start). */
    double momentary() {
        return momentary;
    }

    /** Mean square of the last 3 s of completed slices (silence before the start). */
    double shortTerm() {
        return shortTerm;
    }

    double maxMomentary() {
        return maxMomentary;
    }

    double maxShortTerm() {
        return maxShortTerm;
    }

    GrowableDoubles gatingBlocks() {
        return gatingBlocks;
    }

    GrowableDoubles shortTermBlocks() {
        return shortTermBlocks;
    }

    void reset() {
        java.util.Arrays.fill(ring, 0.0);
        ringPos = 0;
        slices = 0;
        momentary = shortTerm = maxMomentary = maxShortTerm = 0.0;
        gatingBlocks.clear();
        shortTermBlocks.clear();
    }
}

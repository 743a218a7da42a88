package io.mixfarm.engine.codec.flac;

/**
 * FLAC's fixed predictors: the residual of order k is the k-th difference of the signal. All
 * orders are computed as arrays, each from the previous one (simple loops the JIT compiles
 * well), and the order is chosen like libFLAC, by the smallest sum of residual magnitudes from
 * sample 4 on.
 */
final class FlacFixed {
    static final int MAX_ORDER = 4;
    /** Samples per int partial sum: an order-4 residual of 17-bit samples stays under 2^21. */
    private static final int NARROW_CHUNK = 1024;

    private FlacFixed() {
    }

    /**
     * Fills {@code residuals[k][0, n - k)} with the order-k residual for k = 1..4 (the order-0
     * residual is the signal itself, {@code residuals[0]}). Needs {@code n > 4}.
     */
    static void residuals(int[][] residuals, int n) {
        for (int k = 1; k <= MAX_ORDER; k++) {
            int[] previous = residuals[k - 1];
            int[] current = residuals[k];
            int end = n - k;
            for (int j = 0; j < end; j++) {
                current[j] = previous[j + 1] - previous[j];
            }
        }
    }

    /**
     * The order whose residual over samples {@code [4, n)} has the smallest magnitude sum, ties
     * to the higher order (as libFLAC).
     *
     * @param sampleBits bits of the signal; up to 17 the sums run on ints
     */
    static int bestOrder(int[][] residuals, int n, int sampleBits) {
        long best = Long.MAX_VALUE;
        int bestOrder = 0;
        for (int k = MAX_ORDER; k >= 0; k--) {
            long total = magnitudeSum(residuals[k], MAX_ORDER - k, n - k, sampleBits <= 17);
            if (total < best) {
                best = total;
                bestOrder = k;
            }
        }
        return bestOrder;
    }

    private static long magnitudeSum(int[] values, int from, int to, boolean narrow) {
        long total = 0;
        if (narrow) {
            for (int start = from; start < to; start += NARROW_CHUNK) {
                int end = Math.min(to, start + NARROW_CHUNK);
                int sum = 0;
                for (int i = start; i < end; i++) {
                    sum += Math.abs(values[i]);
                }
                total += sum;
            }
        } else {
            for (int i = from; i < to; i++) {
                total += Math.abs(values[i]);
            }
        }
        return total;
    }
}

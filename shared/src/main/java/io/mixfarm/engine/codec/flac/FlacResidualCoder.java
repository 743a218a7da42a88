package io.mixfarm.engine.codec.flac;

/**
 * Partitioned Rice coding of a prediction residual. {@link #plan} searches every partition order
 * the block allows (up to {@link #MAX_PARTITION_ORDER}, libFLAC -5's limit) for the cheapest
 * split, choosing per partition the best Rice parameter or an escape to raw samples;
 * {@link #write} emits the chosen coding.
 */
final class FlacResidualCoder {
    static final int MAX_PARTITION_ORDER = 5;
    private static final int MAX_PARTITIONS = 1 << MAX_PARTITION_ORDER;
    /** Parameters above this need the 5-bit parameter coding method (RICE2). */
    private static final int MAX_NARROW_PARAMETER = 14;
    private static final int MAX_WIDE_PARAMETER = 30;
    private static final int ESCAPE_WIDTH_BITS = 5;

    /** A chosen coding: partition order and, per partition, a Rice parameter or a raw width. */
    static final class Plan {
        int partitionOrder;
        boolean wideParameters;
        /** Rice parameter per partition, or -1 when the partition is escaped to raw samples. */
        final int[] parameters = new int[MAX_PARTITIONS];
        /** Bits per raw sample of escaped partitions. */
        final int[] rawBits = new int[MAX_PARTITIONS];
        /** Estimated size of the whole residual section in bits. */
        long bits;
    }

    /** Per-partition sums of zig-zag values and their bitwise OR, all levels in heap layout. */
    private final long[] sums = new long[2 * MAX_PARTITIONS];
    private final int[] ors = new int[2 * MAX_PARTITIONS];

    /**
     * Chooses the coding of {@code residual[0, blockSize - predictorOrder)} into {@code plan}.
     *
     * @return the estimated size in bits, also stored in {@code plan.bits}
     */
    long plan(int[] residual, int blockSize, int predictorOrder, Plan plan) {
        int maxOrder = MAX_PARTITION_ORDER;
        while (maxOrder > 0 && ((blockSize & ((1 << maxOrder) - 1)) != 0
                || (blockSize >> maxOrder) <= predictorOrder)) {
            maxOrder--;
        }
        fillFinestLevel(residual, blockSize, predictorOrder, maxOrder);
        for (int level = maxOrder - 1; level >= 0; level--) {
            int base = (1 << level) - 1;
            int child = (1 << (level + 1)) - 1;
            for (int p = 0; p < 1 << level; p++) {
                sums[base + p] = sums[child + 2 * p] + sums[child + 2 * p + 1];
                ors[base + p] = ors[child + 2 * p] | ors[child + 2 * p + 1];
            }
        }
        long bestBits = Long.MAX_VALUE;
        int bestLevel = 0;
        for (int level = 0; level <= maxOrder; level++) {
            long bits = levelBits(level, blockSize, predictorOrder, null);
            if (bits < bestBits) {
                bestBits = bits;
                bestLevel = level;
            }
        }
        levelBits(bestLevel, blockSize, predictorOrder, plan);
        plan.partitionOrder = bestLevel;
        plan.bits = bestBits;
        return bestBits;
    }

    private void fillFinestLevel(int[] residual, int blockSize, int predictorOrder, int level) {
        int base = (1 << level) - 1;
        int partitionSize = blockSize >> level;
        // An int sum of m values below 2^(31 - log2 m) cannot overflow; checked after the fast loop.
        int safeBits = 31 - (32 - Integer.numberOfLeadingZeros(partitionSize));
        int start = 0;
        for (int p = 0; p < 1 << level; p++) {
            int end = (p + 1) * partitionSize - predictorOrder;
            int sum = 0;
            int or = 0;
            for (int i = start; i < end; i++) {
                int v = residual[i];
                int u = (v << 1) ^ (v >> 31);
                sum += u;
                or |= u;
            }
            sums[base + p] = (or >>> safeBits) == 0 ? sum : wideSum(residual, start, end);
            ors[base + p] = or;
            start = end;
        }
    }

    private static long wideSum(int[] residual, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            int v = residual[i];
            sum += (v << 1) ^ (v >> 31);
        }
        return sum;
    }

    /** Bits to code the residual with {@code 2^level} partitions; fills {@code plan} if given. */
    private long levelBits(int level, int blockSize, int predictorOrder, Plan plan) {
        int base = (1 << level) - 1;
        int partitions = 1 << level;
        long bits = 2 + 4;
        boolean wide = false;
        for (int p = 0; p < partitions; p++) {
            int samples = (blockSize >> level) - (p == 0 ? predictorOrder : 0);
            long sum = sums[base + p];
            int k = riceParameter(sum, samples);
            long riceBits = riceBits(sum, samples, k);
            int rawWidth = 32 - Integer.numberOfLeadingZeros(ors[base + p]);
            long rawBits = ESCAPE_WIDTH_BITS + (long) samples * rawWidth;
            if (rawBits < riceBits) {
                bits += rawBits;
                k = -1;
            } else {
                bits += riceBits;
                wide |= k > MAX_NARROW_PARAMETER;
            }
            if (plan != null) {
                plan.parameters[p] = k;
                plan.rawBits[p] = rawWidth;
            }
        }
        bits += (long) partitions * (wide ? 5 : 4);
        if (plan != null) {
            plan.wideParameters = wide;
        }
        return bits;
    }

    /** The best parameter near log2 of the mean folded value. */
    private static int riceParameter(long sum, int samples) {
        if (samples == 0) {
            return 0;
        }
        long mean = sum / samples;
        int guess = mean > 0 ? 63 - Long.numberOfLeadingZeros(mean) : 0;
        int best = Math.min(guess, MAX_WIDE_PARAMETER);
        long bestBits = riceBits(sum, samples, best);
        for (int k = Math.max(0, guess - 1); k <= Math.min(guess + 1, MAX_WIDE_PARAMETER); k++) {
            long bits = riceBits(sum, samples, k);
            if (bits < bestBits) {
                best = k;
                bestBits = bits;
            }
        }
        return best;
    }

    /** Estimated Rice bits: each value costs k+1 bits plus its quotient, which loses ~1/2 to truncation. */
    private static long riceBits(long sum, int samples, int k) {
        long quotients = k == 0 ? sum : Math.max(0, (sum >> k) - (samples >> 1));
        return (long) samples * (k + 1) + quotients;
    }

    /** Writes the residual section coded as {@code plan} says. */
    void write(FlacBitWriter out, int[] residual, int blockSize, int predictorOrder, Plan plan) {
        int parameterBits = plan.wideParameters ? 5 : 4;
        int escape = (1 << parameterBits) - 1;
        out.writeBits(plan.wideParameters ? 1 : 0, 2);
        out.writeBits(plan.partitionOrder, 4);
        int partitionSize = blockSize >> plan.partitionOrder;
        int i = 0;
        for (int p = 0; p < 1 << plan.partitionOrder; p++) {
            int end = (p + 1) * partitionSize - predictorOrder;
            int k = plan.parameters[p];
            if (k < 0) {
                int width = plan.rawBits[p];
                out.writeBits(escape, parameterBits);
                out.writeBits(width, ESCAPE_WIDTH_BITS);
                for (; i < end; i++) {
                    out.writeBits(residual[i], width);
                }
            } else {
                out.writeBits(k, parameterBits);
                out.writeRice(residual, i, end, k);
                i = end;
            }
        }
    }
}

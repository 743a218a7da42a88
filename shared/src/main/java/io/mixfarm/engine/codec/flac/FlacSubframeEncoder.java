package io.mixfarm.engine.codec.flac;

/**
 * Encodes one channel of one block as the smallest FLAC subframe it finds: CONSTANT, VERBATIM,
 * the best FIXED predictor (order 0-4, chosen from residual magnitudes like libFLAC), or LPC
 * (Tukey-windowed autocorrelation, Levinson-Durbin, order from the prediction error). Wasted
 * low zero bits are shifted out first.
 *
 * <p>{@link #analyze} decides and remembers the choice; {@link #write} emits it. All buffers are
 * allocated once for the largest block.
 */
final class FlacSubframeEncoder {
    private static final int CONSTANT = 0;
    private static final int VERBATIM = 1;
    private static final int FIXED = 2;
    private static final int LPC = 3;
    private static final int MAX_FIXED_ORDER = 4;
    /** Zero bit, 6-bit type, wasted-bits flag. */
    private static final int HEADER_BITS = 8;
    private static final double TUKEY_P = 0.5;

    private final int[] samples;
    private final FlacResidualCoder coder = new FlacResidualCoder();
    private final double[] window;
    private int windowLength = -1;
    private final double[] windowed;
    private final double[] autoc = new double[FlacLpc.MAX_ORDER + 1];
    private final double[][] lpCoeffs = new double[FlacLpc.MAX_ORDER][FlacLpc.MAX_ORDER];
    private final double[] lpError = new double[FlacLpc.MAX_ORDER];
    private final double[] levinsonWork = new double[FlacLpc.MAX_ORDER];
    private final int[] workCoeffs = new int[FlacLpc.MAX_ORDER];
    private final long[] fixedTotals = new long[MAX_FIXED_ORDER + 1];

    // The analysed block and the chosen coding.
    private int blockSize;
    private int bitsPerSample;
    private int wasted;
    private int type;
    private int order;
    private int precision;
    private int shift;
    private final int[] coeffs = new int[FlacLpc.MAX_ORDER];
    private int[] residual;
    private int[] workResidual;
    private FlacResidualCoder.Plan plan = new FlacResidualCoder.Plan();
    private FlacResidualCoder.Plan workPlan = new FlacResidualCoder.Plan();
    private long bits;

    FlacSubframeEncoder(int maxBlockSize) {
        samples = new int[maxBlockSize];
        residual = new int[maxBlockSize];
        workResidual = new int[maxBlockSize];
        window = new double[maxBlockSize];
        windowed = new double[FlacLpc.PAD + maxBlockSize];
    }

    /** The channel's samples for the next {@link #analyze}; analysis may shift them in place. */
    int[] samples() {
        return samples;
    }

    /**
     * Chooses the coding of {@code samples[0, blockSize)}.
     *
     * @param bitsPerSample  bits of the subframe's samples (one more than the stream's for a side channel)
     * @param qlpPrecision   LPC coefficient precision in bits
     * @return the subframe's size in bits (estimated for Rice-coded residuals)
     */
    long analyze(int blockSize, int bitsPerSample, int qlpPrecision) {
        this.blockSize = blockSize;
        this.bitsPerSample = bitsPerSample;
        int first = samples[0];
        int differ = 0;
        int or = 0;
        for (int i = 0; i < blockSize; i++) {
            differ |= samples[i] ^ first;
            or |= samples[i];
        }
        if (differ == 0) {
            wasted = 0;
            type = CONSTANT;
            bits = HEADER_BITS + bitsPerSample;
            return bits;
        }
        wasted = Integer.numberOfTrailingZeros(or);
        if (wasted > 0) {
            for (int i = 0; i < blockSize; i++) {
                samples[i] >>= wasted;
            }
        }
        int sampleBits = bitsPerSample - wasted;
        long headerBits = HEADER_BITS + wasted;
        type = VERBATIM;
        bits = headerBits + (long) blockSize * sampleBits;
        if (blockSize > MAX_FIXED_ORDER) {
            tryFixed(headerBits, sampleBits);
            tryLpc(headerBits, sampleBits, qlpPrecision);
        }
        return bits;
    }

    private void tryFixed(long headerBits, int sampleBits) {
        int fixedOrder = bestFixedOrder(sampleBits);
        fixedResidual(fixedOrder);
        long candidate = headerBits + (long) fixedOrder * sampleBits
                + coder.plan(workResidual, blockSize, fixedOrder, workPlan);
        if (candidate < bits) {
            accept(FIXED, fixedOrder, candidate);
        }
    }

    private void tryLpc(long headerBits, int sampleBits, int qlpPrecision) {
        int maxOrder = Math.min(FlacLpc.MAX_ORDER, blockSize - 1);
        if (windowLength != blockSize) {
            FlacLpc.tukey(window, blockSize, TUKEY_P);
            windowLength = blockSize;
        }
        for (int i = 0; i < blockSize; i++) {
            windowed[FlacLpc.PAD + i] = samples[i] * window[i];
        }
        FlacLpc.autocorrelation(windowed, blockSize, autoc);
        if (autoc[0] == 0.0) {
            return;
        }
        maxOrder = FlacLpc.levinsonDurbin(autoc, maxOrder, lpCoeffs, lpError, levinsonWork);
        int lpcOrder = FlacLpc.bestOrder(lpError, maxOrder, blockSize, sampleBits + qlpPrecision);
        int log2Order = 31 - Integer.numberOfLeadingZeros(lpcOrder);
        int lpcPrecision = qlpPrecision;
        if (sampleBits <= 17) {
            // libFLAC's cap, which keeps prediction sums within 32 bits
            lpcPrecision = Math.min(lpcPrecision, 32 - sampleBits - log2Order);
        }
        boolean narrow = sampleBits + lpcPrecision + log2Order <= 32;
        int lpcShift = FlacLpc.quantize(lpCoeffs[lpcOrder - 1], lpcOrder, lpcPrecision, workCoeffs);
        if (lpcShift < 0
                || !FlacLpc.residual(samples, blockSize, workCoeffs, lpcOrder, lpcShift, narrow, workResidual)) {
            return;
        }
        long candidate = headerBits + (long) lpcOrder * sampleBits + 4 + 5 + (long) lpcOrder * lpcPrecision
                + coder.plan(workResidual, blockSize, lpcOrder, workPlan);
        if (candidate < bits) {
            accept(LPC, lpcOrder, candidate);
            precision = lpcPrecision;
            shift = lpcShift;
            System.arraycopy(workCoeffs, 0, coeffs, 0, lpcOrder);
        }
    }

    /** Makes the work residual and plan the chosen ones. */
    private void accept(int newType, int newOrder, long newBits) {
        type = newType;
        order = newOrder;
        bits = newBits;
        int[] r = residual;
        residual = workResidual;
        workResidual = r;
        FlacResidualCoder.Plan p = plan;
        plan = workPlan;
        workPlan = p;
    }

    /** The fixed order whose residual has the smallest magnitude sum (libFLAC's heuristic). */
    private int bestFixedOrder(int sampleBits) {
        long[] t = fixedTotals;
        java.util.Arrays.fill(t, 0);
        if (sampleBits <= 17) {
            // an order-4 residual of 17-bit samples stays under 2^21: 1024 of them sum exactly in an int
            for (int start = MAX_FIXED_ORDER; start < blockSize; start += 1024) {
                addNarrowFixedTotals(start, Math.min(blockSize, start + 1024), t);
            }
        } else {
            addWideFixedTotals(t);
        }
        if (t[0] < Math.min(Math.min(t[1], t[2]), Math.min(t[3], t[4]))) {
            return 0;
        }
        if (t[1] < Math.min(t[2], Math.min(t[3], t[4]))) {
            return 1;
        }
        if (t[2] < Math.min(t[3], t[4])) {
            return 2;
        }
        return t[3] < t[4] ? 3 : 4;
    }

    private void addNarrowFixedTotals(int from, int to, long[] totals) {
        int[] x = samples;
        int sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0, sum4 = 0;
        for (int i = from; i < to; i++) {
            int a = x[i], b = x[i - 1], c = x[i - 2], d = x[i - 3], e = x[i - 4];
            sum0 += Math.abs(a);
            sum1 += Math.abs(a - b);
            sum2 += Math.abs(a - 2 * b + c);
            sum3 += Math.abs(a - 3 * b + 3 * c - d);
            sum4 += Math.abs(a - 4 * b + 6 * c - 4 * d + e);
        }
        totals[0] += sum0;
        totals[1] += sum1;
        totals[2] += sum2;
        totals[3] += sum3;
        totals[4] += sum4;
    }

    private void addWideFixedTotals(long[] totals) {
        int[] x = samples;
        long sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0, sum4 = 0;
        for (int i = MAX_FIXED_ORDER; i < blockSize; i++) {
            int a = x[i], b = x[i - 1], c = x[i - 2], d = x[i - 3], e = x[i - 4];
            sum0 += Math.abs(a);
            sum1 += Math.abs(a - b);
            sum2 += Math.abs(a - 2 * b + c);
            sum3 += Math.abs(a - 3 * b + 3 * c - d);
            sum4 += Math.abs(a - 4 * b + 6 * c - 4 * d + e);
        }
        totals[0] += sum0;
        totals[1] += sum1;
        totals[2] += sum2;
        totals[3] += sum3;
        totals[4] += sum4;
    }

    private void fixedResidual(int fixedOrder) {
        int[] x = samples;
        int[] r = workResidual;
        int n = blockSize;
        switch (fixedOrder) {
            case 0:
                System.arraycopy(x, 0, r, 0, n);
                break;
            case 1:
                for (int i = 1; i < n; i++) {
                    r[i - 1] = x[i] - x[i - 1];
                }
                break;
            case 2:
                for (int i = 2; i < n; i++) {
                    r[i - 2] = x[i] - 2 * x[i - 1] + x[i - 2];
                }
                break;
            case 3:
                for (int i = 3; i < n; i++) {
                    r[i - 3] = x[i] - 3 * x[i - 1] + 3 * x[i - 2] - x[i - 3];
                }
                break;
            default:
                for (int i = 4; i < n; i++) {
                    r[i - 4] = x[i] - 4 * x[i - 1] + 6 * x[i - 2] - 4 * x[i - 3] + x[i - 4];
                }
                break;
        }
    }

    /** Writes the subframe chosen by the last {@link #analyze}. */
    void write(FlacBitWriter out) {
        int typeCode = type == CONSTANT ? 0 : type == VERBATIM ? 1 : type == FIXED ? 8 | order : 32 | (order - 1);
        out.writeBits(typeCode << 1 | (wasted > 0 ? 1 : 0), HEADER_BITS);
        if (wasted > 0) {
            out.writeUnary(wasted - 1);
        }
        int sampleBits = bitsPerSample - wasted;
        switch (type) {
            case CONSTANT:
                out.writeBits(samples[0], bitsPerSample);
                break;
            case VERBATIM:
                for (int i = 0; i < blockSize; i++) {
                    out.writeBits(samples[i], sampleBits);
                }
                break;
            default:
                for (int i = 0; i < order; i++) {
                    out.writeBits(samples[i], sampleBits);
                }
                if (type == LPC) {
                    out.writeBits(precision - 1, 4);
                    out.writeBits(shift, 5);
                    for (int i = 0; i < order; i++) {
                        out.writeBits(coeffs[i], precision);
                    }
                }
                coder.write(out, residual, blockSize, order, plan);
                break;
        }
    }
}

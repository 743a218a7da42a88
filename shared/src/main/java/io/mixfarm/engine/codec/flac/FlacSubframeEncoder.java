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
    /** Zero bit, 6-bit type, wasted-bits flag. */
    private static final int HEADER_BITS = 8;
    private static final double TUKEY_P = 0.5;

    private final int[] samples;
    private final FlacResidualCoder coder = new FlacResidualCoder();
    private final double[] window;
    private int windowLength = -1;
    private final double[] windowed;
    private final double[] samplesAsDouble;
    private final double[] autoc = new double[FlacLpc.MAX_ORDER + 1];
    private final double[][] lpCoeffs = new double[FlacLpc.MAX_ORDER][FlacLpc.MAX_ORDER];
    private final double[] lpError = new double[FlacLpc.MAX_ORDER];
    private final double[] levinsonWork = new double[FlacLpc.MAX_ORDER];
    private final int[] workCoeffs = new int[FlacLpc.MAX_ORDER];
    /** Residuals of fixed orders 0-4; order 0 is the signal itself. */
    private final int[][] fixedResiduals = new int[FlacFixed.MAX_ORDER + 1][];
    private final int[] lpcResidual;
    private final FlacResidualCoder.Plan fixedPlan = new FlacResidualCoder.Plan();
    private final FlacResidualCoder.Plan lpcPlan = new FlacResidualCoder.Plan();

    // The analysed block and the chosen coding.
    private int blockSize;
    private int bitsPerSample;
    private int wasted;
    private int type;
    private int order;
    private int precision;
    private int shift;
    private final int[] coeffs = new int[FlacLpc.MAX_ORDER];
    /** One of {@link #fixedResiduals} or {@link #lpcResidual}, with its plan. */
    private int[] residual;
    private FlacResidualCoder.Plan plan;
    private long bits;

    FlacSubframeEncoder(int maxBlockSize) {
        samples = new int[maxBlockSize];
        fixedResiduals[0] = samples;
        for (int k = 1; k <= FlacFixed.MAX_ORDER; k++) {
            fixedResiduals[k] = new int[maxBlockSize];
        }
        lpcResidual = new int[maxBlockSize];
        window = new double[maxBlockSize];
        windowed = new double[FlacLpc.PAD + maxBlockSize];
        samplesAsDouble = new double[maxBlockSize];
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
        if (blockSize > FlacFixed.MAX_ORDER) {
            tryFixed(headerBits, sampleBits);
            tryLpc(headerBits, sampleBits, qlpPrecision);
        }
        return bits;
    }

    private void tryFixed(long headerBits, int sampleBits) {
        FlacFixed.residuals(fixedResiduals, blockSize);
        int fixedOrder = FlacFixed.bestOrder(fixedResiduals, blockSize, sampleBits);
        long candidate = headerBits + (long) fixedOrder * sampleBits
                + coder.plan(fixedResiduals[fixedOrder], blockSize, fixedOrder, fixedPlan);
        if (candidate < bits) {
            choose(FIXED, fixedOrder, candidate, fixedResiduals[fixedOrder], fixedPlan);
        }
    }

    private void tryLpc(long headerBits, int sampleBits, int qlpPrecision) {
        int maxOrder = Math.min(FlacLpc.MAX_ORDER, blockSize - 1);
        if (windowLength != blockSize) {
            FlacLpc.tukey(window, blockSize, TUKEY_P);
            windowLength = blockSize;
        }
        FlacLpc.applyWindow(samples, window, blockSize, samplesAsDouble, windowed);
        FlacLpc.autocorrelation(windowed, blockSize, autoc);
        if (autoc[0] == 0.0) {
            return;
        }
        maxOrder = FlacLpc.levinsonDurbin(autoc, maxOrder, lpCoeffs, lpError, levinsonWork);
        int lpcOrder = FlacLpc.bestOrder(lpError, maxOrder, blockSize, sampleBits + qlpPrecision);
        int log2Order = 31 - Integer.numberOfLeadingZeros(lpcOrder);
        int lpcPrecision = qlpPrecision;
        if (sampleBits <= 17) {
            // libFLAC's cap (it keeps libFLAC's sums within 32 bits); kept so sizes match flac's
            lpcPrecision = Math.min(lpcPrecision, 32 - sampleBits - log2Order);
        }
        int lpcShift = FlacLpc.quantize(lpCoeffs[lpcOrder - 1], lpcOrder, lpcPrecision, workCoeffs);
        if (lpcShift < 0
                || !FlacLpc.residual(samples, samplesAsDouble, blockSize, workCoeffs, lpcOrder, lpcShift, lpcResidual)) {
            return;
        }
        long candidate = headerBits + (long) lpcOrder * sampleBits + 4 + 5 + (long) lpcOrder * lpcPrecision
                + coder.plan(lpcResidual, blockSize, lpcOrder, lpcPlan);
        if (candidate < bits) {
            choose(LPC, lpcOrder, candidate, lpcResidual, lpcPlan);
            precision = lpcPrecision;
            shift = lpcShift;
            System.arraycopy(workCoeffs, 0, coeffs, 0, lpcOrder);
        }
    }

    private void choose(int newType, int newOrder, long newBits, int[] newResidual, FlacResidualCoder.Plan newPlan) {
        type = newType;
        order = newOrder;
        bits = newBits;
        residual = newResidual;
        plan = newPlan;
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

package io.mixfarm.engine.codec.flac;

/**
 * Linear prediction for FLAC subframes, following libFLAC's choices so sizes compare with
 * {@code flac -5}: Tukey(0.5) apodization, autocorrelation in double, Levinson-Durbin for every
 * order at once, the order picked from the prediction error, and coefficients quantized with
 * error feedback to a fixed precision and a non-negative shift.
 */
final class FlacLpc {
    /** Largest order this encoder uses (libFLAC -5 also stops at 8); autocorrelation is unrolled for it. */
    static final int MAX_ORDER = 8;
    /** Largest quantized coefficient precision the format allows (4-bit field, 1111 invalid). */
    static final int MAX_PRECISION = 15;
    /** Largest shift: a 5-bit signed field, and decoders reject negative shifts. */
    static final int MAX_SHIFT = 15;
    /** Zeros in front of the windowed signal for {@link #autocorrelation}. */
    static final int PAD = MAX_ORDER;
    /** 1.5 * 2^52 and its bits: adding a small integer to the bits adds it to the value exactly. */
    private static final double MAGIC = 6755399441055744.0;
    private static final long MAGIC_BITS = 0x4338000000000000L;

    private FlacLpc() {
    }

    /**
     * Fills {@code window[0, n)} with libFLAC's Tukey window: flat middle, Hann-shaped ends
     * covering {@code p} of the length.
     */
    static void tukey(double[] window, int n, double p) {
        java.util.Arrays.fill(window, 0, n, 1.0);
        int np = (int) (p / 2.0 * n) - 1;
        if (np > 0) {
            for (int i = 0; i <= np; i++) {
                window[i] = 0.5 - 0.5 * Math.cos(Math.PI * i / np);
                window[n - np - 1 + i] = 0.5 - 0.5 * Math.cos(Math.PI * (i + np) / np);
            }
        }
    }

    /**
     * {@code exact[i] = signal[i]} and {@code windowed[PAD + i] = signal[i] * window[i]}. The
     * int-to-double conversion goes through the bits of 1.5 * 2^52, which the JIT compiles to an
     * integer add and a move; a plain cast is about three times slower here (the x86 conversion
     * instruction carries a false dependency).
     */
    static void applyWindow(int[] signal, double[] window, int n, double[] exact, double[] windowed) {
        for (int i = 0; i < n; i++) {
            double sample = Double.longBitsToDouble(MAGIC_BITS + signal[i]) - MAGIC;
            exact[i] = sample;
            windowed[PAD + i] = sample * window[i];
        }
    }

    /**
     * Autocorrelation of the windowed signal for lags {@code 0..8} into {@code autoc[0, 9)}.
     * {@code windowed} holds the signal from index {@link #PAD} on, preceded by {@code PAD} zeros,
     * so every lag is a plain product without edge tests. Two samples per step into two sets of
     * fused multiply-add accumulators, which halves the dependency chains.
     */
    static void autocorrelation(double[] windowed, int n, double[] autoc) {
        final double[] x = windowed;
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0;
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0, b8 = 0;
        int end = PAD + n;
        int i = PAD;
        for (; i + 1 < end; i += 2) {
            double d = x[i];
            double e = x[i + 1];
            double m1 = x[i - 1], m2 = x[i - 2], m3 = x[i - 3], m4 = x[i - 4];
            double m5 = x[i - 5], m6 = x[i - 6], m7 = x[i - 7], m8 = x[i - 8];
            a0 = Math.fma(d, d, a0);
            a1 = Math.fma(d, m1, a1);
            a2 = Math.fma(d, m2, a2);
            a3 = Math.fma(d, m3, a3);
            a4 = Math.fma(d, m4, a4);
            a5 = Math.fma(d, m5, a5);
            a6 = Math.fma(d, m6, a6);
            a7 = Math.fma(d, m7, a7);
            a8 = Math.fma(d, m8, a8);
            b0 = Math.fma(e, e, b0);
            b1 = Math.fma(e, d, b1);
            b2 = Math.fma(e, m1, b2);
            b3 = Math.fma(e, m2, b3);
            b4 = Math.fma(e, m3, b4);
            b5 = Math.fma(e, m4, b5);
            b6 = Math.fma(e, m5, b6);
            b7 = Math.fma(e, m6, b7);
            b8 = Math.fma(e, m7, b8);
        }
        if (i < end) {
            double d = x[i];
            a0 = Math.fma(d, d, a0);
            a1 = Math.fma(d, x[i - 1], a1);
            a2 = Math.fma(d, x[i - 2], a2);
            a3 = Math.fma(d, x[i - 3], a3);
            a4 = Math.fma(d, x[i - 4], a4);
            a5 = Math.fma(d, x[i - 5], a5);
            a6 = Math.fma(d, x[i - 6], a6);
            a7 = Math.fma(d, x[i - 7], a7);
            a8 = Math.fma(d, x[i - 8], a8);
        }
        autoc[0] = a0 + b0;
        autoc[1] = a1 + b1;
        autoc[2] = a2 + b2;
        autoc[3] = a3 + b3;
        autoc[4] = a4 + b4;
        autoc[5] = a5 + b5;
        autoc[6] = a6 + b6;
        autoc[7] = a7 + b7;
        autoc[8] = a8 + b8;
    }

    /**
     * Levinson-Durbin recursion. Fills {@code coeffs[order - 1][0, order)} with the predictor of
     * each order and {@code error[order - 1]} with its prediction error.
     *
     * @return the highest order computed (lower than {@code maxOrder} when the error reaches 0)
     */
    static int levinsonDurbin(double[] autoc, int maxOrder, double[][] coeffs, double[] error, double[] work) {
        double err = autoc[0];
        double[] lpc = work;
        for (int i = 0; i < maxOrder; i++) {
            double r = -autoc[i + 1];
            for (int j = 0; j < i; j++) {
                r -= lpc[j] * autoc[i - j];
            }
            r /= err;
            lpc[i] = r;
            int j = 0;
            for (; j < (i >> 1); j++) {
                double tmp = lpc[j];
                lpc[j] += r * lpc[i - 1 - j];
                lpc[i - 1 - j] += r * tmp;
            }
            if ((i & 1) != 0) {
                lpc[j] += lpc[j] * r;
            }
            err *= 1.0 - r * r;
            for (j = 0; j <= i; j++) {
                coeffs[i][j] = -lpc[j];
            }
            error[i] = err;
            if (err == 0.0) {
                return i + 1;
            }
        }
        return maxOrder;
    }

    /** libFLAC's estimate of Rice bits per residual sample from a prediction error. */
    static double expectedBitsPerSample(double error, double errorScale) {
        if (error > 0.0) {
            double bps = 0.5 * Math.log(errorScale * error) / Math.log(2);
            return bps >= 0.0 ? bps : 0.0;
        }
        return error < 0.0 ? 1e32 : 0.0;
    }

    /** The order (1-based) with the fewest expected bits, counting each order's header cost. */
    static int bestOrder(double[] error, int maxOrder, int blockSize, int bitsPerOrder) {
        double errorScale = 0.5 / blockSize;
        int best = 1;
        double bestBits = Double.MAX_VALUE;
        for (int order = 1; order <= maxOrder; order++) {
            double bits = expectedBitsPerSample(error[order - 1], errorScale) * (blockSize - order)
                    + (double) order * bitsPerOrder;
            if (bits < bestBits) {
                best = order;
                bestBits = bits;
            }
        }
        return best;
    }

    /**
     * Quantizes {@code coeffs[0, order)} to {@code precision}-bit signed integers, carrying each
     * rounding error into the next coefficient; entries from {@code order} on are zeroed.
     *
     * @return the shift (0..15), or -1 when the coefficients are all zero or too large to express
     */
    static int quantize(double[] coeffs, int order, int precision, int[] quantized) {
        int magnitudeBits = precision - 1;
        int qmax = (1 << magnitudeBits) - 1;
        int qmin = -(1 << magnitudeBits);
        double cmax = 0.0;
        for (int i = 0; i < order; i++) {
            cmax = Math.max(cmax, Math.abs(coeffs[i]));
        }
        if (cmax <= 0.0 || !Double.isFinite(cmax)) {
            return -1;
        }
        int log2cmax = Math.getExponent(cmax); // floor(log2(cmax)) for normal values
        int shift = magnitudeBits - log2cmax - 1;
        if (shift > MAX_SHIFT) {
            shift = MAX_SHIFT;
        } else if (shift < 0) {
            return -1;
        }
        double carry = 0.0;
        double scale = 1 << shift;
        for (int i = 0; i < order; i++) {
            carry += coeffs[i] * scale;
            long q = Math.round(carry);
            int clamped = (int) Math.max(qmin, Math.min(qmax, q));
            carry -= clamped;
            quantized[i] = clamped;
        }
        java.util.Arrays.fill(quantized, order, quantized.length, 0);
        return shift;
    }

    /**
     * Writes {@code signal[i] - (sum_j coeffs[j] * signal[i-1-j] >> shift)} for {@code i} in
     * {@code [order, n)} to {@code residual[i - order]}. {@code coeffs} has {@link #MAX_ORDER}
     * entries, zero beyond {@code order}, so the body is one unrolled 8-tap filter.
     *
     * <p>The filter runs on doubles ({@code signalAsDouble} holds the same samples): with
     * coefficients below 2^15 and samples below 2^25 every product and partial sum is an integer
     * below 2^43, so double arithmetic is exact, and fused multiply-adds outrun 64-bit integer
     * multiplies. The sum's integer value is read back from the bits of {@code sum + 1.5 * 2^52}.
     *
     * @return false when a residual leaves +-2^30 (the predictor is then unusable)
     */
    static boolean residual(int[] signal, double[] signalAsDouble, int n, int[] coeffs, int order, int shift,
                            int[] residual) {
        int head = Math.min(n, MAX_ORDER);
        long overflow = 0;
        for (int i = order; i < head; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += (long) coeffs[j] * signal[i - 1 - j];
            }
            long r = signal[i] - (sum >> shift);
            overflow |= (r + 0x40000000L) >>> 31;
            residual[i - order] = (int) r;
        }
        final double[] x = signalAsDouble;
        final double c0 = coeffs[0], c1 = coeffs[1], c2 = coeffs[2], c3 = coeffs[3];
        final double c4 = coeffs[4], c5 = coeffs[5], c6 = coeffs[6], c7 = coeffs[7];
        for (int i = MAX_ORDER; i < n; i++) {
            double sum = c0 * x[i - 1];
            sum = Math.fma(c1, x[i - 2], sum);
            sum = Math.fma(c2, x[i - 3], sum);
            sum = Math.fma(c3, x[i - 4], sum);
            sum = Math.fma(c4, x[i - 5], sum);
            sum = Math.fma(c5, x[i - 6], sum);
            sum = Math.fma(c6, x[i - 7], sum);
            sum = Math.fma(c7, x[i - 8], sum);
            long prediction = (Double.doubleToRawLongBits(sum + MAGIC) - MAGIC_BITS) >> shift;
            long r = signal[i] - prediction;
            overflow |= (r + 0x40000000L) >>> 31;
            residual[i - order] = (int) r;
        }
        return overflow == 0;
    }
}

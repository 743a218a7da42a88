package io.mixfarm.engine.codec.flac;

/**
 * Adds the FIXED or LPC prediction onto residuals already stored in {@code s[order .. n)}.
 *
 * <p>FIXED predictors have integer coefficients and no shift, so int arithmetic that wraps is
 * exact whenever the true sample fits in 32 bits. LPC sums are shifted, so they use longs when
 * the sum could exceed 32 bits.
 */
final class FlacPrediction {

    private FlacPrediction() {
    }

    static void restoreFixed(int[] s, int n, int order) {
        switch (order) {
            case 0:
                break;
            case 1: {
                int a = s[0];
                for (int i = 1; i < n; i++) {
                    a += s[i];
                    s[i] = a;
                }
                break;
            }
            case 2: {
                int b = s[0];
                int a = s[1];
                for (int i = 2; i < n; i++) {
                    int v = s[i] + 2 * a - b;
                    s[i] = v;
                    b = a;
                    a = v;
                }
                break;
            }
            case 3: {
                int c = s[0];
                int b = s[1];
                int a = s[2];
                for (int i = 3; i < n; i++) {
                    int v = s[i] + 3 * (a - b) + c;
                    s[i] = v;
                    c = b;
                    b = a;
                    a = v;
                }
                break;
            }
            case 4: {
                int d = s[0];
                int c = s[1];
                int b = s[2];
                int a = s[3];
                for (int i = 4; i < n; i++) {
                    int v = s[i] + 4 * (a + c) - 6 * b - d;
                    s[i] = v;
                    d = c;
                    c = b;
                    b = a;
                    a = v;
                }
                break;
            }
            default:
                throw new IllegalArgumentException("fixed predictor order " + order);
        }
    }

    /**
     * LPC with 32-bit sums; {@code c[j]} multiplies {@code s[i - order + j]} (oldest first).
     * Orders up to 12 (every libFLAC preset) use unrolled loops.
     */
    static void restoreLpc(int[] s, int n, int[] c, int order, int shift) {
        if (order <= 12) {
            FlacLpcUnrolled.restore(s, n, c, order, shift);
            return;
        }
        for (int i = order; i < n; i++) {
            int base = i - order;
            int sum = 0;
            for (int j = 0; j < order; j++) {
                sum += c[j] * s[base + j];
            }
            s[i] += sum >> shift;
        }
    }

    /** LPC with 64-bit sums, for high bit depths or precisions. */
    static void restoreLpcWide(int[] s, int n, int[] c, int order, int shift) {
        for (int i = order; i < n; i++) {
            int base = i - order;
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += (long) c[j] * s[base + j];
            }
            s[i] += (int) (sum >> shift);
        }
    }

    /** FIXED prediction for 33-bit samples: {@code s[i] = r[i] + prediction}. */
    static void restoreFixedWide(long[] s, int[] r, int n, int order) {
        for (int i = order; i < n; i++) {
            long p;
            switch (order) {
                case 0: p = 0; break;
                case 1: p = s[i - 1]; break;
                case 2: p = 2 * s[i - 1] - s[i - 2]; break;
                case 3: p = 3 * (s[i - 1] - s[i - 2]) + s[i - 3]; break;
                default: p = 4 * (s[i - 1] + s[i - 3]) - 6 * s[i - 2] - s[i - 4]; break;
            }
            s[i] = r[i] + p;
        }
    }

    /** LPC prediction for 33-bit samples: {@code s[i] = r[i] + prediction}. */
    static void restoreLpcLong(long[] s, int[] r, int n, int[] c, int order, int shift) {
        for (int i = order; i < n; i++) {
            int base = i - order;
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += c[j] * s[base + j];
            }
            s[i] = r[i] + (sum >> shift);
        }
    }
}

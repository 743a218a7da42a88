package io.mixfarm.engine.loudness;

/**
 * One channel's K-weighting state: both biquad stages in direct form I, run as one tight loop
 * that returns the sum of squares of the filtered samples (the only thing loudness needs).
 */
final class KWeightingFilter {

    /** State magnitudes below this are flushed to zero (denormals slow the FPU ~100x). */
    private static final double DENORMAL_THRESHOLD = 1e-30;

    private final double sb0, sb1, sb2, sa1, sa2;
    private final double hb0, hb1, hb2, ha1, ha2;
    // stage 1 input history, stage 1 output (= stage 2 input) history, stage 2 output history
    private double x1, x2, u1, u2, y1, y2;

    KWeightingFilter(KWeighting weighting) {
        KWeighting.Stage s = weighting.shelf();
        KWeighting.Stage h = weighting.highPass();
        sb0 = s.b0(); sb1 = s.b1(); sb2 = s.b2(); sa1 = s.a1(); sa2 = s.a2();
        hb0 = h.b0(); hb1 = h.b1(); hb2 = h.b2(); ha1 = h.a1(); ha2 = h.a2();
    }

    /** Filters {@code x[from .. from+length)} and returns the sum of squared outputs. */
    double sumOfSquares(double[] x, int from, int length) {
        double px1 = x1, px2 = x2, pu1 = u1, pu2 = u2, py1 = y1, py2 = y2;
        double sum = 0.0;
        for (int i = from, end = from + length; i < end; i++) {
            double in = x[i];
            // the a1 term last keeps the loop-carried dependency to one multiply and one add
            double u = (sb0 * in + sb1 * px1 + sb2 * px2 - sa2 * pu2) - sa1 * pu1;
            double y = (hb0 * u + hb1 * pu1 + hb2 * pu2 - ha2 * py2) - ha1 * py1;
            px2 = px1;
            px1 = in;
            pu2 = pu1;
            pu1 = u;
            py2 = py1;
            py1 = y;
            sum += y * y;
        }
        x1 = px1; x2 = px2; u1 = pu1; u2 = pu2; y1 = py1; y2 = py2;
        return sum;
    }

    /** Flushes denormal-range state to zero; call once per processed block. */
    void snapDenormals() {
        x1 = snap(x1); x2 = snap(x2); u1 = snap(u1); u2 = snap(u2); y1 = snap(y1); y2 = snap(y2);
    }

    private static double snap(double v) {
        return Math.abs(v) < DENORMAL_THRESHOLD ? 0.0 : v;
    }

    void reset() {
        x1 = x2 = u1 = u2 = y1 = y2 = 0.0;
    }
}

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

    /**
     * {@link #sumOfSquares} of two channels at once, {@code left} and {@code right} being filters
     * of the same weighting: each channel's arithmetic exactly as on its own, in one loop, so that
     * the two recursions' latency chains overlap (one channel's loop is bound by its own chain).
     * The sums go to {@code sums[0]} and {@code sums[1]}.
     */
    static void sumOfSquares(KWeightingFilter left, KWeightingFilter right, double[] xl, double[] xr, int from,
                             int length, double[] sums) {
        double b0 = left.sb0, b1 = left.sb1, b2 = left.sb2, a1 = left.sa1, a2 = left.sa2;
        double c0 = left.hb0, c1 = left.hb1, c2 = left.hb2, d1 = left.ha1, d2 = left.ha2;
        double lx1 = left.x1, lx2 = left.x2, lu1 = left.u1, lu2 = left.u2, ly1 = left.y1, ly2 = left.y2;
        double rx1 = right.x1, rx2 = right.x2, ru1 = right.u1, ru2 = right.u2, ry1 = right.y1, ry2 = right.y2;
        double lsum = 0.0, rsum = 0.0;
        for (int i = from, end = from + length; i < end; i++) {
            double l = xl[i];
            double r = xr[i];
            double lu = (b0 * l + b1 * lx1 + b2 * lx2 - a2 * lu2) - a1 * lu1;
            double ru = (b0 * r + b1 * rx1 + b2 * rx2 - a2 * ru2) - a1 * ru1;
            double ly = (c0 * lu + c1 * lu1 + c2 * lu2 - d2 * ly2) - d1 * ly1;
            double ry = (c0 * ru + c1 * ru1 + c2 * ru2 - d2 * ry2) - d1 * ry1;
            lx2 = lx1;
            lx1 = l;
            lu2 = lu1;
            lu1 = lu;
            ly2 = ly1;
            ly1 = ly;
            rx2 = rx1;
            rx1 = r;
            ru2 = ru1;
            ru1 = ru;
            ry2 = ry1;
            ry1 = ry;
            lsum += ly * ly;
            rsum += ry * ry;
        }
        left.x1 = lx1; left.x2 = lx2; left.u1 = lu1; left.u2 = lu2; left.y1 = ly1; left.y2 = ly2;
        right.x1 = rx1; right.x2 = rx2; right.u1 = ru1; right.u2 = ru2; right.y1 = ry1; right.y2 = ry2;
        sums[0] = lsum;
        sums[1] = rsum;
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

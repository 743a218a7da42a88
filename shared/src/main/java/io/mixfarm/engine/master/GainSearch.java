package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.GatingBlocks;

/**
 * Finds the gain before the limiter that gives a target integrated loudness. The loudness after
 * gain and limiting rises monotonically with the gain; {@link LoudnessCells#predictedLufs}
 * predicts it without rendering, and a correction learned from each real render (measured minus
 * predicted, which changes little with the gain) closes the remaining gap. Where no limiting
 * happens the prediction is exact: loudness = pre-limiter loudness + gain.
 */
final class GainSearch {

    /** Prediction accuracy asked of the solver, LU (far below the render tolerance). */
    private static final double SOLVE_TOLERANCE = 0.002;
    private static final int MAX_EVALUATIONS = 60;

    private final LoudnessCells cells;
    private final LimiterSettings limiter;
    private final double preLufs;
    private final double preTruePeakDbtp;

    GainSearch(SongAnalysis analysis, LimiterSettings limiter) {
        this.cells = analysis.cells();
        this.limiter = limiter;
        this.preLufs = analysis.pre().integratedLufs();
        this.preTruePeakDbtp = analysis.pre().truePeakDbtp();
    }

    /** Whether {@code gainDb} drives the pre-limiter signal's true peak above {@code aimDbtp}. */
    boolean limits(double gainDb, double aimDbtp) {
        return preTruePeakDbtp + gainDb > aimDbtp;
    }

    /** Predicted 400 ms gating blocks after {@code gainDb} and the limiter holding {@code aimDbtp}. */
    GatingBlocks predictedBlocks(double gainDb, double aimDbtp) {
        return cells.predictedBlocks(gainDb, aimDbtp, limiter);
    }

    /** Predicted integrated loudness after {@code gainDb} and the limiter holding {@code aimDbtp}. */
    double predictedLufs(double gainDb, double aimDbtp) {
        return limits(gainDb, aimDbtp) ? cells.predictedLufs(gainDb, aimDbtp, limiter) : preLufs + gainDb;
    }

    /**
     * Predicted loudness the limiter removes at each gain {@code fromGainDb + i * stepDb}, LU (never
     * positive; exactly 0 where the limiter does not act). It is measured against the cells' own
     * unlimited loudness so the cells' small difference from the meter cancels.
     */
    double[] limiterLossDb(double aimDbtp, double fromGainDb, double stepDb, int count) {
        double[] loss = new double[count];
        double unlimited = Double.NaN;
        for (int i = 0; i < count; i++) {
            double gain = fromGainDb + i * stepDb;
            if (!limits(gain, aimDbtp)) {
                continue;
            }
            if (Double.isNaN(unlimited)) {
                unlimited = cells.predictedLufs(0.0, Double.POSITIVE_INFINITY, limiter);
            }
            double limited = cells.predictedLufs(gain, aimDbtp, limiter) - gain;
            loss[i] = limited < unlimited ? limited - unlimited : 0.0;
        }
        return loss;
    }

    /**
     * The gain in [{@code low}, {@code high}] whose predicted loudness plus {@code correction}
     * equals {@code targetLufs}; {@code high} when even that falls short.
     */
    double solve(double targetLufs, double correction, double aimDbtp, double low, double high) {
        return solve(g -> predictedLufs(g, aimDbtp) + correction - targetLufs, low, high);
    }

    /**
     * The root in [{@code low}, {@code high}] of {@code error}, which must rise with its argument;
     * {@code low} or {@code high} when the root lies outside.
     */
    static double solve(java.util.function.DoubleUnaryOperator error, double low, double high) {
        double fLow = error.applyAsDouble(low);
        if (fLow >= 0) {
            return low;
        }
        double fHigh = error.applyAsDouble(high);
        if (fHigh <= 0) {
            return high;
        }
        // Illinois false position: superlinear on smooth curves, never leaves the bracket.
        int side = 0;
        for (int i = 0; i < MAX_EVALUATIONS; i++) {
            double g = (low * fHigh - high * fLow) / (fHigh - fLow);
            double f = error.applyAsDouble(g);
            if (Math.abs(f) <= SOLVE_TOLERANCE || high - low < 1e-6) {
                return g;
            }
            if (f < 0) {
                low = g;
                fLow = f;
                if (side == -1) {
                    fHigh /= 2;
                }
                side = -1;
            } else {
                high = g;
                fHigh = f;
                if (side == 1) {
                    fLow /= 2;
                }
                side = 1;
            }
        }
        return (low + high) / 2;
    }
}

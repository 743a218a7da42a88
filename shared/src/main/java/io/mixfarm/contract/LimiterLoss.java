package io.mixfarm.contract;

import java.util.Arrays;

/**
 * The loudness a song's true-peak limiter is predicted to remove, as a function of the gain
 * before it: {@code lossDb[i]} (LU, never positive) at gain {@code fromGainDb + i * stepDb}. ANALYZE
 * predicts it from the song's millisecond peak and energy summary (too big to travel); the
 * coordinator scales each song's gating blocks by it so the album gain lands on target after the
 * limiters, not only before them.
 *
 * @param fromGainDb gain of the first point, dB
 * @param stepDb     grid spacing, dB (positive)
 * @param lossDb     predicted limiter loss at each grid gain, LU (at least two points)
 */
public record LimiterLoss(double fromGainDb, double stepDb, double[] lossDb) {

    public LimiterLoss {
        Checks.required(lossDb, "LimiterLoss.lossDb");
        if (!(stepDb > 0) || !Double.isFinite(fromGainDb) || lossDb.length < 2) {
            throw new IllegalArgumentException("LimiterLoss needs a finite start, a positive step and at least two "
                    + "points (from " + fromGainDb + ", step " + stepDb + ", " + lossDb.length + " points)");
        }
        for (double loss : lossDb) {
            if (!(loss <= 0)) {
                throw new IllegalArgumentException("LimiterLoss.lossDb has " + loss + "; a loss is never positive");
            }
        }
        lossDb = lossDb.clone();
    }

    /** The loss at {@code gainDb}, linear between grid points and held at the ends. */
    public double at(double gainDb) {
        double x = (gainDb - fromGainDb) / stepDb;
        int last = lossDb.length - 1;
        if (!(x > 0)) {
            return lossDb[0];
        }
        if (x >= last) {
            return lossDb[last];
        }
        int i = (int) x;
        double t = x - i;
        return lossDb[i] + t * (lossDb[i + 1] - lossDb[i]);
    }

    @Override
    public double[] lossDb() {
        return lossDb.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LimiterLoss l && Double.compare(fromGainDb, l.fromGainDb) == 0
                && Double.compare(stepDb, l.stepDb) == 0 && Arrays.equals(lossDb, l.lossDb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(fromGainDb) + Double.hashCode(stepDb)) + Arrays.hashCode(lossDb);
    }

    @Override
    public String toString() {
        return "LimiterLoss[fromGainDb=" + fromGainDb + ", stepDb=" + stepDb + ", lossDb=" + Arrays.toString(lossDb)
                + "]";
    }
}

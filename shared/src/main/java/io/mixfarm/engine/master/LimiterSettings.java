package io.mixfarm.engine.master;

/**
 * Time constants and safety margin of the {@link TruePeakLimiter}.
 *
 * @param lookaheadMs attack: the gain reaches its reduced value over this time, before the peak
 * @param holdMs      the reduced gain is held this long after a peak before releasing
 * @param releaseMs   exponential release time constant
 * @param marginDb    headroom kept below the ceiling (for later sample-rate conversion and for
 *                    meters that interpolate differently); the limiter aims at ceiling − margin
 */
public record LimiterSettings(double lookaheadMs, double holdMs, double releaseMs, double marginDb) {

    /** 3 ms look-ahead, 3 ms hold, 80 ms release, 0.1 dB margin. */
    public static final LimiterSettings DEFAULT = new LimiterSettings(3.0, 3.0, 80.0, 0.1);

    public LimiterSettings {
        if (!(lookaheadMs >= 0.5 && lookaheadMs <= 20)) {
            throw new IllegalArgumentException("lookaheadMs must be in [0.5, 20], was " + lookaheadMs);
        }
        if (!(holdMs >= 0 && holdMs <= 100)) {
            throw new IllegalArgumentException("holdMs must be in [0, 100], was " + holdMs);
        }
        if (!(releaseMs >= 1 && releaseMs <= 2000)) {
            throw new IllegalArgumentException("releaseMs must be in [1, 2000], was " + releaseMs);
        }
        if (!(marginDb >= 0 && marginDb <= 3)) {
            throw new IllegalArgumentException("marginDb must be in [0, 3], was " + marginDb);
        }
    }

    /** These settings with another margin. */
    public LimiterSettings withMarginDb(double newMarginDb) {
        return new LimiterSettings(lookaheadMs, holdMs, releaseMs, newMarginDb);
    }
}

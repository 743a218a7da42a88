package io.mixfarm.engine.dsp;

/** Decibel conversions and the denormal guard shared by the DSP processors. */
public final class Decibels {

    /** Filter state below this magnitude (about −400 dBFS) is snapped to zero once per block. */
    public static final double DENORMAL_GUARD = 1e-20;

    private static final double DB_TO_LOG = Math.log(10.0) / 20.0;

    private Decibels() {
    }

    /** Amplitude gain for a level in dB: 10^(dB/20). */
    public static double toGain(double db) {
        return Math.exp(db * DB_TO_LOG);
    }

    /** Level in dB of an amplitude gain; −∞ for 0. */
    public static double fromGain(double gain) {
        return 20.0 * Math.log10(gain);
    }

    /** Level in dB of a power (energy) ratio; −∞ for 0. */
    public static double fromPower(double power) {
        return 10.0 * Math.log10(power);
    }

    /**
     * Java cannot set flush-to-zero, so recursive state that decays towards zero would enter the
     * slow subnormal range; processors call this on their state once per block.
     */
    public static double snap(double state) {
        return Math.abs(state) < DENORMAL_GUARD ? 0.0 : state;
    }

    /**
     * Per-sample guard for values that circulate in feedback delay memories (where a per-block
     * sweep would cost as much as the processing): adding and removing 1e-20 rounds anything
     * below about 1e-36 to exactly zero and changes larger values by at most 1e-36.
     */
    public static double flushTiny(double x) {
        return (x + DENORMAL_GUARD) - DENORMAL_GUARD;
    }

    static void requireFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
    }

    static void requireSampleRate(double sampleRate) {
        if (!(sampleRate > 0) || !Double.isFinite(sampleRate)) {
            throw new IllegalArgumentException("sampleRate must be positive and finite, was " + sampleRate);
        }
    }

    static void requirePrepareArgs(double sampleRate, int maxBlock, int channels) {
        requireSampleRate(sampleRate);
        if (maxBlock < 1) {
            throw new IllegalArgumentException("maxBlock must be >= 1, was " + maxBlock);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, was " + channels);
        }
    }
}

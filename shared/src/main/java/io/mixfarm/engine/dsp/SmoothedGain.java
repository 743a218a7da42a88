package io.mixfarm.engine.dsp;

/**
 * A gain whose changes are smoothed: a new target is reached by a per-sample linear ramp in dB
 * over a fixed ramp time, so a parameter change never produces a step (zipper/click).
 */
public final class SmoothedGain {

    private final double rampMs;
    private int rampSamples;
    private int channels;
    private double currentDb;
    private double targetDb;
    private double stepDb;
    private int remaining;

    /** A gain starting at {@code initialDb} whose changes take {@code rampMs} milliseconds. */
    public SmoothedGain(double initialDb, double rampMs) {
        Decibels.requireFinite(initialDb, "initialDb");
        if (!(rampMs >= 0) || !Double.isFinite(rampMs)) {
            throw new IllegalArgumentException("rampMs must be >= 0, was " + rampMs);
        }
        this.rampMs = rampMs;
        this.currentDb = initialDb;
        this.targetDb = initialDb;
    }

    public void prepare(double sampleRate, int maxBlock, int channels) {
        Decibels.requirePrepareArgs(sampleRate, maxBlock, channels);
        this.channels = channels;
        this.rampSamples = (int) Math.round(rampMs * sampleRate / 1000.0);
    }

    /** Jumps to the target (no ramp pending). */
    public void reset() {
        currentDb = targetDb;
        remaining = 0;
    }

    /** Starts a ramp from the current gain to {@code gainDb}. */
    public void setTargetDb(double gainDb) {
        Decibels.requireFinite(gainDb, "gainDb");
        targetDb = gainDb;
        if (rampSamples == 0) {
            currentDb = gainDb;
            remaining = 0;
        } else {
            remaining = rampSamples;
            stepDb = (targetDb - currentDb) / rampSamples;
        }
    }

    public double currentDb() {
        return currentDb;
    }

    /** Applies the (ramping) gain to {@code frames} frames in place. */
    public void process(double[][] buffer, int frames) {
        int i = 0;
        while (i < frames && remaining > 0) {
            remaining--;
            // Computed from the target so the ramp ends exactly on it.
            currentDb = targetDb - remaining * stepDb;
            applyFrame(buffer, i, Decibels.toGain(currentDb));
            i++;
        }
        if (i < frames) {
            double gain = Decibels.toGain(currentDb);
            for (int ch = 0; ch < channels; ch++) {
                double[] x = buffer[ch];
                for (int j = i; j < frames; j++) {
                    x[j] *= gain;
                }
            }
        }
    }

    private void applyFrame(double[][] buffer, int i, double gain) {
        for (int ch = 0; ch < channels; ch++) {
            buffer[ch][i] *= gain;
        }
    }
}

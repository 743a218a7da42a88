package io.mixfarm.engine.dsp;

import java.util.Arrays;

/**
 * Integer-sample delay per channel, for latency compensation: output = input delayed by exactly
 * the set number of frames (zeros before the first input arrives). Changing a delay takes effect
 * at the next block; the read point jumps, so change it only between renders or in silence.
 */
public final class DelayLine {

    private final int maxDelay;
    private double[][] rings = new double[0][];
    private int[] delays = new int[0];
    private int writePos;

    /** A delay line that can delay by up to {@code maxDelayFrames}. */
    public DelayLine(int maxDelayFrames) {
        if (maxDelayFrames < 0) {
            throw new IllegalArgumentException("maxDelayFrames must be >= 0, was " + maxDelayFrames);
        }
        this.maxDelay = maxDelayFrames;
    }

    public void prepare(double sampleRate, int maxBlock, int channels) {
        Decibels.requirePrepareArgs(sampleRate, maxBlock, channels);
        int[] kept = delays;
        rings = new double[channels][maxDelay + 1];
        delays = Arrays.copyOf(kept, channels);
        writePos = 0;
    }

    /** Sets every channel's delay. */
    public void setDelay(int frames) {
        for (int ch = 0; ch < delays.length; ch++) {
            setDelay(ch, frames);
        }
    }

    /** Sets one channel's delay (after {@link #prepare}). */
    public void setDelay(int channel, int frames) {
        if (frames < 0 || frames > maxDelay) {
            throw new IllegalArgumentException("delay must be in [0, " + maxDelay + "], was " + frames);
        }
        delays[channel] = frames;
    }

    public int delay(int channel) {
        return delays[channel];
    }

    public void reset() {
        for (double[] r : rings) {
            Arrays.fill(r, 0);
        }
        writePos = 0;
    }

    /** Delays {@code frames} frames of every prepared channel in place. */
    public void process(double[][] buffer, int frames) {
        int size = maxDelay + 1;
        for (int ch = 0; ch < rings.length; ch++) {
            double[] ring = rings[ch];
            double[] x = buffer[ch];
            int w = writePos;
            int r = w - delays[ch];
            if (r < 0) {
                r += size;
            }
            for (int i = 0; i < frames; i++) {
                ring[w] = x[i];
                x[i] = ring[r];
                if (++w == size) {
                    w = 0;
                }
                if (++r == size) {
                    r = 0;
                }
            }
        }
        writePos = (int) ((writePos + (long) frames) % size);
    }
}

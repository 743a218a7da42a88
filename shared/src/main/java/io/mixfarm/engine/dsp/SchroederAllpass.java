package io.mixfarm.engine.dsp;

import java.util.Arrays;

/** Schroeder all-pass H(z) = (−g + z^−m) / (1 − g·z^−m): smears an impulse into a dense burst. */
final class SchroederAllpass {

    private final double[] buffer;
    private final double gain;
    private int pos;

    SchroederAllpass(int length, double gain) {
        this.buffer = new double[length];
        this.gain = gain;
    }

    double process(double x) {
        double delayed = buffer[pos];
        double w = Decibels.flushTiny(x + gain * delayed);
        buffer[pos] = w;
        if (++pos == buffer.length) {
            pos = 0;
        }
        return delayed - gain * w;
    }

    void reset() {
        Arrays.fill(buffer, 0);
        pos = 0;
    }
}

package io.mixfarm.engine.mix;

import java.util.SplittableRandom;

/** Deterministic test signals. */
final class Signals {
    private Signals() {
    }

    static double[] sine(int frames, double freq, double amplitude, double sampleRate) {
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * freq * i / sampleRate);
        }
        return x;
    }

    static double[] noise(int frames, double amplitude, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = amplitude * (2 * random.nextDouble() - 1);
        }
        return x;
    }

    static double[] impulse(int frames, int at, double amplitude) {
        double[] x = new double[frames];
        x[at] = amplitude;
        return x;
    }

    static double[] constant(int frames, double value) {
        double[] x = new double[frames];
        java.util.Arrays.fill(x, value);
        return x;
    }

    /** Level in dB of the residual {@code a − b} relative to the RMS of {@code b}. */
    static double residualDb(double[] a, double[] b) {
        double err = 0;
        double ref = 0;
        for (int i = 0; i < b.length; i++) {
            double d = a[i] - b[i];
            err += d * d;
            ref += b[i] * b[i];
        }
        return 10 * Math.log10(err / ref);
    }
}

package io.mixfarm.engine.loudness;

import java.util.Random;

/**
 * Seeded synthetic programme material for cross-checks: filtered noise, music-like textures
 * with envelopes and sections, gaps, sweeps, clicks. All planar, full scale ±1.0.
 */
final class SyntheticProgrammes {

    private SyntheticProgrammes() {
    }

    static double dbToGain(double db) {
        return Math.pow(10, db / 20);
    }

    static double[] whiteNoise(Random random, int frames, double rms) {
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = rms * random.nextGaussian();
        }
        return x;
    }

    /** Noise with a -3 dB/octave slope (Voss-like sum of one-pole low-passes), scaled to {@code rms}. */
    static double[] pinkNoise(Random random, int frames, double rms, int rate) {
        double[] x = new double[frames];
        double[] corners = {40, 160, 640, 2560, 10240};
        double[] state = new double[corners.length];
        for (int i = 0; i < frames; i++) {
            double white = random.nextGaussian();
            double sum = 0;
            for (int k = 0; k < corners.length; k++) {
                double a = Math.exp(-2 * Math.PI * corners[k] / rate);
                state[k] = a * state[k] + (1 - a) * white * Math.sqrt(corners[k] / 40.0);
                sum += state[k];
            }
            x[i] = sum + 0.05 * white;
        }
        return scaleToRms(x, rms);
    }

    static double[] scaleToRms(double[] x, double rms) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        double g = sum == 0 ? 0 : rms / Math.sqrt(sum / x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] *= g;
        }
        return x;
    }

    /** RBJ cookbook biquad, direct form I, applied in place; returns {@code x}. */
    static double[] biquad(double[] x, String type, double f0, double q, int rate) {
        double w = 2 * Math.PI * f0 / rate, alpha = Math.sin(w) / (2 * q), cos = Math.cos(w);
        double b0, b1, b2, a0 = 1 + alpha, a1 = -2 * cos, a2 = 1 - alpha;
        switch (type) {
            case "lowpass" -> { b0 = (1 - cos) / 2; b1 = 1 - cos; b2 = (1 - cos) / 2; }
            case "highpass" -> { b0 = (1 + cos) / 2; b1 = -(1 + cos); b2 = (1 + cos) / 2; }
            case "bandpass" -> { b0 = alpha; b1 = 0; b2 = -alpha; }
            default -> throw new IllegalArgumentException(type);
        }
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double y = (b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1; x1 = in; y2 = y1; y1 = y;
            x[i] = y;
        }
        return x;
    }

    static double[] bandNoise(Random random, int frames, double low, double high, double rms, int rate) {
        double[] x = whiteNoise(random, frames, 1.0);
        for (int pass = 0; pass < 2; pass++) {
            biquad(x, "highpass", low, 0.707, rate);
            biquad(x, "lowpass", high, 0.707, rate);
        }
        return scaleToRms(x, rms);
    }

    /**
     * A music-like texture: kick-like thumps and hats on a beat, a bass line, a pad of filtered
     * noise and a vibrato melody; sections change level by {@code sectionDb} (verse/chorus).
     */
    static double[] musicLike(Random random, int frames, int rate, double bpm, double[] sectionDb) {
        double[] x = new double[frames];
        double beat = 60.0 / bpm;
        double[] pad = bandNoise(random, frames, 300, 3000, 0.05, rate);
        double[] hats = bandNoise(random, frames, 6000, Math.min(16000, 0.4 * rate), 0.08, rate);
        double melodyPhase = 0;
        double bassPhase = 0;
        double[] scale = {0, 2, 4, 7, 9, 12};
        int note = 0;
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            double inBeat = (t % beat) / beat;
            double section = sectionDb[(int) (t / (frames / (double) rate) * sectionDb.length) % sectionDb.length];
            if (i % (rate / 4) == 0) {
                note = random.nextInt(scale.length);
            }
            double melodyHz = 440 * Math.pow(2, scale[note] / 12.0) * (1 + 0.004 * Math.sin(2 * Math.PI * 5.5 * t));
            melodyPhase += 2 * Math.PI * melodyHz / rate;
            bassPhase += 2 * Math.PI * (55 * (1 + (int) (t / (4 * beat)) % 3 * 0.25)) / rate;
            double kick = Math.exp(-inBeat * 18) * Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-inBeat * 30)) * inBeat * beat);
            double hatEnv = Math.exp(-((t + beat / 2) % beat) / beat * 25);
            double v = 0.35 * kick + 0.2 * Math.sin(bassPhase) * (0.6 + 0.4 * Math.exp(-inBeat * 4))
                    + pad[i] * (0.7 + 0.3 * Math.sin(2 * Math.PI * 0.1 * t))
                    + hats[i] * hatEnv + 0.08 * Math.sin(melodyPhase);
            x[i] = v * dbToGain(section);
        }
        return x;
    }

    /** An exponential sine sweep from {@code f1} to {@code f2} Hz. */
    static double[] sweep(int frames, int rate, double f1, double f2, double amplitude) {
        double[] x = new double[frames];
        double seconds = (double) frames / rate;
        double k = Math.log(f2 / f1);
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            x[i] = amplitude * Math.sin(2 * Math.PI * f1 * seconds / k * (Math.exp(t / seconds * k) - 1));
        }
        return x;
    }

    /** Multiplies {@code x} by a gain envelope given as (seconds, dB) breakpoints, linear in dB. */
    static double[] envelope(double[] x, int rate, double[][] breakpoints) {
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / rate;
            double db = breakpoints[breakpoints.length - 1][1];
            for (int k = 0; k + 1 < breakpoints.length; k++) {
                if (t >= breakpoints[k][0] && t < breakpoints[k + 1][0]) {
                    double u = (t - breakpoints[k][0]) / (breakpoints[k + 1][0] - breakpoints[k][0]);
                    db = breakpoints[k][1] + u * (breakpoints[k + 1][1] - breakpoints[k][1]);
                }
            }
            x[i] *= dbToGain(db);
        }
        return x;
    }

    /** Zeroes {@code [from, to)} seconds. */
    static double[] gap(double[] x, int rate, double from, double to) {
        for (int i = (int) (from * rate); i < Math.min(x.length, (int) (to * rate)); i++) {
            x[i] = 0;
        }
        return x;
    }
}

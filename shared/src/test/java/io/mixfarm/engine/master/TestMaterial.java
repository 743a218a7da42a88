package io.mixfarm.engine.master;

import java.util.Random;

/**
 * The synthesized corpus of the accuracy tests: stereo material of very different character,
 * each deterministic (seeded).
 */
final class TestMaterial {

    private TestMaterial() {
    }

    enum Kind { DENSE, SPARSE_PERCUSSIVE, VERY_QUIET, VERY_DYNAMIC, PRE_CLIPPED, DC_OFFSET, MONO_IN_STEREO }

    static double[][] make(Kind kind, int fs, double seconds, long seed) {
        int n = (int) (fs * seconds);
        Random random = new Random(seed);
        double[][] x = new double[2][n];
        switch (kind) {
            case DENSE -> noiseMusic(x, fs, random, 0.25);
            case SPARSE_PERCUSSIVE -> drums(x, fs, random);
            case VERY_QUIET -> {
                noiseMusic(x, fs, random, 0.25);
                scale(x, Math.pow(10, -40 / 20.0));
            }
            case VERY_DYNAMIC -> {
                noiseMusic(x, fs, random, 0.25);
                for (int i = 0; i < n; i++) {
                    double section = (i / (fs * 4)) % 3; // 4 s sections: pp, mf, ff
                    double g = section == 0 ? 0.02 : section == 1 ? 0.15 : 1.0;
                    x[0][i] *= g;
                    x[1][i] *= g;
                }
            }
            case PRE_CLIPPED -> {
                noiseMusic(x, fs, random, 0.25);
                scale(x, 6.0);
                for (double[] ch : x) {
                    for (int i = 0; i < n; i++) {
                        ch[i] = Math.max(-1.0, Math.min(1.0, ch[i]));
                    }
                }
            }
            case DC_OFFSET -> {
                noiseMusic(x, fs, random, 0.25);
                for (double[] ch : x) {
                    for (int i = 0; i < n; i++) {
                        ch[i] += 0.05; // −26 dBFS of DC: it adds to every peak but not to loudness
                    }
                }
            }
            case MONO_IN_STEREO -> {
                noiseMusic(x, fs, random, 0.25);
                System.arraycopy(x[0], 0, x[1], 0, n);
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
        return x;
    }

    /** Chords of decaying partials over filtered noise, with a slow swell. */
    private static void noiseMusic(double[][] x, int fs, Random random, double level) {
        int n = x[0].length;
        double[] freqs = {110, 164.8, 220, 277.2, 329.6, 440, 659.3, 880, 1318.5, 2637};
        double lowL = 0, lowR = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / fs;
            double beat = t % 0.5;
            double env = Math.exp(-beat * 6);
            double tonal = 0;
            for (int k = 0; k < freqs.length; k++) {
                tonal += Math.sin(2 * Math.PI * freqs[k] * t + k) / (k + 1);
            }
            lowL += 0.2 * (random.nextGaussian() - lowL);
            lowR += 0.2 * (random.nextGaussian() - lowR);
            double swell = 0.7 + 0.3 * Math.sin(2 * Math.PI * 0.1 * t);
            x[0][i] = level * swell * (0.5 * env * tonal + 0.5 * lowL + 0.05 * random.nextGaussian());
            x[1][i] = level * swell * (0.5 * env * tonal + 0.5 * lowR + 0.05 * random.nextGaussian());
        }
    }

    /** Kicks and snares, silence between. */
    private static void drums(double[][] x, int fs, Random random) {
        int n = x[0].length;
        int step = fs / 4;
        for (int start = 0; start < n; start += step) {
            boolean kick = (start / step) % 2 == 0;
            int length = Math.min(n - start, fs / 5);
            for (int i = 0; i < length; i++) {
                double t = (double) i / fs;
                double v = kick ? 0.9 * Math.sin(2 * Math.PI * (50 + 100 * Math.exp(-t * 30)) * t) * Math.exp(-t * 12)
                        : 0.5 * random.nextGaussian() * Math.exp(-t * 25);
                x[0][start + i] = v;
                x[1][start + i] = kick ? v : 0.8 * v;
            }
        }
    }

    private static void scale(double[][] x, double g) {
        for (double[] ch : x) {
            for (int i = 0; i < ch.length; i++) {
                ch[i] *= g;
            }
        }
    }
}

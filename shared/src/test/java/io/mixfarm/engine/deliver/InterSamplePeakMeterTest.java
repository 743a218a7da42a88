package io.mixfarm.engine.deliver;

import io.mixfarm.engine.loudness.TruePeakInterpolator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meter's vectorized full chunks and per-thread scratch read exactly, bit for bit, what the
 * straightforward implementation it replaced reads ({@link Reference}, kept here as the oracle),
 * whatever the blocks, the rate, and other meters sharing the thread.
 */
class InterSamplePeakMeterTest {

    @Test
    void readsTheSamePeakAsTheReferenceBitForBit() {
        for (int rate : new int[] {8_000, 44_100, 96_000, 192_000}) {
            for (int block : new int[] {4096, 256, 100, 1, 7919}) {
                double[][] x = signal(rate + block, rate + 333);
                InterSamplePeakMeter meter = new InterSamplePeakMeter(rate, 2);
                InterSamplePeakMeter other = new InterSamplePeakMeter(rate, 2); // shares the thread's scratch
                Reference reference = new Reference(rate, 2);
                for (int at = 0; at < x[0].length; at += block) {
                    int n = Math.min(block, x[0].length - at);
                    double[][] b = {Arrays.copyOfRange(x[0], at, at + n), Arrays.copyOfRange(x[1], at, at + n)};
                    meter.process(b, n);
                    other.process(new double[][] {b[1], b[0]}, n);
                    reference.process(b, n);
                }
                meter.finish();
                reference.finish();
                String what = rate + " Hz in blocks of " + block;
                assertEquals(Double.doubleToLongBits(reference.peak), Double.doubleToLongBits(meter.peak()), what);
                assertTrue(meter.peak() > maxAbs(x), what + ": an inter-sample peak above the samples");
            }
        }
    }

    /** Near-Nyquist tones in bursts over noise: inter-sample overs, and quiet stretches the bound skips. */
    private static double[][] signal(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[2][n];
        for (int i = 0; i < n; i++) {
            double level = (i / 1500) % 4 == 1 ? 0.9 : 0.05;
            x[0][i] = level * (0.7 * Math.sin(Math.PI * 0.91 * i) + 0.3 * (random.nextDouble() - 0.5));
            x[1][i] = level * (0.7 * Math.sin(Math.PI * 0.87 * i + 1) + 0.3 * (random.nextDouble() - 0.5));
        }
        return x;
    }

    private static double maxAbs(double[][] x) {
        double max = 0;
        for (double[] channel : x) {
            for (double v : channel) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    /** The meter as it was before full chunks were vectorized: every chunk through one loop. */
    private static final class Reference {
        private static final int TAPS = 32;
        private static final int CHUNK = 256;
        private final double[][] phases;
        private final double maxGain;
        private final double[][] work;
        private final double[] acc = new double[CHUNK];
        private double peak;

        Reference(int sampleRate, int channels) {
            int factor = sampleRate < 96_000 ? 8 : sampleRate < 192_000 ? 4 : 2;
            TruePeakInterpolator interpolator = TruePeakInterpolator.withFactor(factor, TAPS);
            phases = new double[factor - 1][];
            for (int p = 1; p < factor; p++) {
                phases[p - 1] = interpolator.phase(p);
            }
            maxGain = interpolator.maxGain();
            work = new double[channels][TAPS - 1 + CHUNK];
        }

        void process(double[][] block, int frames) {
            for (int c = 0; c < work.length; c++) {
                processChannel(work[c], block[c], frames);
            }
        }

        void finish() {
            for (double[] w : work) {
                processChannel(w, new double[TAPS], TAPS);
            }
        }

        private void processChannel(double[] w, double[] x, int length) {
            int history = TAPS - 1;
            for (int done = 0; done < length; ) {
                int n = Math.min(CHUNK, length - done);
                System.arraycopy(x, done, w, history, n);
                double chunkPeak = maxAbs(w, history, n);
                peak = Math.max(peak, chunkPeak);
                double reach = Math.max(chunkPeak, maxAbs(w, 0, history));
                if (reach * maxGain > peak) {
                    for (double[] c : phases) {
                        Arrays.fill(acc, 0, n, 0.0);
                        for (int j = 0; j < TAPS; j += 4) {
                            for (int i = 0; i < n; i++) {
                                acc[i] += c[j] * w[i + j] + c[j + 1] * w[i + j + 1] + c[j + 2] * w[i + j + 2]
                                        + c[j + 3] * w[i + j + 3];
                            }
                        }
                        peak = Math.max(peak, maxAbs(acc, 0, n));
                    }
                }
                System.arraycopy(w, n, w, 0, history);
                done += n;
            }
        }

        private static double maxAbs(double[] x, int from, int length) {
            double max = 0.0;
            for (int i = from; i < from + length; i++) {
                max = Math.max(max, Math.abs(x[i]));
            }
            return max;
        }
    }
}

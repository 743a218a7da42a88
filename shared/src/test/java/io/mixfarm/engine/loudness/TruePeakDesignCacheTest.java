package io.mixfarm.engine.loudness;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared interpolator designs and the per-thread scratch of the peak detectors change no
 * bit of any result: shared designs equal fresh ones coefficient for coefficient, and detectors
 * that share a thread's scratch, chunk after chunk, read what each reads alone.
 */
class TruePeakDesignCacheTest {

    @Test
    void sharedDesignsAreTheFreshDesignsBitForBit() {
        for (int factor = 1; factor <= 16; factor++) {
            for (int taps = 8; taps <= TruePeakInterpolator.MAX_TAPS_PER_PHASE; taps += 8) {
                TruePeakInterpolator shared = TruePeakInterpolator.withFactor(factor, taps);
                TruePeakInterpolator fresh = TruePeakInterpolator.design(factor, taps);
                assertSame(shared, TruePeakInterpolator.withFactor(factor, taps), "made once");
                assertEquals(fresh.factor(), shared.factor());
                assertEquals(fresh.tapsPerPhase(), shared.tapsPerPhase());
                assertEquals(Double.doubleToLongBits(fresh.maxGain()), Double.doubleToLongBits(shared.maxGain()));
                for (int p = 1; p < factor; p++) {
                    assertArrayEquals(fresh.phase(p), shared.phase(p), 0.0, factor + "x, " + taps + " taps, phase " + p);
                }
            }
        }
    }

    @Test
    void aSharedDesignAndScratchReadTheSameTruePeakAsAFreshDesignAlone() {
        double[] a = signal(1, 48_000 * 3 + 77);
        double[] b = signal(2, 48_000 * 2 + 5);
        double aloneA = truePeak(new ChannelPeakDetector(TruePeakInterpolator.design(4, 32)), a);
        double aloneB = truePeak(new ChannelPeakDetector(TruePeakInterpolator.design(4, 32)), b);
        assertTrue(aloneA > maxAbs(a), "inter-sample overs are found: " + aloneA + " vs " + maxAbs(a));

        // Two detectors on one thread, fed in turn in odd-sized blocks: the scratch holds the
        // other detector's chunk between calls.
        ChannelPeakDetector sharedA = new ChannelPeakDetector(TruePeakInterpolator.forSampleRate(48_000));
        ChannelPeakDetector sharedB = new ChannelPeakDetector(TruePeakInterpolator.forSampleRate(48_000));
        int block = 333;
        for (int at = 0; at < Math.max(a.length, b.length); at += block) {
            if (at < a.length) {
                sharedA.process(a, at, Math.min(block, a.length - at));
            }
            if (at < b.length) {
                sharedB.process(b, at, Math.min(block, b.length - at));
            }
        }
        assertEquals(Double.doubleToLongBits(aloneA), Double.doubleToLongBits(sharedA.truePeak()));
        assertEquals(Double.doubleToLongBits(aloneB), Double.doubleToLongBits(sharedB.truePeak()));
    }

    @Test
    void metersOnSeveralThreadsAgreeBitForBit() throws Exception {
        double[][] x = {signal(3, 44_100 * 4), signal(4, 44_100 * 4)};
        LoudnessMeter reference = new LoudnessMeter(44_100, 2);
        reference.process(x, x[0].length);
        double expected = reference.truePeakDbtp();
        Thread[] threads = new Thread[3];
        double[] found = new double[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = new Thread(() -> {
                for (int round = 0; round < 5; round++) {
                    LoudnessMeter meter = new LoudnessMeter(44_100, 2);
                    for (int at = 0; at < x[0].length; at += 1000 + index) {
                        int n = Math.min(1000 + index, x[0].length - at);
                        meter.process(new double[][] {java.util.Arrays.copyOfRange(x[0], at, at + n),
                                java.util.Arrays.copyOfRange(x[1], at, at + n)}, n);
                    }
                    found[index] = meter.truePeakDbtp();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (double f : found) {
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(f));
        }
    }

    private static double truePeak(ChannelPeakDetector detector, double[] x) {
        detector.process(x, 0, x.length);
        return detector.truePeak();
    }

    /** Noise bursts with near-Nyquist tones, so that the inter-sample peak exceeds the sample peak. */
    private static double[] signal(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double burst = (i / 4000) % 3 == 0 ? 0.7 : 0.1;
            x[i] = burst * (0.6 * Math.sin(Math.PI * 0.93 * i + seed) + 0.3 * (random.nextDouble() - 0.5));
        }
        return x;
    }

    private static double maxAbs(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}

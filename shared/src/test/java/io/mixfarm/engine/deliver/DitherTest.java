package io.mixfarm.engine.deliver;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statistics of the requantizer: TPDF shape, signal-independent error moments, spectra. */
class DitherTest {
    private static final int N = 1 << 20;
    private static final double LSB16 = 1.0 / 32768;

    @Test
    void ditherValuesAreTriangularOverPlusMinusOneLsb() {
        int bins = 20;
        long[] histogram = new long[bins];
        long state = 12345;
        double sum = 0;
        for (int i = 0; i < N; i++) {
            state += 0x9E3779B97F4A7C15L;
            double d = Dither.triangular(Dither.mix(state));
            assertTrue(d > -1 && d < 1);
            sum += d;
            histogram[(int) ((d + 1) / 2 * bins)]++;
        }
        assertEquals(0, sum / N, 0.003, "mean");
        for (int b = 0; b < bins; b++) {
            double lo = -1 + 2.0 * b / bins;
            double hi = lo + 2.0 / bins;
            double expected = N * (cdf(hi) - cdf(lo));
            // Binomial standard deviation is under 500 here; 5 sigma.
            assertEquals(expected, histogram[b], 5 * Math.sqrt(expected), "bin " + b + " [" + lo + ", " + hi + ")");
        }
    }

    private static double cdf(double x) {
        return x < 0 ? (1 + x) * (1 + x) / 2 : 1 - (1 - x) * (1 - x) / 2;
    }

    /**
     * The defining property of TPDF: mean and power of the total error are the same whatever the
     * signal's position between two steps (0 and LSB²/4). Plain rounding fails both.
     */
    @Test
    void totalErrorHasNoDcAndSignalIndependentPower() {
        for (double offset : new double[] {0.0, 0.1, 0.25, 0.5, 0.75, 0.9}) {
            double[] e = error(DitherMode.TPDF, constant(offset * LSB16), 44_100);
            assertEquals(0.0, mean(e), 0.003, "mean error in LSB at offset " + offset);
            assertEquals(0.25, meanSquare(e), 0.004, "error power in LSB² at offset " + offset);
        }
        double[] rounded = error(DitherMode.NONE, constant(0.25 * LSB16), 44_100);
        assertEquals(-0.25, mean(rounded), 1e-12, "rounding leaves the offset as a DC error");
    }

    @Test
    void errorIsUncorrelatedWithTheSignal() {
        double[] x = sine(997, 3 * LSB16, 44_100);
        double[] e = error(DitherMode.TPDF, x, 44_100);
        assertTrue(Math.abs(correlation(x, e)) < 0.005, "correlation " + correlation(x, e));
        double[] r = error(DitherMode.NONE, x, 44_100);
        assertTrue(Math.abs(correlation(x, r)) > 0.05, "rounding error is correlated: " + correlation(x, r));
    }

    /** A −100 dBFS tone is below half an LSB at 16 bits: rounding erases it, TPDF keeps it. */
    @Test
    void minus100DbfsSineSurvivesDitherAndVanishesWhenRounded() {
        double amplitude = Math.pow(10, -100 / 20.0);
        double[] x = sine(1000, amplitude, 48_000);
        double[] dithered = run(DitherMode.TPDF, x, 48_000);
        assertEquals(-100, 20 * Math.log10(Psd.toneAmplitude(dithered, 1000, 48_000)), 0.5);
        double[] psd = Psd.welch(dithered, 1 << 14);
        double tone = psd[(int) Math.round(1000.0 * (1 << 14) / 48_000)];
        double floor = Psd.bandPower(psd, 2000, 20_000, 48_000) / (18_000.0 * (1 << 14) / 48_000);
        assertTrue(Psd.db(tone / floor) > 15, "tone stands " + Psd.db(tone / floor) + " dB above the floor");
        double[] rounded = run(DitherMode.NONE, x, 48_000);
        assertEquals(0.0, maxAbs(rounded), 0.0, "rounding turns it into silence");
    }

    /** Rounding a 0.7 LSB tone makes odd harmonics; with TPDF they are gone into the noise. */
    @Test
    void truncationDistortionIsGoneWithDither() {
        double amplitude = 0.7 * LSB16;
        double[] x = sine(1000, amplitude, 48_000);
        double[] rounded = run(DitherMode.NONE, x, 48_000);
        double[] dithered = run(DitherMode.TPDF, x, 48_000);
        double thirdRounded = Psd.toneAmplitude(rounded, 3000, 48_000);
        double thirdDithered = Psd.toneAmplitude(dithered, 3000, 48_000);
        assertTrue(20 * Math.log10(thirdRounded / amplitude) > -12, "rounded 3rd harmonic "
                + 20 * Math.log10(thirdRounded / amplitude) + " dB");
        assertTrue(20 * Math.log10(thirdDithered / amplitude) < -45, "dithered 3rd harmonic "
                + 20 * Math.log10(thirdDithered / amplitude) + " dB");
        assertEquals(amplitude, Psd.toneAmplitude(dithered, 1000, 48_000), amplitude * 0.03, "fundamental kept");
    }

    @Test
    void fWeightedShapingFollowsItsNoiseTransferFunction() {
        checkShape(44_100, 9);
        checkShape(48_000, 9);
        checkShape(96_000, 2);
    }

    private static void checkShape(int rate, int order) {
        double[] c = NoiseShapingFilter.coefficients(rate);
        assertEquals(order, c.length);
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = random.nextDouble(-20, 20) * LSB16; // busy low-level signal: the error is white before shaping
        }
        double[] flat = Psd.welch(error(DitherMode.TPDF, x, rate), 4096);
        double[] shaped = Psd.welch(error(DitherMode.TPDF_SHAPED, x, rate), 4096);
        double[][] bands = {{500, 1500}, {2000, 5000}, {8000, 10_000}, {18_000, 20_000}};
        for (double[] band : bands) {
            double measured = Psd.db(Psd.bandPower(shaped, band[0], band[1], rate)
                    / Psd.bandPower(flat, band[0], band[1], rate));
            double expected = Psd.db(meanGain(c, band[0], band[1], rate));
            assertEquals(expected, measured, 0.5, rate + " Hz, band " + band[0] + "-" + band[1] + " Hz");
        }
        double mid = Psd.db(Psd.bandPower(shaped, 2000, 5000, rate) / Psd.bandPower(flat, 2000, 5000, rate));
        assertTrue(mid < (rate < 64_000 ? -10 : -15), rate + " Hz: 2-5 kHz noise only " + mid + " dB below flat TPDF");
    }

    private static double meanGain(double[] c, double lo, double hi, double rate) {
        double sum = 0;
        int n = 200;
        for (int i = 0; i < n; i++) {
            sum += NoiseShapingFilter.powerGain(c, lo + (hi - lo) * (i + 0.5) / n, rate);
        }
        return sum / n;
    }

    /** Error feedback stays bounded even when a full-scale square wave saturates every other sample. */
    @Test
    void shapingLoopIsStableThroughClipping() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = (i / 50) % 2 == 0 ? 1.2 : -1.2;
        }
        x[N / 2] = 0.0;
        Dither dither = new Dither(DitherMode.TPDF_SHAPED, 16);
        dither.prepare(44_100, N, 1);
        double[][] block = {x.clone()};
        dither.process(block, N);
        assertEquals(N - 1, dither.clippedSamples());
        double bound = (1 + sumAbs(NoiseShapingFilter.coefficients(44_100))) * 1.5;
        double[] y = new double[1000];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextDouble(-0.9, 0.9);
        }
        double[][] after = {y.clone()};
        dither.process(after, y.length); // the loop recovers right after the clipping stops
        for (int i = 0; i < y.length; i++) {
            assertTrue(Math.abs(after[0][i] - y[i]) * 32768 <= bound, "error at " + i);
        }
    }

    @Test
    void outputIsOnTheGridDeterministicAndResetRestarts() {
        double[] x = sine(440, 0.5, 44_100);
        for (DitherMode mode : DitherMode.values()) {
            for (int bits : new int[] {16, 24}) {
                double[] a = runBits(mode, x, 44_100, bits);
                double[] b = runBits(mode, x, 44_100, bits);
                assertArrayEquals(a, b, 0.0, mode + " is reproducible");
                double scale = 1L << (bits - 1);
                for (double v : a) {
                    assertEquals(Math.rint(v * scale), v * scale, 0.0, "on the " + bits + "-bit grid");
                }
            }
        }
        Dither d = new Dither(DitherMode.TPDF, 16);
        d.prepare(44_100, 64, 2);
        double[][] first = {new double[64], new double[64]};
        d.process(first, 64);
        d.reset();
        double[][] again = {new double[64], new double[64]};
        d.process(again, 64);
        assertArrayEquals(first[0], again[0], 0.0);
        assertTrue(!java.util.Arrays.equals(first[0], first[1]), "channels get independent dither");
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThrows(IllegalArgumentException.class, () -> new Dither(DitherMode.TPDF, 32));
        Dither shaped = new Dither(DitherMode.TPDF_SHAPED, 16);
        assertThrows(IllegalArgumentException.class, () -> shaped.prepare(32_000, 64, 2));
    }

    // --- helpers ---

    private static double[] run(DitherMode mode, double[] x, int rate) {
        return runBits(mode, x, rate, 16);
    }

    private static double[] runBits(DitherMode mode, double[] x, int rate, int bits) {
        Dither dither = new Dither(mode, bits);
        int block = 1000;
        dither.prepare(rate, block, 1);
        double[] y = x.clone();
        double[][] piece = {new double[block]};
        for (int at = 0; at < y.length; at += block) {
            int n = Math.min(block, y.length - at);
            System.arraycopy(y, at, piece[0], 0, n);
            dither.process(piece, n);
            System.arraycopy(piece[0], 0, y, at, n);
        }
        return y;
    }

    /** Output minus input, in 16-bit LSB. */
    private static double[] error(DitherMode mode, double[] x, int rate) {
        double[] y = run(mode, x, rate);
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            e[i] = (y[i] - x[i]) * 32768;
        }
        return e;
    }

    private static double[] constant(double value) {
        double[] x = new double[N];
        java.util.Arrays.fill(x, value);
        return x;
    }

    static double[] sine(double freq, double amplitude, double rate) {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * freq * i / rate);
        }
        return x;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double meanSquare(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s / x.length;
    }

    private static double correlation(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double sumAbs(double[] c) {
        double s = 0;
        for (double v : c) {
            s += Math.abs(v);
        }
        return s;
    }
}

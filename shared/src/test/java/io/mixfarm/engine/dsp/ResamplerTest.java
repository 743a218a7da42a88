package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Band-limited resampling: passband flatness, stopband/image rejection, latency, streaming.
 * Tone levels are measured by a least-squares sinusoid fit over one second of steady output; the
 * fit's residual is everything that is not the tone (aliases, images, noise).
 */
class ResamplerTest {

    private static final double AMPLITUDE = 0.5;

    /** Runs {@code input} through a fresh resampler in blocks cycling through {@code blocks}, then flushes. */
    static double[][] convert(int inRate, int outRate, double[][] input, int... blocks) {
        Resampler r = Resampler.create(inRate, outRate);
        int maxBlock = Arrays.stream(blocks).max().orElseThrow();
        int channels = input.length;
        int n = input[0].length;
        r.prepare(inRate, maxBlock, channels);
        double[][] out = new double[channels][r.maxOutputFrames(n) + r.latencyFrames() + 4];
        double[][] block = new double[channels][maxBlock];
        double[][] scratch = new double[channels][r.maxOutputFrames(maxBlock) + r.latencyFrames() + 4];
        int pos = 0;
        int written = 0;
        for (int b = 0; pos < n; b++) {
            int len = Math.min(blocks[b % blocks.length], n - pos);
            for (int ch = 0; ch < channels; ch++) {
                System.arraycopy(input[ch], pos, block[ch], 0, len);
            }
            int got = r.process(block, len, scratch);
            assertTrue(got <= r.maxOutputFrames(len));
            append(scratch, got, out, written);
            written += got;
            pos += len;
        }
        int expectedFlush = r.flushFrames();
        int got = r.flush(scratch);
        assertEquals(expectedFlush, got);
        append(scratch, got, out, written);
        written += got;
        long expectedTotal = r.latencyFrames() + ((long) n * r.table().up() + r.table().down() - 1) / r.table().down();
        assertEquals(expectedTotal, written, "total output = latency + ceil(N·L/M)");
        for (int ch = 0; ch < channels; ch++) {
            out[ch] = Arrays.copyOf(out[ch], written);
        }
        return out;
    }

    private static void append(double[][] src, int n, double[][] dst, int at) {
        for (int ch = 0; ch < src.length; ch++) {
            System.arraycopy(src[ch], 0, dst[ch], at, n);
        }
    }

    /** {amplitude, residual RMS} of the least-squares fit of a sinusoid at {@code freq}. */
    static double[] fitTone(double[] y, int start, int n, double freq, double fs) {
        double w = 2 * Math.PI * freq / fs;
        double cc = 0;
        double ss = 0;
        double cs = 0;
        double yc = 0;
        double ys = 0;
        for (int i = start; i < start + n; i++) {
            double c = Math.cos(w * i);
            double s = Math.sin(w * i);
            cc += c * c;
            ss += s * s;
            cs += c * s;
            yc += y[i] * c;
            ys += y[i] * s;
        }
        double det = cc * ss - cs * cs;
        double a = (yc * ss - ys * cs) / det;
        double b = (ys * cc - yc * cs) / det;
        double residual = 0;
        for (int i = start; i < start + n; i++) {
            double e = y[i] - a * Math.cos(w * i) - b * Math.sin(w * i);
            residual += e * e;
        }
        return new double[] {Math.hypot(a, b), Math.sqrt(residual / n)};
    }

    private static double[][] toneInput(int rate, double freq, double seconds) {
        return new double[][] {Spectrum.sine((int) (rate * seconds), freq, AMPLITUDE, rate)};
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"48000, 44100", "44100, 48000", "96000, 48000", "48000, 96000"})
    void passbandIsFlatWithin0p01dBAndFreeOfSpurs(int inRate, int outRate) {
        double edge = 0.45 * Math.min(inRate, outRate);
        double[] grid = Spectrum.logGrid(20, edge, 2);
        if (Math.min(inRate, outRate) == 44100) {
            grid = Arrays.copyOf(grid, grid.length + 1);
            grid[grid.length - 1] = 20000; // 20 kHz is also held flat at 44.1 kHz
        }
        double worstFlatness = 0;
        double worstSpurDb = -400;
        for (double f : grid) {
            double[] out = convert(inRate, outRate, toneInput(inRate, f, 1.6), 4096)[0];
            double[] fit = fitTone(out, outRate / 2, outRate, f, outRate);
            double gainDb = Decibels.fromGain(fit[0] / AMPLITUDE);
            double spurDb = Decibels.fromGain(fit[1] / (AMPLITUDE / Math.sqrt(2)));
            assertEquals(0, gainDb, 0.01, "gain at " + f + " Hz");
            assertTrue(spurDb < -100, "non-tone output at " + f + " Hz: " + spurDb + " dB");
            worstFlatness = Math.max(worstFlatness, Math.abs(gainDb));
            worstSpurDb = Math.max(worstSpurDb, spurDb);
        }
        System.out.printf("%d->%d passband 20..%.0f Hz: max |gain| %.2e dB, worst non-tone residual %.1f dB%n",
                inRate, outRate, grid[grid.length - 1], worstFlatness, worstSpurDb);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"48000, 44100", "96000, 48000", "44100, 22050"})
    void tonesAboveTheNewNyquistAreAttenuatedBy100dB(int inRate, int outRate) {
        double worst = -400;
        for (double rel : new double[] {0.5005, 0.52, 0.6, 0.75, 0.9, 0.999}) {
            double f = rel * outRate;
            if (f >= inRate / 2.0) {
                continue;
            }
            double[] out = convert(inRate, outRate, toneInput(inRate, f, 1.6), 4096)[0];
            double rms = 0;
            for (int i = outRate / 2; i < outRate / 2 + outRate; i++) {
                rms += out[i] * out[i];
            }
            double levelDb = Decibels.fromGain(Math.sqrt(rms / outRate) / (AMPLITUDE / Math.sqrt(2)));
            assertTrue(levelDb < -100, f + " Hz leaks at " + levelDb + " dB");
            worst = Math.max(worst, levelDb);
        }
        System.out.printf("%d->%d stopband: worst alias %.1f dB%n", inRate, outRate, worst);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"44100, 48000", "48000, 96000"})
    void imagesOfUpsampledTonesAreAttenuatedBy100dB(int inRate, int outRate) {
        // Tones near the input passband edge put their first image (fsIn − f) just above fsIn/2.
        double worst = -400;
        for (double rel : new double[] {0.3, 0.4, 0.45}) {
            double f = rel * inRate;
            double[] out = convert(inRate, outRate, toneInput(inRate, f, 1.6), 4096)[0];
            int n = outRate;
            double[] fit = fitTone(out, outRate / 2, n, f, outRate);
            double image = Spectrum.toneAmplitude(out, outRate / 2, n, inRate - f, outRate);
            double imageDb = Decibels.fromGain(image / AMPLITUDE);
            double residualDb = Decibels.fromGain(fit[1] / (AMPLITUDE / Math.sqrt(2)));
            assertTrue(imageDb < -100, "image of " + f + " Hz at " + imageDb + " dB");
            assertTrue(residualDb < -100, "all non-tone output for " + f + " Hz at " + residualDb + " dB");
            worst = Math.max(worst, Math.max(imageDb, residualDb));
        }
        System.out.printf("%d->%d images: worst %.1f dB%n", inRate, outRate, worst);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"48000, 44100", "44100, 48000", "96000, 48000", "48000, 96000"})
    void impulseLandsAtTheReportedLatencyWithLinearPhase(int inRate, int outRate) {
        Resampler probe = Resampler.create(inRate, outRate);
        int up = probe.table().up();
        int down = probe.table().down();
        int latency = probe.latencyFrames();
        int n0 = 3 * down; // lands exactly on output frame 3·L (+ latency)
        double[] x = new double[n0 + 4 * inRate / 10];
        x[n0] = 1;
        double[] y = convert(inRate, outRate, new double[][] {x}, 1000)[0];
        int expected = latency + 3 * up;
        int argMax = 0;
        for (int i = 0; i < y.length; i++) {
            if (Math.abs(y[i]) > Math.abs(y[argMax])) {
                argMax = i;
            }
        }
        assertEquals(expected, argMax, "impulse peak position");
        for (int k = 1; k < latency; k++) {
            assertEquals(y[expected - k], y[expected + k], 1e-12, "symmetric (linear phase) at ±" + k);
        }
        // A tone comes out delayed by exactly the latency.
        double f = 997;
        double[] out = convert(inRate, outRate, toneInput(inRate, f, 0.5), 512)[0];
        for (int k = outRate / 10; k < outRate / 4; k++) {
            double ideal = AMPLITUDE * Math.sin(2 * Math.PI * f * (k - latency) / outRate);
            assertEquals(ideal, out[k], 1e-5, "sample " + k);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"48000, 44100", "44100, 48000", "96000, 48000"})
    void outputIsIdenticalWhateverTheBlockSizes(int inRate, int outRate) {
        Random rnd = new Random(42);
        int n = inRate / 2;
        double[][] x = new double[2][n];
        for (double[] ch : x) {
            for (int i = 0; i < n; i++) {
                ch[i] = rnd.nextGaussian() * 0.1;
            }
        }
        double[][] whole = convert(inRate, outRate, x, n);
        double[][] ragged = convert(inRate, outRate, x, 1, 7, 4096, 333, 2, 160, 147);
        double[][] small = convert(inRate, outRate, x, 64);
        for (int ch = 0; ch < 2; ch++) {
            assertArrayEquals(whole[ch], ragged[ch], 0.0);
            assertArrayEquals(whole[ch], small[ch], 0.0);
        }
    }

    @Test
    void extremeRatiosDesignAndRun() {
        int[][] pairs = {{8000, 384000}, {384000, 8000}, {44100, 8000}, {22050, 96000}, {48000, 48000}};
        for (int[] p : pairs) {
            PolyphaseTable t = PolyphaseTable.design(p[0], p[1]);
            double[][] out = convert(p[0], p[1], toneInput(p[0], 0.2 * Math.min(p[0], p[1]), 0.5), 4096);
            double f = 0.2 * Math.min(p[0], p[1]);
            double[] fit = fitTone(out[0], p[1] / 8, p[1] / 4, f, p[1]);
            assertEquals(0, Decibels.fromGain(fit[0] / AMPLITUDE), 0.01, p[0] + "->" + p[1]);
            assertTrue(t.latencyFrames() > 0);
        }
    }
}

package io.mixfarm.engine.master;

import io.mixfarm.engine.dsp.Compressor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultibandCompressorTest {

    private static final Compressor.Settings UNITY =
            new Compressor.Settings(0.0, 1.0, 0.0, 10.0, 100.0, 0.0, Compressor.Detection.PEAK);

    @ParameterizedTest
    @ValueSource(ints = {44_100, 48_000, 96_000})
    void bandsAtUnitySumFlatWithinOneHundredthOfADecibel(int fs) {
        for (double[] crossovers : new double[][] {{120, 2500}, {250, 4000}, {80, 12000}}) {
            MultibandCompressor mb = new MultibandCompressor(
                    new MultibandSettings(crossovers[0], crossovers[1], UNITY, UNITY, UNITY));
            double[] h = impulseResponse(mb, fs, fs / 2);
            for (double f = 20; f <= 20_000; f *= Math.pow(2, 1 / 12.0)) {
                assertEquals(0.0, magnitudeDb(h, f, fs), 0.01, crossovers[0] + "/" + crossovers[1] + " Hz at " + f + " Hz");
            }
        }
    }

    @Test
    void bandsWithoutCompressorsAlsoSumFlat() {
        int fs = 48_000;
        MultibandCompressor mb = new MultibandCompressor(new MultibandSettings(200, 3000, null, null, null));
        double[] h = impulseResponse(mb, fs, fs / 2);
        for (double f = 20; f <= 20_000; f *= 1.1) {
            assertEquals(0.0, magnitudeDb(h, f, fs), 0.01, f + " Hz");
        }
    }

    @Test
    void compressingOneBandLeavesTheOthersAlone() {
        int fs = 48_000;
        Compressor.Settings hard = new Compressor.Settings(-30, 10, 0, 1, 50, 0, Compressor.Detection.RMS);
        MultibandCompressor mb = new MultibandCompressor(new MultibandSettings(200, 3000, null, null, hard));
        mb.prepare(fs, 4096, 2);
        int n = fs;
        double[][] x = new double[2][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = x[1][i] = 0.3 * Math.sin(2 * Math.PI * 60 * i / fs) + 0.3 * Math.sin(2 * Math.PI * 8000 * i / fs);
        }
        for (int pos = 0; pos < n; pos += 4096) {
            int m = Math.min(4096, n - pos);
            double[][] block = {java.util.Arrays.copyOfRange(x[0], pos, pos + m), java.util.Arrays.copyOfRange(x[1], pos, pos + m)};
            mb.process(block, m);
            System.arraycopy(block[0], 0, x[0], pos, m);
        }
        double low = toneDb(x[0], n / 2, n / 2, 60, fs);
        double high = toneDb(x[0], n / 2, n / 2, 8000, fs);
        assertEquals(20 * Math.log10(0.3), low, 0.1, "60 Hz passes (its band has no compressor)");
        assertTrue(high < 20 * Math.log10(0.3) - 6, "8 kHz is compressed: " + high + " dB");
    }

    private static double[] impulseResponse(MultibandCompressor mb, int fs, int n) {
        mb.prepare(fs, n, 2);
        double[][] x = new double[2][n];
        x[0][0] = 1e-3; // small: far below every threshold
        x[1][0] = 1e-3;
        mb.process(x, n);
        for (int i = 0; i < n; i++) {
            x[0][i] *= 1e3;
        }
        return x[0];
    }

    static double magnitudeDb(double[] h, double f, int fs) {
        double re = 0, im = 0;
        for (int i = 0; i < h.length; i++) {
            double w = 2 * Math.PI * f * i / fs;
            re += h[i] * Math.cos(w);
            im -= h[i] * Math.sin(w);
        }
        return 10 * Math.log10(re * re + im * im);
    }

    /** Level in dBFS (peak amplitude) of a tone in x[from .. from + n). */
    static double toneDb(double[] x, int from, int n, double f, int fs) {
        double re = 0, im = 0;
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * f * (from + i) / fs;
            re += x[from + i] * Math.cos(w);
            im += x[from + i] * Math.sin(w);
        }
        return 20 * Math.log10(2 * Math.hypot(re, im) / n);
    }
}

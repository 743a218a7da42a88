package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CompressorTest {

    private static final double FS = 48000;

    private static Compressor.Settings settings(double attackMs, double releaseMs, Compressor.Detection d) {
        return new Compressor.Settings(-20, 4, 6, attackMs, releaseMs, 3, d);
    }

    @Test
    void staticCurveFollowsTheGiannoulisFormula() {
        Compressor c = new Compressor(settings(5, 50, Compressor.Detection.PEAK));
        assertEquals(-40 + 3, c.staticCurveDb(-40), 1e-12, "below the knee: unity plus makeup");
        assertEquals(-23 + 3, c.staticCurveDb(-23), 1e-12, "knee start");
        assertEquals(-20 + (0.25 - 1) * 6 / 8 + 3, c.staticCurveDb(-20), 1e-12, "knee centre: T + (1/R−1)W/8");
        assertEquals(-20 + 3 / 4.0 + 3, c.staticCurveDb(-17), 1e-12, "knee end joins the ratio line");
        assertEquals(-20 + 20 / 4.0 + 3, c.staticCurveDb(0), 1e-12, "above the knee: T + (x−T)/R");
        // Continuity and monotonicity across the knee.
        double prev = c.staticCurveDb(-30);
        for (double x = -30; x <= 0; x += 0.01) {
            double y = c.staticCurveDb(x);
            assertEquals(true, y >= prev - 1e-12 && y - prev < 0.0101, "monotone and continuous at " + x);
            prev = y;
        }
    }

    @ParameterizedTest(name = "{0} {1} Hz")
    @CsvSource({"PEAK, 1000", "PEAK, 997", "RMS, 1000", "RMS, 997"})
    void steadySinesLandOnTheStaticCurve(Compressor.Detection detection, double freq) {
        for (double levelDb = -32; levelDb <= -8; levelDb += 1) {
            Compressor c = new Compressor(settings(5, 50, detection));
            c.prepare(FS, 48000, 1);
            double amplitude = Decibels.toGain(levelDb);
            double[][] buf = {Spectrum.sine(48000, freq, amplitude, FS)};
            c.process(buf, 48000);
            int tail = 4800; // last 100 ms
            double inputLevel;
            double outputLevel;
            if (detection == Compressor.Detection.PEAK) {
                inputLevel = levelDb;
                outputLevel = Decibels.fromGain(peak(buf[0], 48000 - tail, tail));
            } else {
                double[] in = Spectrum.sine(48000, freq, amplitude, FS);
                inputLevel = Decibels.fromPower(meanSquare(in, 48000 - tail, tail));
                outputLevel = Decibels.fromPower(meanSquare(buf[0], 48000 - tail, tail));
            }
            assertEquals(c.staticCurveDb(inputLevel), outputLevel, 0.1, detection + " at " + levelDb + " dB");
        }
    }

    @Test
    void attackReaches63PercentOfTheStepInTheAttackTime() {
        for (double attackMs : new double[] {1, 10, 40}) {
            Compressor c = new Compressor(new Compressor.Settings(-20, 4, 0, attackMs, 200, 0, Compressor.Detection.PEAK));
            double[] gr = stepResponse(c, -40, 0);
            double target = -15; // T + (0 − T)/R − 0
            double crossing = firstCrossing(gr, 0.5 * FS, 1 - Math.exp(-1), 0, target);
            assertEquals(attackMs, crossing * 1000 / FS, attackMs * 0.1, "attack " + attackMs + " ms");
        }
    }

    @Test
    void releaseRecovers63PercentInTheReleaseTimeAfterThePeakHold() {
        for (double releaseMs : new double[] {20, 100, 400}) {
            Compressor c = new Compressor(new Compressor.Settings(-20, 4, 0, 1, releaseMs, 0, Compressor.Detection.PEAK));
            double[] gr = stepResponse(c, 0, -40);
            double holdSamples = Compressor.DETECTOR_WINDOW_MS * FS / 1000 - 1;
            double crossing = firstCrossing(gr, 0.5 * FS, 1 - Math.exp(-1), -15, 0) - holdSamples;
            assertEquals(releaseMs, crossing * 1000 / FS, releaseMs * 0.1, "release " + releaseMs + " ms");
        }
    }

    @Test
    void channelsAreLinkedOnTheLoudestOne() {
        Compressor c = new Compressor(new Compressor.Settings(-20, 4, 0, 1, 50, 0, Compressor.Detection.PEAK));
        c.prepare(FS, 4800, 2);
        double[][] buf = {Spectrum.sine(4800, 1000, 1.0, FS), Spectrum.sine(4800, 1000, 0.01, FS)};
        c.process(buf, 4800);
        for (int i = 4000; i < 4800; i++) {
            double left = Spectrum.sine(4800, 1000, 1.0, FS)[i];
            if (Math.abs(left) > 0.1) {
                double gainL = buf[0][i] / left;
                double gainR = buf[1][i] / (0.01 * left);
                assertEquals(gainL, gainR, 1e-9);
                assertEquals(-15, Decibels.fromGain(gainL), 0.05);
            }
        }
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Compressor.Settings(-20, 0.5, 0, 1, 1, 0, Compressor.Detection.PEAK));
        assertThrows(IllegalArgumentException.class, () -> new Compressor.Settings(-20, 2, -1, 1, 1, 0, Compressor.Detection.PEAK));
        assertThrows(IllegalArgumentException.class, () -> new Compressor.Settings(-20, 2, 0, 0, 1, 0, Compressor.Detection.PEAK));
        assertThrows(IllegalArgumentException.class, () -> new Compressor.Settings(Double.NaN, 2, 0, 1, 1, 0, Compressor.Detection.RMS));
    }

    /** Gain reduction in dB per sample for a DC level stepping from {@code fromDb} to {@code toDb} at 0.5 s. */
    private static double[] stepResponse(Compressor c, double fromDb, double toDb) {
        int n = (int) FS * 2;
        c.prepare(FS, n, 1);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Decibels.toGain(i < FS / 2 ? fromDb : toDb);
        }
        double[][] buf = {x.clone()};
        c.process(buf, n);
        double[] gr = new double[n];
        for (int i = 0; i < n; i++) {
            gr[i] = Decibels.fromGain(buf[0][i] / x[i]);
        }
        return gr;
    }

    /** Samples after {@code start} until the response has covered {@code fraction} of from → to. */
    private static double firstCrossing(double[] gr, double start, double fraction, double from, double to) {
        double level = from + fraction * (to - from);
        for (int i = (int) start; i < gr.length; i++) {
            boolean crossed = to < from ? gr[i] <= level : gr[i] >= level;
            if (crossed) {
                // linear interpolation between samples for sub-sample timing
                double prev = gr[i - 1];
                return i - 1 - start + (level - prev) / (gr[i] - prev) + 1;
            }
        }
        throw new AssertionError("never reached " + level + " dB");
    }

    private static double peak(double[] x, int start, int n) {
        double p = 0;
        for (int i = start; i < start + n; i++) {
            p = Math.max(p, Math.abs(x[i]));
        }
        return p;
    }

    private static double meanSquare(double[] x, int start, int n) {
        double s = 0;
        for (int i = start; i < start + n; i++) {
            s += x[i] * x[i];
        }
        return s / n;
    }
}

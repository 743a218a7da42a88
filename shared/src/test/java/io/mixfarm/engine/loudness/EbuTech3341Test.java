package io.mixfarm.engine.loudness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.mixfarm.engine.loudness.TestSignals.concat;
import static io.mixfarm.engine.loudness.TestSignals.onChannels;
import static io.mixfarm.engine.loudness.TestSignals.silence;
import static io.mixfarm.engine.loudness.TestSignals.sine;
import static io.mixfarm.engine.loudness.TestSignals.stereoToneSegments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EBU Tech 3341 (EBU mode loudness meter) minimum requirements test cases, synthesized from their
 * published definitions: 48 kHz, 1 kHz sines at the given peak dBFS on both channels.
 * Tolerances are the spec's: ±0.1 LU for M, S and I; +0.2/−0.4 dB for true peak.
 */
class EbuTech3341Test {

    private static final int FS = 48_000;
    private static final double LU_TOLERANCE = 0.1;
    /** Poll momentary and short-term loudness every 10 ms. */
    private static final int POLL_FRAMES = 480;

    @Test
    void tech3341Case01_minus23Dbfs20sReadsMinus23() {
        LoudnessMeter meter = TestSignals.measure(FS, stereoToneSegments(FS, new double[][] {{-23, 20}}));
        assertEquals(-23.0, meter.momentaryLufs(), LU_TOLERANCE, "M");
        assertEquals(-23.0, meter.shortTermLufs(), LU_TOLERANCE, "S");
        assertEquals(-23.0, meter.integratedLufs(), LU_TOLERANCE, "I");
    }

    @Test
    void tech3341Case02_minus33Dbfs20sReadsMinus33() {
        LoudnessMeter meter = TestSignals.measure(FS, stereoToneSegments(FS, new double[][] {{-33, 20}}));
        assertEquals(-33.0, meter.momentaryLufs(), LU_TOLERANCE, "M");
        assertEquals(-33.0, meter.shortTermLufs(), LU_TOLERANCE, "S");
        assertEquals(-33.0, meter.integratedLufs(), LU_TOLERANCE, "I");
    }

    @Test
    void tech3341Case03_relativeGateIgnoresMinus36Sections() {
        LoudnessMeter meter = TestSignals.measure(FS, stereoToneSegments(FS,
                new double[][] {{-36, 10}, {-23, 60}, {-36, 10}}));
        assertEquals(-23.0, meter.integratedLufs(), LU_TOLERANCE);
    }

    @Test
    void tech3341Case04_absoluteAndRelativeGates() {
        LoudnessMeter meter = TestSignals.measure(FS, stereoToneSegments(FS,
                new double[][] {{-72, 10}, {-36, 10}, {-23, 60}, {-36, 10}, {-72, 10}}));
        assertEquals(-23.0, meter.integratedLufs(), LU_TOLERANCE);
    }

    @Test
    void tech3341Case05_powerMeanOfMinus26AndMinus20() {
        LoudnessMeter meter = TestSignals.measure(FS, stereoToneSegments(FS,
                new double[][] {{-26, 20}, {-20, 20.1}, {-26, 20}}));
        assertEquals(-23.0, meter.integratedLufs(), LU_TOLERANCE);
    }

    @Test
    void tech3341Case06_fivePointZeroWithSurroundWeights() {
        double[][] signal = {
                sine(FS, 1000, -28, 20), sine(FS, 1000, -28, 20), sine(FS, 1000, -24, 20),
                sine(FS, 1000, -30, 20), sine(FS, 1000, -30, 20)};
        LoudnessMeter meter = new LoudnessMeter(FS, 5);
        TestSignals.feed(meter, signal);
        assertEquals(-23.0, meter.integratedLufs(), LU_TOLERANCE);
    }

    @Test
    void tech3341Case09_shortTermOfAlternatingTonesIsSteady() {
        double[][] pattern = new double[10][];
        for (int i = 0; i < 5; i++) {
            pattern[2 * i] = new double[] {-20, 1.34};
            pattern[2 * i + 1] = new double[] {-30, 1.66};
        }
        List<double[]> polled = poll(stereoToneSegments(FS, pattern), false);
        int checked = 0;
        for (double[] tv : polled) {
            if (tv[0] >= 3.0) {
                assertEquals(-23.0, tv[1], LU_TOLERANCE, "S at " + tv[0] + " s");
                checked++;
            }
        }
        assertTrue(checked > 1000, "polled " + checked);
    }

    @Test
    void tech3341Case10_maxShortTermOfShiftedTonesIsMinus23() {
        List<double[]> segments = new ArrayList<>();
        List<double[]> parts = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < 20; i++) {
            double length = i * 0.15 + 3 + 1;
            segments.add(new double[] {t, t + length, -23.0});
            parts.add(concat(silence(FS, i * 0.15), sine(FS, 1000, -23, 3), silence(FS, 1)));
            t += length;
        }
        assertMaxPerSegment(onChannels(concat(parts), 2), false, segments);
    }

    @Test
    void tech3341Case11_maxShortTermStepsFromMinus38ToMinus19() {
        List<double[]> segments = new ArrayList<>();
        List<double[]> parts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            segments.add(new double[] {6.0 * i, 6.0 * (i + 1), -38.0 + i});
            parts.add(concat(silence(FS, i * 0.15), sine(FS, 1000, -38 + i, 3), silence(FS, 3 - i * 0.15)));
        }
        assertMaxPerSegment(onChannels(concat(parts), 2), false, segments);
    }

    @Test
    void tech3341Case12_momentaryOfAlternatingTonesIsSteady() {
        double[][] pattern = new double[50][];
        for (int i = 0; i < 25; i++) {
            pattern[2 * i] = new double[] {-20, 0.18};
            pattern[2 * i + 1] = new double[] {-30, 0.22};
        }
        List<double[]> polled = poll(stereoToneSegments(FS, pattern), true);
        int checked = 0;
        for (double[] tv : polled) {
            if (tv[0] >= 1.0) {
                assertEquals(-23.0, tv[1], LU_TOLERANCE, "M at " + tv[0] + " s");
                checked++;
            }
        }
        assertTrue(checked > 800, "polled " + checked);
    }

    @Test
    void tech3341Case13_maxMomentaryOfShiftedTonesIsMinus23() {
        List<double[]> segments = new ArrayList<>();
        List<double[]> parts = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < 20; i++) {
            double length = i * 0.02 + 0.4 + 1;
            segments.add(new double[] {t, t + length, -23.0});
            parts.add(concat(silence(FS, i * 0.02), sine(FS, 1000, -23, 0.4), silence(FS, 1)));
            t += length;
        }
        assertMaxPerSegment(onChannels(concat(parts), 2), true, segments);
    }

    @Test
    void tech3341Case14_maxMomentaryStepsFromMinus38ToMinus19() {
        List<double[]> segments = new ArrayList<>();
        List<double[]> parts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            segments.add(new double[] {0.8 * i, 0.8 * (i + 1), -38.0 + i});
            parts.add(concat(silence(FS, i * 0.02), sine(FS, 1000, -38 + i, 0.4), silence(FS, 0.4 - i * 0.02)));
        }
        assertMaxPerSegment(onChannels(concat(parts), 2), true, segments);
    }

    @Test
    void tech3341Case15_quarterRateSineAtPhase0ReadsMinus6Dbtp() {
        assertTruePeak(-6.0, FS / 4.0, 0.50, 0.0);
    }

    @Test
    void tech3341Case16_quarterRateSineAtPhase45ReadsMinus6Dbtp() {
        assertTruePeak(-6.0, FS / 4.0, 0.50, 45.0);
    }

    @Test
    void tech3341Case17_sixthRateSineAtPhase60ReadsMinus6Dbtp() {
        assertTruePeak(-6.0, FS / 6.0, 0.50, 60.0);
    }

    @Test
    void tech3341Case18_eighthRateSineAtPhase67p5ReadsMinus6Dbtp() {
        assertTruePeak(-6.0, FS / 8.0, 0.50, 67.5);
    }

    @Test
    void tech3341Case19_quarterRateSineAt1p41ReadsPlus3DbtpWithSamplesBelowFullScale() {
        double tp = assertTruePeak(3.0, FS / 4.0, 1.41, 45.0);
        assertTrue(tp > 0, "true peak above full scale: " + tp);
    }

    /** Polls M (or S) after every 10 ms block: rows of {time s, LUFS}. */
    private static List<double[]> poll(double[][] signal, boolean momentary) {
        LoudnessMeter meter = new LoudnessMeter(FS, signal.length);
        List<double[]> values = new ArrayList<>();
        TestSignals.feed(meter, signal, POLL_FRAMES, t ->
                values.add(new double[] {t, momentary ? meter.momentaryLufs() : meter.shortTermLufs()}));
        double polledMax = values.stream().mapToDouble(v -> v[1]).max().orElseThrow();
        double trackedMax = momentary ? meter.maxMomentaryLufs() : meter.maxShortTermLufs();
        assertEquals(polledMax, trackedMax, 1e-9, "the meter's own maximum equals the polled maximum");
        return values;
    }

    /** Each segment {start s, end s, expected max}: the max polled value within it. */
    private static void assertMaxPerSegment(double[][] signal, boolean momentary, List<double[]> segments) {
        List<double[]> polled = poll(signal, momentary);
        for (double[] seg : segments) {
            double max = Double.NEGATIVE_INFINITY;
            for (double[] tv : polled) {
                if (tv[0] > seg[0] + 1e-9 && tv[0] <= seg[1] + 1e-9) {
                    max = Math.max(max, tv[1]);
                }
            }
            assertEquals(seg[2], max, LU_TOLERANCE, (momentary ? "max M" : "max S")
                    + " in segment starting at " + seg[0] + " s");
        }
    }

    /** A 1 s stereo sine with 10 ms raised-cosine fades; asserts its true peak and returns it. */
    private static double assertTruePeak(double expectedDbtp, double frequency, double amplitude,
                                         double phaseDegrees) {
        double[] x = sine(FS, frequency, amplitude, Math.toRadians(phaseDegrees), 1.0);
        int fade = FS / 100;
        for (int i = 0; i < fade; i++) {
            double g = 0.5 - 0.5 * Math.cos(Math.PI * i / fade);
            x[i] *= g;
            x[x.length - 1 - i] *= g;
        }
        LoudnessMeter meter = TestSignals.measure(FS, onChannels(x, 2));
        double tp = meter.truePeakDbtp();
        assertTrue(tp >= expectedDbtp - 0.4 && tp <= expectedDbtp + 0.2,
                "true peak " + tp + " dBTP, expected " + expectedDbtp + " +0.2/-0.4");
        assertTrue(meter.samplePeakDbfs() < 0.0, "samples stay below full scale");
        return tp;
    }
}

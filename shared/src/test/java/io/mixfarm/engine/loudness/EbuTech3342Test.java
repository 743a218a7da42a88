package io.mixfarm.engine.loudness;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * EBU Tech 3342 (loudness range) test cases 1–4: 48 kHz stereo 1 kHz sines, 20 s per segment at
 * the given dBFS; expected LRA ±1 LU.
 */
class EbuTech3342Test {

    private static final int FS = 48_000;
    private static final double LRA_TOLERANCE = 1.0;

    @Test
    void tech3342Case01_minus20ThenMinus30Is10Lu() {
        assertEquals(10.0, lra(-20, -30), LRA_TOLERANCE);
    }

    @Test
    void tech3342Case02_minus20ThenMinus15Is5Lu() {
        assertEquals(5.0, lra(-20, -15), LRA_TOLERANCE);
    }

    @Test
    void tech3342Case03_minus40ThenMinus20Is20Lu() {
        assertEquals(20.0, lra(-40, -20), LRA_TOLERANCE);
    }

    @Test
    void tech3342Case04_fiveStepsFromMinus50Is15Lu() {
        assertEquals(15.0, lra(-50, -35, -20, -35, -50), LRA_TOLERANCE);
    }

    private static double lra(double... levels) {
        double[][] segments = new double[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            segments[i] = new double[] {levels[i], 20};
        }
        LoudnessMeter meter = TestSignals.measure(FS, TestSignals.stereoToneSegments(FS, segments));
        double lra = meter.loudnessRangeLu();
        assertEquals(lra, Loudness.loudnessRangeLu(meter.shortTermBlocks()), 0.0,
                "the static computation over the exported short-term values agrees");
        return lra;
    }
}

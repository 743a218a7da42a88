package io.mixfarm.engine.master;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static io.mixfarm.engine.master.LimiterHarness.gain;
import static io.mixfarm.engine.master.LimiterHarness.sine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruePeakLimiterTest {

    private static final double CEILING = -1.0;

    @Test
    void sinePushedSixDbIntoTheLimiterHasThdPlusNoiseBelowMinus40Db() {
        int fs = 48_000;
        TruePeakLimiter limiter = new TruePeakLimiter(CEILING, LimiterSettings.DEFAULT);
        double amplitude = gain(CEILING - LimiterSettings.DEFAULT.marginDb() + 6);
        double[] x = sine(fs, 1000, amplitude, 0.3, 2 * fs);
        double[][] out = LimiterHarness.limit(limiter, new double[][] {x, x.clone()}, fs, 1024);
        double thdN = LimiterHarness.thdPlusNoiseDb(out[0], fs / 2, fs, 1000, fs);
        assertTrue(thdN < -40, "THD+N " + thdN + " dB");
        assertTrue(LimiterHarness.truePeakDbtp(out, fs) <= CEILING, "true peak over the ceiling");
        assertEquals(6.0, limiter.maxReductionDb(), 0.05);
    }

    @ParameterizedTest
    @ValueSource(ints = {44_100, 48_000, 96_000})
    void noiseAndHighTonesStayBelowTheCeilingOnTheMetersGridAndASixteenTimesGrid(int fs) {
        Random random = new Random(fs);
        int frames = fs * 3;
        double[][] x = new double[2][frames];
        for (int i = 0; i < frames; i++) {
            double burst = (i / (fs / 10)) % 3 == 0 ? 4.0 : 0.6; // 100 ms bursts 16 dB up
            double hf = 0.7 * Math.sin(2 * Math.PI * 0.45 * i + 1.1) + 0.5 * Math.sin(2 * Math.PI * 0.31 * i);
            x[0][i] = burst * (random.nextGaussian() * 0.3 + hf);
            x[1][i] = burst * (random.nextGaussian() * 0.3 - hf);
        }
        TruePeakLimiter limiter = new TruePeakLimiter(CEILING, LimiterSettings.DEFAULT.withMarginDb(0.0));
        double[][] out = LimiterHarness.limit(limiter, x, fs, 777);
        // White noise reaches Nyquist, where "true peak" depends on the interpolation filter; the
        // readings that count are a BS.1770 meter's and a finer grid with the same filter design.
        // Without margin, gain modulation may leave a few thousandths of a dB on the meter's grid,
        // and the 4x grid with parabolic refinement up to 0.07 dB of a 0.45·fs tone between points
        // (the margin, 0.1 dB by default, covers both).
        double meter = LimiterHarness.truePeakDbtp(out, fs);
        assertTrue(meter <= CEILING + 0.005, "meter true peak " + meter + " dBTP at " + fs + " Hz");
        double grid = LimiterHarness.gridPeakDbtp(out, 16, 32);
        assertTrue(grid <= CEILING + 0.07, "16x grid true peak " + grid + " dBTP at " + fs + " Hz");
        assertTrue(limiter.maxReductionDb() > 10, "the test must drive the limiter hard");
    }

    @Test
    void signalBelowTheCeilingPassesUnchangedAfterTheLatency() {
        int fs = 44_100;
        double[] x = sine(fs, 440, gain(-6), 0, fs);
        TruePeakLimiter limiter = new TruePeakLimiter(CEILING, LimiterSettings.DEFAULT);
        double[][] out = LimiterHarness.limit(limiter, new double[][] {x, x}, fs, 512);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], out[0][i], 0.0, "frame " + i);
        }
        assertEquals(0.0, limiter.maxReductionDb(), 0.0);
        assertEquals(0.0, limiter.meanReductionDb(), 0.0);
    }

    @Test
    void gainMovesSmoothlyIntoASuddenPeak() {
        int fs = 48_000;
        int frames = fs;
        // a steady 200 Hz tone 2 dB below the ceiling, then 14 dB louder from frame 24000
        double[] x = new double[frames];
        double quiet = gain(-14), loud = gain(0);
        for (int i = 0; i < frames; i++) {
            x[i] = (i < frames / 2 ? quiet : loud) * Math.sin(2 * Math.PI * 200 * i / fs);
        }
        LimiterSettings settings = LimiterSettings.DEFAULT.withMarginDb(0.0);
        TruePeakLimiter limiter = new TruePeakLimiter(-12.0, settings);
        double[][] out = LimiterHarness.limit(limiter, new double[][] {x, x}, fs, 4096);
        int attack = (int) Math.round(settings.lookaheadMs() * fs / 1000);
        double depth = 1 - gain(-12);
        double maxStep = 0;
        double previous = Double.NaN;
        for (int i = frames / 2 - 3 * attack; i < frames / 2 + attack; i++) {
            if (Math.abs(x[i]) < 0.05) {
                previous = Double.NaN;
                continue;
            }
            double g = out[0][i] / x[i];
            if (!Double.isNaN(previous)) {
                maxStep = Math.max(maxStep, Math.abs(g - previous));
            }
            previous = g;
        }
        // an S-curve over the attack: steepest slope about 2 · depth / attack, never a jump
        assertTrue(maxStep < 2.5 * depth / attack, "largest gain step " + maxStep);
        assertTrue(LimiterHarness.truePeakDbtp(out, fs) <= -12.0 + 0.001, "over the ceiling");
    }

    @Test
    void latencyIsTheDetectorsPlusTheAttack() {
        TruePeakLimiter limiter = new TruePeakLimiter(CEILING, LimiterSettings.DEFAULT);
        limiter.prepare(48_000, 512, 2);
        int attack = 144; // 3 ms
        assertEquals(16 + attack - 1 + 2, limiter.latencyFrames()); // half the 32 interpolation taps, attack, spread
    }
}

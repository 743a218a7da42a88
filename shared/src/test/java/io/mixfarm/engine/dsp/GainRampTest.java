package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GainRampTest {

    private static final double FS = 48000;
    private static final GainEnvelope ENVELOPE = GainEnvelope.of(List.of(
            new GainEnvelope.Point(0.1, 0),
            new GainEnvelope.Point(0.5, -12),
            new GainEnvelope.Point(0.5625, 3),
            new GainEnvelope.Point(1.0, -60),
            new GainEnvelope.Point(1.25, -60)));

    /** Renders unity DC through the ramp in blocks of {@code block}: the output is the gain. */
    private static double[] render(int frames, int block) {
        GainRamp ramp = new GainRamp(ENVELOPE);
        ramp.prepare(FS, block, 2);
        double[] out = new double[frames];
        double[][] buf = new double[2][block];
        for (int pos = 0; pos < frames; pos += block) {
            int n = Math.min(block, frames - pos);
            Arrays.fill(buf[0], 1.0);
            Arrays.fill(buf[1], 1.0);
            ramp.process(buf, n);
            System.arraycopy(buf[0], 0, out, pos, n);
            assertEquals(buf[0][n - 1], buf[1][n - 1], 0, "channels share the gain");
        }
        return out;
    }

    @Test
    void gainAtEveryBreakpointIsExact() {
        double[] g = render(72000, 512);
        for (int i = 0; i < ENVELOPE.size(); i++) {
            int frame = (int) Math.round(ENVELOPE.timeAt(i) * FS); // all breakpoints fall on samples
            assertEquals(ENVELOPE.gainDbAtIndex(i), Decibels.fromGain(g[frame]), 1e-9, "breakpoint " + i);
        }
        assertEquals(0, Decibels.fromGain(g[0]), 1e-12, "held before the first breakpoint");
        assertEquals(-60, Decibels.fromGain(g[71999]), 1e-9, "held after the last");
        assertEquals(-6, Decibels.fromGain(g[(int) (0.3 * FS)]), 1e-9, "linear in dB midway");
    }

    @Test
    void noStepBetweenSamplesExceedsTheAutomationSlope() {
        double[] g = render(72000, 333);
        double maxStepDb = ENVELOPE.maxSlopeDbPerSecond() / FS;
        for (int i = 1; i < g.length; i++) {
            double step = Math.abs(Decibels.fromGain(g[i]) - Decibels.fromGain(g[i - 1]));
            assertTrue(step <= maxStepDb + 1e-9, "step of " + step + " dB at sample " + i);
        }
    }

    @Test
    void outputIsIndependentOfBlockSize() {
        double[] a = render(72000, 64);
        double[] b = render(72000, 4096);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 0, "sample " + i);
        }
    }

    @Test
    void seekStartsMidTimeline() {
        GainRamp ramp = new GainRamp(ENVELOPE);
        ramp.prepare(FS, 16, 1);
        ramp.seek((long) (0.3 * FS));
        double[][] buf = {{1.0}};
        ramp.process(buf, 1);
        assertEquals(-6, Decibels.fromGain(buf[0][0]), 1e-9);
    }

    @Test
    void smoothedGainRampsWithoutStepsAndLandsOnTarget() {
        SmoothedGain gain = new SmoothedGain(0, 20);
        gain.prepare(FS, 256, 1);
        gain.setTargetDb(-24);
        int rampSamples = 960;
        double[] out = new double[2000];
        double[][] buf = new double[1][256];
        for (int pos = 0; pos < out.length; pos += 256) {
            int n = Math.min(256, out.length - pos);
            Arrays.fill(buf[0], 1.0);
            gain.process(buf, n);
            System.arraycopy(buf[0], 0, out, pos, n);
        }
        double expectedStep = 24.0 / rampSamples;
        for (int i = 1; i < out.length; i++) {
            double step = Math.abs(Decibels.fromGain(out[i]) - Decibels.fromGain(out[i - 1]));
            assertTrue(step <= expectedStep + 1e-9, "step " + step + " at " + i);
        }
        assertEquals(-24, Decibels.fromGain(out[rampSamples - 1]), 1e-9, "target reached after the ramp time");
        assertTrue(Decibels.fromGain(out[rampSamples - 2]) > -24 + 1e-3, "not before");
        assertEquals(-24, Decibels.fromGain(out[1999]), 1e-12);
    }

    @Test
    void rejectsUnorderedBreakpoints() {
        assertThrows(IllegalArgumentException.class, () -> GainEnvelope.of(List.of(
                new GainEnvelope.Point(1, 0), new GainEnvelope.Point(1, -3))));
        assertThrows(IllegalArgumentException.class, () -> GainEnvelope.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new GainEnvelope.Point(0, Double.NEGATIVE_INFINITY));
    }
}

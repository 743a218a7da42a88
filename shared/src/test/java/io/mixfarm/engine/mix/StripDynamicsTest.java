package io.mixfarm.engine.mix;

import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.dsp.GainEnvelope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compressor and fader automation, measured through a render of one stereo stem. */
class StripDynamicsTest {

    private static final int RATE = 48000;

    /** Giannoulis et al. gain computer with a quadratic knee, written out independently. */
    private static double staticCurve(double x, double threshold, double ratio, double knee, double makeup) {
        double over = x - threshold;
        double y;
        if (2 * over < -knee) {
            y = x;
        } else if (2 * Math.abs(over) <= knee) {
            y = x + (1 / ratio - 1) * Math.pow(over + knee / 2, 2) / (2 * knee);
        } else {
            y = threshold + over / ratio;
        }
        return y + makeup;
    }

    @Test
    void peakCompressorLandsOnItsStaticCurve() throws Exception {
        Compressor.Settings settings = new Compressor.Settings(-20, 4, 6, 5, 50, 3, Compressor.Detection.PEAK);
        for (double level = -36; level <= 0; level += 2) {
            double amplitude = Math.pow(10, level / 20);
            double[] out = render(settings, Signals.sine(RATE, 997, amplitude, RATE));
            double measured = 20 * Math.log10(peak(out, RATE - 4800, RATE));
            assertEquals(staticCurve(level, -20, 4, 6, 3), measured, 0.1, "peak detection at " + level + " dBFS");
        }
    }

    @Test
    void rmsCompressorLandsOnItsStaticCurve() throws Exception {
        Compressor.Settings settings = new Compressor.Settings(-24, 3, 0, 5, 50, 0, Compressor.Detection.RMS);
        for (double level = -40; level <= 0; level += 2) {
            double amplitude = Math.pow(10, level / 20);
            double[] in = Signals.sine(RATE, 1000, amplitude, RATE);
            double[] out = render(settings, in);
            double inRms = 10 * Math.log10(meanSquare(in, RATE - 4800, RATE));
            double outRms = 10 * Math.log10(meanSquare(out, RATE - 4800, RATE));
            assertEquals(staticCurve(inRms, -24, 3, 0, 0), outRms, 0.1, "RMS detection at " + level + " dBFS");
        }
    }

    @Test
    void attackAndReleaseTakeTheirSetTimes() throws Exception {
        for (double[] times : new double[][] {{1, 20}, {10, 100}, {40, 400}}) {
            double attackMs = times[0];
            double releaseMs = times[1];
            Compressor.Settings settings = new Compressor.Settings(-20, 4, 0, attackMs, releaseMs, 0, Compressor.Detection.PEAK);
            int step = RATE / 2;
            int back = RATE * 3 / 2;
            double[] in = new double[RATE * 3];
            for (int i = 0; i < in.length; i++) {
                in[i] = i >= step && i < back ? 1.0 : 0.01; // -40 dBFS, then 0 dBFS, then -40 again
            }
            double[] out = render(settings, in);
            double full = -15; // T + (0 − T)/R
            // The smoothed reduction covers 1 − 1/e of a step in the time constant (to a sample).
            double target = full * (1 - Math.exp(-1));
            int attack = firstIndex(out, in, step, db -> db <= target) - step + 1;
            assertEquals(attackMs * RATE / 1000, attack, 2, "attack " + attackMs + " ms in samples");
            // Release starts when the loud part leaves the 10 ms peak-hold window.
            int hold = (int) Math.round(Compressor.DETECTOR_WINDOW_MS * RATE / 1000);
            double recovered = full * Math.exp(-1);
            int release = firstIndex(out, in, back, db -> db >= recovered) - (back + hold - 1);
            assertEquals(releaseMs * RATE / 1000, release, 2, "release " + releaseMs + " ms in samples");
        }
    }

    @Test
    void automationIsSampleAccurateAndSmooth() throws Exception {
        GainEnvelope envelope = GainEnvelope.of(List.of(new GainEnvelope.Point(0.25, 0), new GainEnvelope.Point(1, -12),
                new GainEnvelope.Point(1.5, -12), new GainEnvelope.Point(2, 6)));
        StripSettings strip = StripSettings.builder().fader(envelope).build();
        double[] dc = Signals.constant(RATE * 3, 0.5);
        MixGraph graph = new MixGraph(RATE, List.of(MixNullTest.stem("s", strip, dc, dc)), List.of());
        double[] out = CaptureWriter.render(graph, 2).left();
        double[] gainDb = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            gainDb[i] = 20 * Math.log10(out[i] / 0.5);
        }
        assertEquals(0, gainDb[0], 1e-9, "held at the first breakpoint before it");
        assertEquals(-12, gainDb[RATE], 1e-9, "on the breakpoint at 1 s");
        assertEquals(-6, gainDb[RATE * 5 / 8], 1e-9, "linear in dB half-way from 0.25 s to 1 s");
        assertEquals(-3, gainDb[RATE * 7 / 4], 1e-9, "half-way from 1.5 s to 2 s");
        assertEquals(6, gainDb[out.length - 1], 1e-9, "held after the last breakpoint");
        double steepest = 18 / 0.5 / RATE; // dB per sample on the steepest segment
        for (int i = 1; i < out.length; i++) {
            assertTrue(Math.abs(gainDb[i] - gainDb[i - 1]) <= steepest + 1e-9,
                    "no step larger than the ramp's slope at sample " + i);
        }
    }

    private static double[] render(Compressor.Settings settings, double[] mono) throws Exception {
        StripSettings strip = StripSettings.builder().compressor(settings).build();
        MixGraph graph = new MixGraph(RATE, List.of(MixNullTest.stem("s", strip, mono, mono.clone())), List.of());
        return CaptureWriter.render(graph, 1).left();
    }

    private static int firstIndex(double[] out, double[] in, int from, java.util.function.DoublePredicate onGainDb) {
        for (int i = from; i < out.length; i++) {
            if (onGainDb.test(20 * Math.log10(out[i] / in[i]))) {
                return i;
            }
        }
        throw new AssertionError("never reached");
    }

    private static double peak(double[] x, int from, int to) {
        double p = 0;
        for (int i = from; i < to; i++) {
            p = Math.max(p, Math.abs(x[i]));
        }
        return p;
    }

    private static double meanSquare(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return s / (to - from);
    }
}

package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StereoDelayTest {

    private static final double FS = 48000;

    /** Runs an impulse at {@code at} in the left channel through the delay, in blocks of 100. */
    private static double[][] impulse(StereoDelay d, int at, int frames) {
        d.prepare(FS, 100, 2);
        double[][] all = new double[2][frames];
        all[0][at] = 1;
        double[][] block = new double[2][100];
        for (int pos = 0; pos < frames; pos += 100) {
            int n = Math.min(100, frames - pos);
            for (int ch = 0; ch < 2; ch++) {
                System.arraycopy(all[ch], pos, block[ch], 0, n);
            }
            d.process(block, n);
            for (int ch = 0; ch < 2; ch++) {
                System.arraycopy(block[ch], 0, all[ch], pos, n);
            }
        }
        return all;
    }

    @Test
    void echoesLandExactlyOnTheRoundedDelayAndDecayByTheFeedback() {
        StereoDelay d = new StereoDelay(new StereoDelay.Settings(123.4567, 0.6, 0, false));
        double[][] y = impulse(d, 37, 30000);
        int delay = 5926; // round(123.4567 ms · 48 kHz) = round(5925.92)
        assertEquals(delay, d.delaySamples());
        for (int i = 0; i < y[0].length; i++) {
            int k = i - 37;
            double expected = (k > 0 && k % delay == 0) ? Math.pow(0.6, k / delay - 1) : 0;
            assertEquals(expected, y[0][i], 1e-15, "left sample " + i);
            assertEquals(0, y[1][i], 0, "right stays silent");
        }
    }

    @Test
    void pingPongAlternatesSidesWithFeedbackGains() {
        StereoDelay d = new StereoDelay(new StereoDelay.Settings(10, 0.5, 0, true));
        double[][] y = impulse(d, 0, 3000);
        int delay = 480;
        for (int i = 0; i < 3000; i++) {
            int k = i / delay;
            boolean tap = i % delay == 0 && k > 0;
            double gain = tap ? 0.5 * Math.pow(0.5, k - 1) : 0; // the input is the mono sum (L+R)/2
            assertEquals(tap && k % 2 == 1 ? gain : 0, y[0][i], 1e-15, "left " + i);
            assertEquals(tap && k % 2 == 0 ? gain : 0, y[1][i], 1e-15, "right " + i);
        }
    }

    @Test
    void highCutDarkensRepeatsButKeepsTheirDcGain() {
        double fb = 0.7;
        StereoDelay d = new StereoDelay(new StereoDelay.Settings(100, fb, 2000, false));
        int delay = 4800;
        double[][] y = impulse(d, 0, 3 * delay);
        assertEquals(1.0, y[0][delay], 0, "first echo untouched");
        double sum = 0;
        double peak = 0;
        for (int i = 2 * delay; i < 3 * delay; i++) {
            sum += y[0][i];
            peak = Math.max(peak, y[0][i]);
        }
        assertEquals(fb, sum, 1e-9, "second echo's DC gain is the feedback");
        assertTrue(peak < 0.5 * fb, "second echo is low-passed (peak " + peak + ")");
        double[] echo = java.util.Arrays.copyOfRange(y[0], 2 * delay, 3 * delay);
        double pole = Math.exp(-2 * Math.PI * 2000 / FS);
        for (double f : new double[] {100, 2000, 10000}) {
            double expected = Decibels.fromGain(fb * OnePoleLowPass.magnitude(pole, f, FS));
            assertEquals(expected, Spectrum.magnitudeDb(echo, echo.length, f, FS), 0.01, "at " + f + " Hz");
        }
    }

    @Test
    void noteValuesFollowTheTempo() {
        assertEquals(500, NoteValue.parse("1/4").delayMs(120), 1e-12);
        assertEquals(375, NoteValue.parse("1/8.").delayMs(120), 1e-12);
        assertEquals(0.1875, NoteValue.parse("1/8.").fraction(), 1e-15);
        assertEquals(1000.0 / 6, NoteValue.parse("1/8t").delayMs(120), 1e-12);
        assertEquals(437.5, NoteValue.parse("1/4..").delayMs(240), 1e-12);
        assertEquals(150, NoteValue.parse(" 1/16 ").delayMs(100), 1e-12);
        assertEquals(2000, NoteValue.parse("1/1").delayMs(120), 1e-12);
        assertEquals(3000, NoteValue.parse("3/4").delayMs(60), 1e-12);
        for (String bad : new String[] {"", "1/0", "0/4", "abc", "1/4x", "1/8...", "/4", "1.5/4"}) {
            assertThrows(IllegalArgumentException.class, () -> NoteValue.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> NoteValue.parse("1/4").delayMs(0));
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new StereoDelay.Settings(100, 1.0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new StereoDelay.Settings(0, 0.5, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new StereoDelay.Settings(100, 0.5, -1, false));
        StereoDelay pingPong = new StereoDelay(new StereoDelay.Settings(100, 0.5, 0, true));
        assertThrows(IllegalArgumentException.class, () -> pingPong.prepare(FS, 64, 1));
    }
}

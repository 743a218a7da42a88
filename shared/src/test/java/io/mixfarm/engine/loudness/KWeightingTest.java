package io.mixfarm.engine.loudness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KWeightingTest {

    @Test
    void coefficientsAt48kHzReproduceTheBs1770Table() {
        KWeighting k = KWeighting.forSampleRate(48_000);
        KWeighting.Stage shelf = k.shelf();
        assertEquals(1.53512485958697, shelf.b0(), 1e-12);
        assertEquals(-2.69169618940638, shelf.b1(), 1e-12);
        assertEquals(1.19839281085285, shelf.b2(), 1e-12);
        assertEquals(-1.69065929318241, shelf.a1(), 1e-12);
        assertEquals(0.73248077421585, shelf.a2(), 1e-12);
        KWeighting.Stage hp = k.highPass();
        assertEquals(1.0, hp.b0(), 0.0);
        assertEquals(-2.0, hp.b1(), 0.0);
        assertEquals(1.0, hp.b2(), 0.0);
        assertEquals(-1.99004745483398, hp.a1(), 1e-12);
        assertEquals(0.99007225036621, hp.a2(), 1e-12);
    }

    /**
     * The analog prototype behind the 48 kHz table: the shelf and high-pass from f0/G/Q, with
     * the high-pass passband gain the table implies. Every rate's digital filter follows it.
     */
    @ParameterizedTest
    @ValueSource(ints = {44_100, 48_000, 96_000, 192_000})
    void responseFollowsTheAnalogPrototypeFrom20HzTo20kHz(int rate) {
        KWeighting k = KWeighting.forSampleRate(rate);
        for (double f = 20; f <= 20_000; f *= 1.1) {
            assertEquals(analogDb(f), k.magnitudeDb(f), 0.01, "at " + f + " Hz, " + rate + " Hz");
        }
    }

    @Test
    void responseHasTheKWeightingShape() {
        KWeighting k = KWeighting.forSampleRate(48_000);
        assertEquals(0.70, k.magnitudeDb(1000), 0.02, "about +0.7 dB at 1 kHz");
        assertEquals(4.0, k.magnitudeDb(10_000), 0.1, "+4 dB shelf");
        assertEquals(-13.3, k.magnitudeDb(20), 0.1, "high-pass below 40 Hz");
    }

    @ParameterizedTest
    @ValueSource(ints = {44_100, 48_000, 96_000, 192_000})
    void sine997HzAtMinus23DbfsOnBothChannelsReadsMinus23Lufs(int rate) {
        double[] x = TestSignals.sine(rate, 997, -23, 10);
        LoudnessMeter meter = TestSignals.measure(rate, TestSignals.onChannels(x, 2));
        assertEquals(-23.0, meter.integratedLufs(), 0.01);
        assertEquals(-23.0, meter.momentaryLufs(), 0.01);
        assertEquals(-23.0, meter.shortTermLufs(), 0.01);
    }

    @Test
    void filterLoopAppliesTheResponse() {
        int rate = 44_100;
        KWeighting k = KWeighting.forSampleRate(rate);
        KWeightingFilter filter = new KWeightingFilter(k);
        for (double f : new double[] {50, 440, 3000, 12_000}) {
            filter.reset();
            double[] x = TestSignals.sine(rate, f, 1.0, 0.0, 5.0);
            filter.sumOfSquares(x, 0, rate); // settle
            double meanSquare = filter.sumOfSquares(x, rate, x.length - rate) / (x.length - rate);
            assertEquals(k.magnitudeDb(f), 10 * Math.log10(meanSquare / 0.5), 0.01, "at " + f + " Hz");
        }
    }

    @Test
    void denormalStateIsFlushedToZero() {
        KWeightingFilter filter = new KWeightingFilter(KWeighting.forSampleRate(48_000));
        double[] impulse = new double[4800];
        impulse[0] = 1.0;
        filter.sumOfSquares(impulse, 0, impulse.length);
        double[] zeros = new double[4800];
        double last = 1;
        for (int block = 0; block < 2000 && last != 0.0; block++) {
            last = filter.sumOfSquares(zeros, 0, zeros.length);
            filter.snapDenormals();
        }
        assertEquals(0.0, last, 0.0, "decaying state reaches exact zero instead of lingering as denormals");
    }

    @Test
    void ratesTooLowForTheShelfAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> KWeighting.forSampleRate(3000));
        assertThrows(IllegalArgumentException.class, () -> KWeighting.forSampleRate(Double.NaN));
    }

    private static double analogDb(double f) {
        double vh = Math.pow(10, KWeighting.SHELF_GAIN_DB / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double k48 = Math.tan(Math.PI * KWeighting.HIGH_PASS_F0 / 48_000);
        double hpGain = 1 + k48 / KWeighting.HIGH_PASS_Q + k48 * k48;
        double w = f / KWeighting.SHELF_F0;
        // H(jw) = (vh (jw)^2 + vb jw / q + 1) / ((jw)^2 + jw / q + 1)
        double shelfNumRe = 1 - vh * w * w, shelfNumIm = vb * w / KWeighting.SHELF_Q;
        double shelfDenRe = 1 - w * w, shelfDenIm = w / KWeighting.SHELF_Q;
        double v = f / KWeighting.HIGH_PASS_F0;
        double hpNum = hpGain * v * v;
        double hpDenRe = 1 - v * v, hpDenIm = v / KWeighting.HIGH_PASS_Q;
        double power = (shelfNumRe * shelfNumRe + shelfNumIm * shelfNumIm)
                / (shelfDenRe * shelfDenRe + shelfDenIm * shelfDenIm)
                * hpNum * hpNum / (hpDenRe * hpDenRe + hpDenIm * hpDenIm);
        return 10 * Math.log10(power);
    }
}

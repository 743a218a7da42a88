package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FastDecibelsTest {

    @Test
    void toGainIsWithinAMicroDecibelOfTheExactConversion() {
        SplittableRandom random = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double db = random.nextDouble(-400, 200);
            double error = Decibels.fromGain(FastDecibels.toGain(db)) - db;
            worst = Math.max(worst, Math.abs(error));
        }
        assertEquals(0, worst, 1e-6, "worst error in dB");
        assertEquals(1.0, FastDecibels.toGain(0.0), 0.0, "0 dB is exactly unity");
    }

    @Test
    void fromGainIsWithinAMicroDecibelOfTheExactConversion() {
        SplittableRandom random = new SplittableRandom(8);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double gain = Math.pow(10, random.nextDouble(-30, 10));
            worst = Math.max(worst, Math.abs(FastDecibels.fromGain(gain) - Decibels.fromGain(gain)));
        }
        assertEquals(0, worst, 1e-6, "worst error in dB");
        assertEquals(0.0, FastDecibels.fromGain(1.0), 0.0, "unity is exactly 0 dB");
        assertEquals(-6.0206, FastDecibels.fromGain(0.5), 1e-4);
    }
}

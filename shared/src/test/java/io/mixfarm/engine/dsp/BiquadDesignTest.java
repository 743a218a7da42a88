package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cookbook designs hit their defining values (independent of the response formula's shape). */
class BiquadDesignTest {

    private static final double FS = 48000;

    @Test
    void peakingHasItsGainAtCentreAndUnityAtDc() {
        BiquadCoefficients c = BiquadCoefficients.peaking(FS, 1000, 1.4, 7.5);
        assertEquals(7.5, c.magnitudeDb(1000), 1e-9);
        assertEquals(0, c.magnitudeDb(0), 1e-9);
        assertEquals(0, c.magnitudeDb(FS / 2), 1e-9);
    }

    @Test
    void shelvesHaveFullGainAtTheirEndAndHalfAtF0() {
        BiquadCoefficients low = BiquadCoefficients.lowShelf(FS, 300, 0.7071, -10);
        assertEquals(-10, low.magnitudeDb(0), 1e-9);
        assertEquals(-5, low.magnitudeDb(300), 1e-9);
        assertEquals(0, low.magnitudeDb(FS / 2), 1e-9);
        BiquadCoefficients high = BiquadCoefficients.highShelfWithSlope(FS, 6000, 1, 9);
        assertEquals(9, high.magnitudeDb(FS / 2), 1e-9);
        assertEquals(4.5, high.magnitudeDb(6000), 1e-9);
        assertEquals(0, high.magnitudeDb(0), 1e-9);
    }

    @Test
    void shelfSlopeOneEqualsQOfOneOverRootTwo() {
        // S = 1 gives √((A + 1/A)·0 + 2) = √2, i.e. Q = 1/√2.
        BiquadCoefficients bySlope = BiquadCoefficients.lowShelfWithSlope(FS, 200, 1, 6);
        BiquadCoefficients byQ = BiquadCoefficients.lowShelf(FS, 200, 1 / Math.sqrt(2), 6);
        assertEquals(byQ.b0(), bySlope.b0(), 1e-12);
        assertEquals(byQ.a1(), bySlope.a1(), 1e-12);
    }

    @Test
    void passFiltersHaveMagnitudeQAtCutoff() {
        assertEquals(20 * Math.log10(2.5), BiquadCoefficients.lowPass(FS, 800, 2.5).magnitudeDb(800), 1e-9);
        assertEquals(20 * Math.log10(0.6), BiquadCoefficients.highPass(FS, 90, 0.6).magnitudeDb(90), 1e-9);
        assertEquals(0, BiquadCoefficients.lowPass(FS, 800, 2.5).magnitudeDb(0), 1e-9);
        assertEquals(0, BiquadCoefficients.highPass(FS, 90, 0.6).magnitudeDb(FS / 2), 1e-9);
    }

    @Test
    void bandPassNotchAndAllPassDefiningValues() {
        assertEquals(0, BiquadCoefficients.bandPass(FS, 2000, 3).magnitudeDb(2000), 1e-9);
        assertTrue(BiquadCoefficients.notch(FS, 2000, 3).magnitudeDb(2000) < -200);
        assertEquals(0, BiquadCoefficients.notch(FS, 2000, 3).magnitudeDb(100), 0.01);
        BiquadCoefficients ap = BiquadCoefficients.allPass(FS, 2000, 3);
        for (double f : Spectrum.logGrid(20, 20000, 3)) {
            assertEquals(0, ap.magnitudeDb(f), 1e-9);
        }
    }

    @Test
    void rejectsOutOfRangeParameters() {
        assertThrows(IllegalArgumentException.class, () -> BiquadCoefficients.lowPass(FS, 24000, 0.7));
        assertThrows(IllegalArgumentException.class, () -> BiquadCoefficients.lowPass(FS, 0, 0.7));
        assertThrows(IllegalArgumentException.class, () -> BiquadCoefficients.peaking(FS, 100, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> BiquadCoefficients.peaking(FS, 100, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BiquadCoefficients.lowShelfWithSlope(FS, 100, 1.5, 3));
        BiquadFilter f = new BiquadFilter(BiquadCoefficients.lowPass(FS, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> f.prepare(44100, 64, 2));
    }
}

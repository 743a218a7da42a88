package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Butterworth cascades and the LR4 crossover. */
class CrossoverTest {

    @ParameterizedTest
    @ValueSource(doubles = {44100, 48000, 96000})
    void butterworthIsMinus3dBAtCutoffForBothOrders(double fs) {
        for (int order : new int[] {2, 4}) {
            double[] h = Spectrum.impulseResponse(new BiquadFilter(Butterworth.lowPass(fs, 1000, order)), fs);
            assertEquals(-3.0103, Spectrum.magnitudeDb(h, h.length, 1000, fs), 0.001, "LP order " + order);
            double[] g = Spectrum.impulseResponse(new BiquadFilter(Butterworth.highPass(fs, 250, order)), fs);
            assertEquals(-3.0103, Spectrum.magnitudeDb(g, g.length, 250, fs), 0.001, "HP order " + order);
        }
    }

    @Test
    void butterworthSectionQs() {
        assertArrayEquals(new double[] {0.7071}, Butterworth.sectionQs(2), 1e-4);
        assertArrayEquals(new double[] {0.5412, 1.3066}, Butterworth.sectionQs(4), 1e-4);
    }

    @Test
    void butterworthAsymptotesAre12And24DbPerOctave() {
        double fs = 96000;
        for (int order : new int[] {2, 4}) {
            double expected = 20 * Math.log10(2) * order; // 6.02 dB/oct per pole
            double[] hp = Spectrum.impulseResponse(new BiquadFilter(Butterworth.highPass(fs, 2000, order)), fs);
            double hpSlope = Spectrum.magnitudeDb(hp, hp.length, 125, fs) - Spectrum.magnitudeDb(hp, hp.length, 62.5, fs);
            assertEquals(expected, hpSlope, 0.05, "HP order " + order);
            double[] lp = Spectrum.impulseResponse(new BiquadFilter(Butterworth.lowPass(fs, 50, order)), fs);
            double lpSlope = Spectrum.magnitudeDb(lp, lp.length, 800, fs) - Spectrum.magnitudeDb(lp, lp.length, 1600, fs);
            assertEquals(expected, lpSlope, 0.05, "LP order " + order);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {44100, 48000, 96000})
    void linkwitzRileyLowPlusHighIsFlat(double fs) {
        for (double crossover : new double[] {80, 1200, 5000}) {
            double[] low = Spectrum.impulseResponse(new BiquadFilter(LinkwitzRiley.lowPass4(fs, crossover)), fs);
            double[] high = Spectrum.impulseResponse(new BiquadFilter(LinkwitzRiley.highPass4(fs, crossover)), fs);
            int n = Math.max(low.length, high.length);
            double[] sum = new double[n];
            for (int i = 0; i < n; i++) {
                sum[i] = (i < low.length ? low[i] : 0) + (i < high.length ? high[i] : 0);
            }
            for (double f : Spectrum.logGrid(20, 20000, 12)) {
                assertEquals(0, Spectrum.magnitudeDb(sum, n, f, fs), 0.01, "LR4 " + crossover + " Hz at " + f);
            }
            assertEquals(-6.0206, Spectrum.magnitudeDb(low, low.length, crossover, fs), 0.001);
            assertEquals(-6.0206, Spectrum.magnitudeDb(high, high.length, crossover, fs), 0.001);
        }
    }
}

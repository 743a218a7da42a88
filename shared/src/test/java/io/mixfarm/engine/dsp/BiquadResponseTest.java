package io.mixfarm.engine.dsp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The processor's measured response (DTFT of its impulse response) matches the analytic cookbook
 * magnitude within 0.01 dB from 20 Hz to 20 kHz, for every filter type at 44.1, 48 and 96 kHz.
 */
class BiquadResponseTest {

    private static final double[] RATES = {44100, 48000, 96000};
    private static final double TOLERANCE_DB = 0.01;
    /** Below this the comparison is in absolute amplitude (the dB of a near-zero is meaningless). */
    private static final double FLOOR_DB = -120;

    static Stream<Arguments> designs() {
        List<Arguments> out = new ArrayList<>();
        for (double fs : RATES) {
            add(out, "lowPass 1k Q0.707", fs, r -> BiquadCoefficients.lowPass(r, 1000, 0.7071));
            add(out, "lowPass 20Hz Q0.707", fs, r -> BiquadCoefficients.lowPass(r, 20, 0.7071));
            add(out, "lowPass 12k Q3", fs, r -> BiquadCoefficients.lowPass(r, 12000, 3));
            add(out, "highPass 20Hz Q0.707", fs, r -> BiquadCoefficients.highPass(r, 20, 0.7071));
            add(out, "highPass 5k Q1.5", fs, r -> BiquadCoefficients.highPass(r, 5000, 1.5));
            add(out, "bandPass 1k Q2", fs, r -> BiquadCoefficients.bandPass(r, 1000, 2));
            add(out, "notch 1234 Q4", fs, r -> BiquadCoefficients.notch(r, 1234, 4));
            add(out, "notch 50 Q10", fs, r -> BiquadCoefficients.notch(r, 50, 10));
            add(out, "allPass 2k Q0.7", fs, r -> BiquadCoefficients.allPass(r, 2000, 0.7));
            add(out, "peaking 1k Q1 +6", fs, r -> BiquadCoefficients.peaking(r, 1000, 1, 6));
            add(out, "peaking 150 Q4 -9", fs, r -> BiquadCoefficients.peaking(r, 150, 4, -9));
            add(out, "peaking 16k Q0.5 +12", fs, r -> BiquadCoefficients.peaking(r, 16000, 0.5, 12));
            add(out, "lowShelf 200 Q0.707 +6", fs, r -> BiquadCoefficients.lowShelf(r, 200, 0.7071, 6));
            add(out, "lowShelf S1 100 -8", fs, r -> BiquadCoefficients.lowShelfWithSlope(r, 100, 1, -8));
            add(out, "highShelf 8k Q0.707 -6", fs, r -> BiquadCoefficients.highShelf(r, 8000, 0.7071, -6));
            add(out, "highShelf S0.5 5k +4", fs, r -> BiquadCoefficients.highShelfWithSlope(r, 5000, 0.5, 4));
        }
        return out.stream();
    }

    private static void add(List<Arguments> out, String name, double fs, DoubleFunction<BiquadCoefficients> design) {
        out.add(Arguments.of(name + " @" + (int) fs, fs, design.apply(fs)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void measuredResponseMatchesAnalyticMagnitude(String name, double fs, BiquadCoefficients c) {
        double[] h = Spectrum.impulseResponse(new BiquadFilter(c), fs);
        for (double f : Spectrum.logGrid(20, 20000, 12)) {
            double analytic = c.magnitudeDb(f);
            double measured = Spectrum.magnitudeDb(h, h.length, f, fs);
            if (analytic > FLOOR_DB) {
                assertEquals(analytic, measured, TOLERANCE_DB, name + " at " + f + " Hz");
            } else {
                assertTrue(measured < FLOOR_DB + TOLERANCE_DB, name + " at " + f + " Hz: " + measured);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void closedFormMagnitudeAgreesWithDirectComplexEvaluation(String name, double fs, BiquadCoefficients c) {
        double[] z = new double[2];
        for (double f : Spectrum.logGrid(20, 20000, 12)) {
            c.response(f, z);
            double direct = 10 * Math.log10(z[0] * z[0] + z[1] * z[1]);
            if (direct > FLOOR_DB) {
                assertEquals(direct, c.magnitudeDb(f), 1e-6, name + " at " + f + " Hz");
            }
        }
    }
}

package io.mixfarm.engine.mix;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Filters and EQ measured through a whole render (stem → strip → mix bus) against their analytic
 * responses: Butterworth magnitude and the analog prototypes of R. Bristow-Johnson's cookbook
 * (bell, shelves, notch), mapped by the bilinear transform pre-warped at each filter's frequency.
 * These formulas are written here independently of the engine's coefficient design.
 */
class StripResponseTest {

    private static final double TOLERANCE_DB = 0.01;

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44100, 48000, 96000})
    void filtersAndEqMatchTheirAnalyticResponses(int rate) throws Exception {
        StripSettings strip = StripSettings.builder()
                .highPass(new FilterSettings(80, 24))
                .lowPass(new FilterSettings(12000, 12))
                .eq(List.of(
                        new EqBandSettings(EqBandSettings.Shape.BELL, 1000, 6, 1.4),
                        new EqBandSettings(EqBandSettings.Shape.LOW_SHELF, 200, -3, Math.sqrt(0.5)),
                        new EqBandSettings(EqBandSettings.Shape.HIGH_SHELF, 8000, 4, 0.9),
                        new EqBandSettings(EqBandSettings.Shape.NOTCH, 3000, 0, 8)))
                .build();
        double[] h = impulseResponse(strip, rate, 1 << 17);
        for (double f : new double[] {20, 40, 80, 120, 200, 400, 700, 1000, 1500, 2500, 2900, 3100, 4000,
                6000, 8000, 11000, 12000, 14000, 18000, 20000}) {
            double expected = butterworthDb(f, 80, 4, rate, true) + butterworthDb(f, 12000, 2, rate, false)
                    + bellDb(f, 1000, 6, 1.4, rate) + shelfDb(f, 200, -3, Math.sqrt(0.5), rate, true)
                    + shelfDb(f, 8000, 4, 0.9, rate, false) + notchDb(f, 3000, 8, rate);
            if (expected > -80) {
                assertEquals(expected, measuredDb(h, f, rate), TOLERANCE_DB, f + " Hz at " + rate);
            }
        }
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44100, 48000, 96000})
    void steepFiltersAtTheEdgesOfTheRange(int rate) throws Exception {
        StripSettings strip = StripSettings.builder()
                .highPass(new FilterSettings(20, 12))
                .lowPass(new FilterSettings(0.45 * rate * 0.98, 24))
                .build();
        double[] h = impulseResponse(strip, rate, 1 << 18);
        for (double f : new double[] {10, 20, 40, 1000, 0.3 * rate, 0.42 * rate, 0.45 * rate}) {
            double expected = butterworthDb(f, 20, 2, rate, true) + butterworthDb(f, 0.45 * rate * 0.98, 4, rate, false);
            assertEquals(expected, measuredDb(h, f, rate), TOLERANCE_DB, f + " Hz at " + rate);
        }
    }

    /** The left output for a unit impulse into a stereo stem (balance centre: unity gain). */
    private static double[] impulseResponse(StripSettings strip, int rate, int frames) throws Exception {
        double[] x = Signals.impulse(frames, 0, 1.0);
        MixGraph graph = new MixGraph(rate, List.of(new StemNode("s", ArrayReader.source(rate, x, x.clone()), strip,
                null, List.of())), List.of());
        return CaptureWriter.render(graph, 1).left();
    }

    /** |DFT| of the impulse response at one frequency, in dB. */
    private static double measuredDb(double[] h, double f, double rate) {
        double w = 2 * Math.PI * f / rate;
        double re = 0;
        double im = 0;
        for (int n = 0; n < h.length; n++) {
            re += h[n] * Math.cos(w * n);
            im -= h[n] * Math.sin(w * n);
        }
        return 10 * Math.log10(re * re + im * im);
    }

    /** Ω: the analog frequency that the pre-warped bilinear transform maps {@code f} to, relative to f0. */
    private static double omega(double f, double f0, double rate) {
        return Math.tan(Math.PI * f / rate) / Math.tan(Math.PI * f0 / rate);
    }

    static double butterworthDb(double f, double fc, int order, double rate, boolean highPass) {
        double w = omega(f, fc, rate);
        double ratio = highPass ? 1 / w : w;
        return -10 * Math.log10(1 + Math.pow(ratio, 2 * order));
    }

    /** H(s) = (s² + s·A/Q + 1)/(s² + s/(A·Q) + 1), A = 10^(gain/40). */
    static double bellDb(double f, double f0, double gainDb, double q, double rate) {
        double a = Math.pow(10, gainDb / 40);
        double w = omega(f, f0, rate);
        double re = 1 - w * w;
        return 10 * Math.log10((re * re + Math.pow(w * a / q, 2)) / (re * re + Math.pow(w / (a * q), 2)));
    }

    /** Low shelf A·(s² + s·√A/Q + A)/(A·s² + s·√A/Q + 1); the high shelf swaps s for 1/s. */
    static double shelfDb(double f, double f0, double gainDb, double q, double rate, boolean low) {
        double a = Math.pow(10, gainDb / 40);
        double w = omega(f, f0, rate);
        if (!low) {
            w = 1 / w;
        }
        double k = Math.sqrt(a) / q;
        double num = Math.pow(a - w * w, 2) + Math.pow(k * w, 2);
        double den = Math.pow(1 - a * w * w, 2) + Math.pow(k * w, 2);
        return 20 * Math.log10(a) + 10 * Math.log10(num / den);
    }

    /** H(s) = (s² + 1)/(s² + s/Q + 1). */
    static double notchDb(double f, double f0, double q, double rate) {
        double w = omega(f, f0, rate);
        double re = 1 - w * w;
        return 10 * Math.log10(re * re / (re * re + Math.pow(w / q, 2)));
    }

}

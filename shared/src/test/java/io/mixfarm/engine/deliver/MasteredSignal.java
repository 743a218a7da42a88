package io.mixfarm.engine.deliver;

import io.mixfarm.engine.dsp.BiquadCoefficients;
import io.mixfarm.engine.dsp.BiquadFilter;

import java.util.SplittableRandom;

/**
 * A stand-in for a loud master: pink-ish noise, kicks, hats and a chord, driven into a soft
 * clipper (dense, many peaks near the top, like a limiter's output), then scaled so its stricter
 * true peak sits exactly at {@code truePeakDbtp}.
 */
final class MasteredSignal {
    /** How the top of the master was shaped. */
    enum Style {
        /** Soft-saturated and rolled off above 18 kHz (4th order), as limited masters are. */
        LIMITED,
        /** LIMITED pushed 4 dB into a hard clipper: full-band clipping harmonics, the SRC worst case. */
        CLIPPED
    }

    private MasteredSignal() {
    }

    static double[][] create(int rate, double seconds, double truePeakDbtp, long seed) {
        return create(rate, seconds, truePeakDbtp, Style.LIMITED, seed);
    }

    static double[][] create(int rate, double seconds, double truePeakDbtp, Style style, long seed) {
        int n = (int) Math.round(rate * seconds);
        double[][] x = new double[2][n];
        for (int c = 0; c < 2; c++) {
            SplittableRandom random = new SplittableRandom(seed + c);
            double pink = 0;
            for (int i = 0; i < n; i++) {
                double t = (double) i / rate;
                double white = random.nextGaussian();
                pink = 0.98 * pink + 0.2 * white;
                double beat = t % 0.5;
                double kick = Math.exp(-beat / 0.08) * Math.sin(2 * Math.PI * 55 * beat * (1 + 2 * Math.exp(-beat / 0.02)));
                double hat = (t % 0.25) < 0.03 ? white * Math.exp(-(t % 0.25) / 0.01) : 0;
                double chord = 0.2 * Math.sin(2 * Math.PI * 220 * t) + 0.15 * Math.sin(2 * Math.PI * 277.18 * t + c);
                x[c][i] = Math.tanh(2.5 * (0.3 * pink + 0.9 * kick + 0.4 * hat + chord));
            }
        }
        BiquadFilter lowPass = new BiquadFilter(BiquadCoefficients.lowPass(rate, 18_000, 0.5412),
                BiquadCoefficients.lowPass(rate, 18_000, 1.3066));
        lowPass.prepare(rate, n, 2);
        lowPass.process(x, n);
        if (style == Style.CLIPPED) {
            double limit = maxAbs(x) * Math.pow(10, -4 / 20.0);
            for (double[] channel : x) {
                for (int i = 0; i < n; i++) {
                    channel[i] = Math.max(-limit, Math.min(limit, channel[i]));
                }
            }
        }
        InterSamplePeakMeter meter = new InterSamplePeakMeter(rate, 2);
        meter.process(x, n);
        meter.finish();
        double gain = Math.pow(10, truePeakDbtp / 20) / meter.peak();
        for (double[] channel : x) {
            for (int i = 0; i < n; i++) {
                channel[i] *= gain;
            }
        }
        return x;
    }

    private static double maxAbs(double[][] x) {
        double max = 0;
        for (double[] channel : x) {
            for (double v : channel) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }
}

package io.mixfarm.engine.deliver;

/**
 * Error-feedback coefficients for noise-shaped requantization: the quantizer input is
 * {@code v = x − Σ c[k]·e[n−1−k]} and the total error {@code e = q − v} (dither included) reaches
 * the output through the noise transfer function {@code NTF(z) = 1 − Σ c[k]·z^−(k+1)}.
 *
 * <ul>
 *   <li>44.1 to 64 kHz: Wannamaker's nine-tap F-weighted filter ("Psychoacoustically optimal noise
 *       shaping", JAES 40(7/8), 1992; SoX and libswresample use the same coefficients), designed
 *       at 44.1 kHz against the ear's threshold: about −12 dB at DC, deepest around 3 to 4 kHz
 *       where hearing is most sensitive, and the energy pushed above 15 kHz. At 48 kHz the curve
 *       moves up by 9 %, still below 20 kHz for its boost.</li>
 *   <li>From 64 kHz: second order {@code (1 − z^−1)²}, which leaves the audible band quieter and
 *       puts the noise far above it.</li>
 * </ul>
 * Below 44.1 kHz no curve here would keep its boost out of the audible band, so shaping is refused.
 */
public final class NoiseShapingFilter {
    private static final double[] F_WEIGHTED_44K =
            {2.412, -3.370, 3.937, -4.174, 3.353, -2.205, 1.281, -0.569, 0.0847};
    private static final double[] SECOND_ORDER = {2.0, -1.0};

    private NoiseShapingFilter() {
    }

    /** The feedback coefficients for {@code sampleRate} (a copy). */
    public static double[] coefficients(double sampleRate) {
        if (!(sampleRate >= 44_100)) {
            throw new IllegalArgumentException("noise-shaped dither needs a sample rate of at least 44100 Hz, was "
                    + sampleRate + "; use plain TPDF");
        }
        return (sampleRate < 64_000 ? F_WEIGHTED_44K : SECOND_ORDER).clone();
    }

    /** |NTF(e^jω)|² at {@code frequency}: the factor by which shaping scales flat error power there. */
    public static double powerGain(double[] c, double frequency, double sampleRate) {
        double w = 2 * Math.PI * frequency / sampleRate;
        double re = 1;
        double im = 0;
        for (int k = 0; k < c.length; k++) {
            re -= c[k] * Math.cos(w * (k + 1));
            im += c[k] * Math.sin(w * (k + 1));
        }
        return re * re + im * im;
    }
}

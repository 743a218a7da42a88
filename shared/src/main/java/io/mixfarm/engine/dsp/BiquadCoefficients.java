package io.mixfarm.engine.dsp;

/**
 * Immutable second-order section H(z) = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²), designed
 * for one sample rate with the formulas of R. Bristow-Johnson's "Audio EQ Cookbook" and
 * normalized so that a0 = 1.
 *
 * <p>Shelves come in two flavours: {@link #lowShelf(double, double, double, double) with Q}
 * (the cookbook's α = sin(w0)/(2Q); Q = 1/√2 is the steepest shelf without overshoot at 0 dB gain)
 * and {@link #lowShelfWithSlope(double, double, double, double) with shelf slope S}
 * (α = sin(w0)/2 · √((A + 1/A)(1/S − 1) + 2); S = 1 is the steepest shelf that stays monotonic
 * for any gain). For shelves f0 is the midpoint frequency where the gain is half the shelf gain
 * in dB.
 */
public final class BiquadCoefficients {

    private final double sampleRate;
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;

    private BiquadCoefficients(double sampleRate, double b0, double b1, double b2, double a1, double a2) {
        this.sampleRate = sampleRate;
        this.b0 = b0;
        this.b1 = b1;
        this.b2 = b2;
        this.a1 = a1;
        this.a2 = a2;
    }

    /** Raw coefficients, divided through by a0. */
    public static BiquadCoefficients of(double sampleRate, double b0, double b1, double b2,
                                        double a0, double a1, double a2) {
        Decibels.requireSampleRate(sampleRate);
        if (a0 == 0 || !Double.isFinite(a0)) {
            throw new IllegalArgumentException("a0 must be finite and non-zero, was " + a0);
        }
        double[] all = {b0, b1, b2, a1, a2};
        for (double c : all) {
            Decibels.requireFinite(c, "coefficient");
        }
        return new BiquadCoefficients(sampleRate, b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }

    /** A pass-through section (H = 1). */
    public static BiquadCoefficients identity(double sampleRate) {
        return of(sampleRate, 1, 0, 0, 1, 0, 0);
    }

    /** 12 dB/oct low-pass with resonance Q (Q = 1/√2: Butterworth, −3.01 dB at f0). */
    public static BiquadCoefficients lowPass(double sampleRate, double f0, double q) {
        Design d = new Design(sampleRate, f0, q);
        double oneMinusCos = d.oneMinusCos();
        return of(sampleRate, oneMinusCos / 2, oneMinusCos, oneMinusCos / 2, 1 + d.alpha, -2 * d.cos, 1 - d.alpha);
    }

    /** 12 dB/oct high-pass with resonance Q. */
    public static BiquadCoefficients highPass(double sampleRate, double f0, double q) {
        Design d = new Design(sampleRate, f0, q);
        double onePlusCos = 1 + d.cos;
        return of(sampleRate, onePlusCos / 2, -onePlusCos, onePlusCos / 2, 1 + d.alpha, -2 * d.cos, 1 - d.alpha);
    }

    /** Band-pass with 0 dB peak gain at f0; Q sets the bandwidth. */
    public static BiquadCoefficients bandPass(double sampleRate, double f0, double q) {
        Design d = new Design(sampleRate, f0, q);
        return of(sampleRate, d.alpha, 0, -d.alpha, 1 + d.alpha, -2 * d.cos, 1 - d.alpha);
    }

    /** Notch (band-reject) with a zero of transmission at f0. */
    public static BiquadCoefficients notch(double sampleRate, double f0, double q) {
        Design d = new Design(sampleRate, f0, q);
        return of(sampleRate, 1, -2 * d.cos, 1, 1 + d.alpha, -2 * d.cos, 1 - d.alpha);
    }

    /** All-pass: unity magnitude, phase turning through −180° at f0. */
    public static BiquadCoefficients allPass(double sampleRate, double f0, double q) {
        Design d = new Design(sampleRate, f0, q);
        return of(sampleRate, 1 - d.alpha, -2 * d.cos, 1 + d.alpha, 1 + d.alpha, -2 * d.cos, 1 - d.alpha);
    }

    /** Peaking (bell) EQ: gainDb at f0, unity far from it. */
    public static BiquadCoefficients peaking(double sampleRate, double f0, double q, double gainDb) {
        Design d = new Design(sampleRate, f0, q);
        double a = shelfAmplitude(gainDb);
        return of(sampleRate, 1 + d.alpha * a, -2 * d.cos, 1 - d.alpha * a,
                1 + d.alpha / a, -2 * d.cos, 1 - d.alpha / a);
    }

    /** Low shelf with Q (see the class comment). */
    public static BiquadCoefficients lowShelf(double sampleRate, double f0, double q, double gainDb) {
        return lowShelf(new Design(sampleRate, f0, q), shelfAmplitude(gainDb));
    }

    /** Low shelf with shelf slope S in (0, 1] (see the class comment). */
    public static BiquadCoefficients lowShelfWithSlope(double sampleRate, double f0, double slope, double gainDb) {
        double a = shelfAmplitude(gainDb);
        return lowShelf(new Design(sampleRate, f0, slopeToQ(a, slope)), a);
    }

    /** High shelf with Q (see the class comment). */
    public static BiquadCoefficients highShelf(double sampleRate, double f0, double q, double gainDb) {
        return highShelf(new Design(sampleRate, f0, q), shelfAmplitude(gainDb));
    }

    /** High shelf with shelf slope S in (0, 1] (see the class comment). */
    public static BiquadCoefficients highShelfWithSlope(double sampleRate, double f0, double slope, double gainDb) {
        double a = shelfAmplitude(gainDb);
        return highShelf(new Design(sampleRate, f0, slopeToQ(a, slope)), a);
    }

    private static BiquadCoefficients lowShelf(Design d, double a) {
        double c = d.cos;
        double k = 2 * Math.sqrt(a) * d.alpha;
        return of(d.sampleRate,
                a * ((a + 1) - (a - 1) * c + k), 2 * a * ((a - 1) - (a + 1) * c), a * ((a + 1) - (a - 1) * c - k),
                (a + 1) + (a - 1) * c + k, -2 * ((a - 1) + (a + 1) * c), (a + 1) + (a - 1) * c - k);
    }

    private static BiquadCoefficients highShelf(Design d, double a) {
        double c = d.cos;
        double k = 2 * Math.sqrt(a) * d.alpha;
        return of(d.sampleRate,
                a * ((a + 1) + (a - 1) * c + k), -2 * a * ((a - 1) + (a + 1) * c), a * ((a + 1) + (a - 1) * c - k),
                (a + 1) - (a - 1) * c + k, 2 * ((a - 1) - (a + 1) * c), (a + 1) - (a - 1) * c - k);
    }

    private static double shelfAmplitude(double gainDb) {
        Decibels.requireFinite(gainDb, "gainDb");
        return Math.pow(10.0, gainDb / 40.0);
    }

    private static double slopeToQ(double a, double slope) {
        if (!(slope > 0) || slope > 1) {
            throw new IllegalArgumentException("shelf slope must be in (0, 1], was " + slope);
        }
        return 1.0 / Math.sqrt((a + 1 / a) * (1 / slope - 1) + 2);
    }

    public double sampleRate() {
        return sampleRate;
    }

    public double b0() {
        return b0;
    }

    public double b1() {
        return b1;
    }

    public double b2() {
        return b2;
    }

    public double a1() {
        return a1;
    }

    public double a2() {
        return a2;
    }

    /**
     * Exact magnitude response in dB at {@code freq} Hz, from the cookbook's closed form in
     * φ = sin²(w/2), which avoids the cancellation of evaluating 1 − cos(w) at low frequencies.
     */
    public double magnitudeDb(double freq) {
        return Decibels.fromPower(powerResponse(freq));
    }

    /** |H(e^{jw})|² at {@code freq} Hz. */
    public double powerResponse(double freq) {
        double s = Math.sin(Math.PI * freq / sampleRate);
        double phi = s * s;
        double bSum = b0 + b1 + b2;
        double aSum = 1 + a1 + a2;
        double num = bSum * bSum - 4 * (b0 * b1 + 4 * b0 * b2 + b1 * b2) * phi + 16 * b0 * b2 * phi * phi;
        double den = aSum * aSum - 4 * (a1 + 4 * a2 + a1 * a2) * phi + 16 * a2 * phi * phi;
        return Math.max(num, 0) / den;
    }

    /** Complex response H(e^{jw}) at {@code freq} Hz, written as {re, im} into {@code out}. */
    public void response(double freq, double[] out) {
        double w = 2 * Math.PI * freq / sampleRate;
        double c1 = Math.cos(w);
        double s1 = -Math.sin(w);
        double c2 = Math.cos(2 * w);
        double s2 = -Math.sin(2 * w);
        double nr = b0 + b1 * c1 + b2 * c2;
        double ni = b1 * s1 + b2 * s2;
        double dr = 1 + a1 * c1 + a2 * c2;
        double di = a1 * s1 + a2 * s2;
        double den = dr * dr + di * di;
        out[0] = (nr * dr + ni * di) / den;
        out[1] = (ni * dr - nr * di) / den;
    }

    /** Magnitude in dB of a cascade of sections at {@code freq} Hz. */
    public static double cascadeMagnitudeDb(BiquadCoefficients[] stages, double freq) {
        double db = 0;
        for (BiquadCoefficients s : stages) {
            db += s.magnitudeDb(freq);
        }
        return db;
    }

    @Override
    public String toString() {
        return "Biquad[fs=" + sampleRate + ", b=(" + b0 + ", " + b1 + ", " + b2 + "), a=(1, " + a1 + ", " + a2 + ")]";
    }

    /** The cookbook's intermediate values for one (fs, f0, Q). */
    private static final class Design {
        final double sampleRate;
        final double w0;
        final double cos;
        final double alpha;

        Design(double sampleRate, double f0, double q) {
            Decibels.requireSampleRate(sampleRate);
            if (!(f0 > 0) || !(f0 < sampleRate / 2)) {
                throw new IllegalArgumentException("f0 must be in (0, " + sampleRate / 2 + "), was " + f0);
            }
            if (!(q > 0) || !Double.isFinite(q)) {
                throw new IllegalArgumentException("Q must be positive and finite, was " + q);
            }
            this.sampleRate = sampleRate;
            this.w0 = 2 * Math.PI * f0 / sampleRate;
            this.cos = Math.cos(w0);
            this.alpha = Math.sin(w0) / (2 * q);
        }

        /** 1 − cos(w0) as 2·sin²(w0/2): exact even where cos(w0) rounds to nearly 1. */
        double oneMinusCos() {
            double s = Math.sin(w0 / 2);
            return 2 * s * s;
        }
    }
}

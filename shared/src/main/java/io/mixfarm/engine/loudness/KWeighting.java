package io.mixfarm.engine.loudness;

/**
 * The K-weighting pre-filter of ITU-R BS.1770 (Annex 1) for one sample rate: a high shelf
 * (stage 1) followed by the "RLB" high-pass (stage 2), as immutable biquad coefficients.
 *
 * <p>BS.1770 only tabulates 48 kHz. Following libebur128, both stages are re-derived from the
 * analog parameters that reproduce that table (shelf f0, gain, Q; high-pass f0, Q) with a
 * bilinear transform pre-warped at f0, so at 48 kHz the coefficients equal the table to ~1e-14.
 * One refinement over libebur128: the table's high-pass numerator is exactly (1, -2, 1), which
 * leaves its passband gain at 1 + K/Q + K² (+0.043 dB at 48 kHz). libebur128 keeps (1, -2, 1) at
 * every rate, so its passband gain drifts with the rate (+0.022 dB at 96 kHz); here the 48 kHz
 * passband gain is kept at every rate, so a 997 Hz tone reads the same loudness at 44.1 and 192 kHz.
 *
 * <p>Below ~32 kHz the bilinear transform's frequency warping moves the shelf noticeably: a
 * 997 Hz tone reads 0.02 LU low at 22.05 kHz, 0.05 at 16 kHz and 0.2 at 8 kHz (libebur128 alike).
 */
public final class KWeighting {

    /** Shelf centre frequency, Hz (libebur128's fit of the BS.1770 48 kHz table). */
    static final double SHELF_F0 = 1681.974450955533;
    /** Shelf high-frequency gain, dB. */
    static final double SHELF_GAIN_DB = 3.999843853973347;
    static final double SHELF_Q = 0.7071752369554196;
    /** Exponent of the shelf's mid-band gain relative to its high-frequency gain. */
    private static final double SHELF_MID_EXPONENT = 0.4996667741545416;
    /** High-pass corner, Hz. */
    static final double HIGH_PASS_F0 = 38.13547087602444;
    static final double HIGH_PASS_Q = 0.5003270373238773;
    private static final double REFERENCE_RATE = 48_000.0;

    /**
     * Normalized biquad coefficients: y = b0·x + b1·x[n-1] + b2·x[n-2] - a1·y[n-1] - a2·y[n-2].
     */
    public record Stage(double b0, double b1, double b2, double a1, double a2) {

        /** Magnitude response in dB at {@code frequencyHz} for sample rate {@code sampleRate}. */
        public double magnitudeDb(double frequencyHz, double sampleRate) {
            double w = 2 * Math.PI * frequencyHz / sampleRate;
            double c1 = Math.cos(w), s1 = Math.sin(w), c2 = Math.cos(2 * w), s2 = Math.sin(2 * w);
            double numRe = b0 + b1 * c1 + b2 * c2, numIm = -(b1 * s1 + b2 * s2);
            double denRe = 1 + a1 * c1 + a2 * c2, denIm = -(a1 * s1 + a2 * s2);
            double power = (numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm);
            return 10 * Math.log10(power);
        }
    }

    private final double sampleRate;
    private final Stage shelf;
    private final Stage highPass;

    private KWeighting(double sampleRate, Stage shelf, Stage highPass) {
        this.sampleRate = sampleRate;
        this.shelf = shelf;
        this.highPass = highPass;
    }

    /** The K-weighting filter for {@code sampleRate} Hz (must exceed twice the shelf frequency). */
    public static KWeighting forSampleRate(double sampleRate) {
        if (!(sampleRate > 2 * SHELF_F0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("K-weighting needs a sample rate above "
                    + 2 * SHELF_F0 + " Hz, got " + sampleRate);
        }
        return new KWeighting(sampleRate, shelf(sampleRate), highPass(sampleRate));
    }

    private static Stage shelf(double sampleRate) {
        double k = Math.tan(Math.PI * SHELF_F0 / sampleRate);
        double vh = Math.pow(10.0, SHELF_GAIN_DB / 20.0);
        double vb = Math.pow(vh, SHELF_MID_EXPONENT);
        double a0 = 1.0 + k / SHELF_Q + k * k;
        return new Stage(
                (vh + vb * k / SHELF_Q + k * k) / a0,
                2.0 * (k * k - vh) / a0,
                (vh - vb * k / SHELF_Q + k * k) / a0,
                2.0 * (k * k - 1.0) / a0,
                (1.0 - k / SHELF_Q + k * k) / a0);
    }

    private static Stage highPass(double sampleRate) {
        double a0 = highPassA0(sampleRate);
        double k = Math.tan(Math.PI * HIGH_PASS_F0 / sampleRate);
        // numerator gain such that the passband gain equals that of the 48 kHz table (see class doc)
        double g = highPassA0(REFERENCE_RATE) / a0;
        return new Stage(g, -2.0 * g, g,
                2.0 * (k * k - 1.0) / a0,
                (1.0 - k / HIGH_PASS_Q + k * k) / a0);
    }

    private static double highPassA0(double sampleRate) {
        double k = Math.tan(Math.PI * HIGH_PASS_F0 / sampleRate);
        return 1.0 + k / HIGH_PASS_Q + k * k;
    }

    public double sampleRate() {
        return sampleRate;
    }

    /** Stage 1, the high shelf (+4 dB above ~2 kHz). */
    public Stage shelf() {
        return shelf;
    }

    /** Stage 2, the RLB high-pass (~38 Hz). */
    public Stage highPass() {
        return highPass;
    }

    /** Magnitude response of both stages in dB at {@code frequencyHz}. */
    public double magnitudeDb(double frequencyHz) {
        return shelf.magnitudeDb(frequencyHz, sampleRate) + highPass.magnitudeDb(frequencyHz, sampleRate);
    }
}

package io.mixfarm.engine.dsp;

/**
 * Panning, balance and stereo width.
 *
 * <ul>
 *   <li><b>Pan</b> (mono → stereo): constant-power −3 dB law. With θ = (pan + 1)·π/4,
 *       left = cos θ, right = sin θ; centre gives 1/√2 (−3.0103 dB) on each side and
 *       left² + right² = 1 everywhere. Evaluated as sin((1 − pan)·π/4) and sin((1 + pan)·π/4) so
 *       the hard-pan gains are exactly 0 and 1 and the law is exactly symmetric.</li>
 *   <li><b>Balance</b> (stereo → stereo): the side balanced away from is attenuated with the
 *       constant-power curve cos(|balance|·π/2) (−3.01 dB at ±0.5, silent at ±1); the other side
 *       stays at unity, so the centre is exactly unity on both sides. Evaluated as
 *       sin((1 − |balance|)·π/2), so that ±1 is exactly silent (cos(π/2) rounds to 6e-17).</li>
 *   <li><b>Width</b> (mid/side): M = (L + R)/2, S = (L − R)/2 · width, L' = M + S, R' = M − S;
 *       0 = mono, 1 = unchanged, 2 = side doubled.</li>
 * </ul>
 * Parameters out of range are rejected (callers validate them when a mix is loaded).
 */
public final class Pan {

    private static final double QUARTER_PI = Math.PI / 4;

    private Pan() {
    }

    /** Left gain of the constant-power pan law for pan in [−1, 1]. */
    public static double leftGain(double pan) {
        requireRange(pan, "pan");
        return Math.sin((1 - pan) * QUARTER_PI);
    }

    /** Right gain of the constant-power pan law for pan in [−1, 1]. */
    public static double rightGain(double pan) {
        requireRange(pan, "pan");
        return Math.sin((1 + pan) * QUARTER_PI);
    }

    /** Pans {@code frames} mono samples into {@code left} and {@code right} (overwriting them). */
    public static void monoToStereo(double[] mono, double[] left, double[] right, int frames, double pan) {
        double gl = leftGain(pan);
        double gr = rightGain(pan);
        for (int i = 0; i < frames; i++) {
            double x = mono[i];
            left[i] = x * gl;
            right[i] = x * gr;
        }
    }

    /** Left gain of the balance control for balance in [−1, 1]. */
    public static double balanceLeftGain(double balance) {
        requireRange(balance, "balance");
        return balance <= 0 ? 1.0 : Math.sin((1 - balance) * 2 * QUARTER_PI);
    }

    /** Right gain of the balance control for balance in [−1, 1]. */
    public static double balanceRightGain(double balance) {
        requireRange(balance, "balance");
        return balance >= 0 ? 1.0 : Math.sin((1 + balance) * 2 * QUARTER_PI);
    }

    /** Applies the balance control to a stereo pair in place. */
    public static void balance(double[] left, double[] right, int frames, double balance) {
        double gl = balanceLeftGain(balance);
        double gr = balanceRightGain(balance);
        for (int i = 0; i < frames; i++) {
            left[i] *= gl;
            right[i] *= gr;
        }
    }

    /** Scales the side signal of a stereo pair by {@code width} (0..2) in place. */
    public static void width(double[] left, double[] right, int frames, double width) {
        if (!(width >= 0 && width <= 2)) {
            throw new IllegalArgumentException("width must be in [0, 2], was " + width);
        }
        if (width == 1.0) {
            return; // exactly unchanged, not just to rounding
        }
        for (int i = 0; i < frames; i++) {
            double mid = 0.5 * (left[i] + right[i]);
            double side = 0.5 * (left[i] - right[i]) * width;
            left[i] = mid + side;
            right[i] = mid - side;
        }
    }

    private static void requireRange(double value, String name) {
        if (!(value >= -1 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [-1, 1], was " + value);
        }
    }
}

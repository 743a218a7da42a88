package io.mixfarm.engine.dsp;

/**
 * Fast, deterministic dB conversions for per-sample gain computers, where {@link Math#log} and
 * {@link Math#exp} dominate the cost. Both work on the binary exponent and a short polynomial of
 * the mantissa, in plain double arithmetic (so the result is the same on every JVM and thread):
 * errors are below 1e-6 dB over the whole double range that audio uses, far inside the 0.1 dB a
 * compressor's static curve must hold.
 */
public final class FastDecibels {

    private static final double LOG2_10_OVER_20 = Math.log(10) / Math.log(2) / 20; // dB → log2(gain)
    private static final double DB_PER_LOG2 = 20 * Math.log10(2);                  // log2(gain) → dB
    private static final double LN2 = Math.log(2);
    private static final double INV_LN2 = 1 / Math.log(2);
    private static final double SQRT2 = Math.sqrt(2);
    private static final double ROUNDER = 0x1.8p52;
    private static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
    private static final long EXPONENT_ONE = 0x3FF0_0000_0000_0000L;

    private FastDecibels() {
    }

    /** 10^(dB/20) to within 2e-7 relative (1e-6 dB); saturates to 0 below about −6000 dB. */
    public static double toGain(double db) {
        return exp2(db * LOG2_10_OVER_20);
    }

    /** 20·log10(gain) for a positive normal {@code gain}, to within 1e-6 dB. */
    public static double fromGain(double gain) {
        return log2(gain) * DB_PER_LOG2;
    }

    /**
     * 2^x: x = n + f with n the nearest integer, |f| ≤ ½; 2^f = e^(f·ln2) by its degree-7 Taylor
     * polynomial. n is found by adding 1.5·2^52, which rounds to an integer in the low mantissa
     * bits (cheaper than {@link Math#rint} and a cast); the clamp uses comparisons because
     * {@link Math#min}/{@link Math#max} pay for NaN handling.
     */
    static double exp2(double x) {
        double clamped = x < -1020.0 ? -1020.0 : (x > 1020.0 ? 1020.0 : x);
        double shifted = clamped + ROUNDER;
        long n = Double.doubleToRawLongBits(shifted); // low bits: 2^51 + round(x)
        double y = (clamped - (shifted - ROUNDER)) * LN2; // |y| ≤ 0.347: the first omitted term is below 2e-8
        double p = 1 + y * (1 + y * (1.0 / 2 + y * (1.0 / 6 + y * (1.0 / 24
                + y * (1.0 / 120 + y * (1.0 / 720 + y * (1.0 / 5040)))))));
        return p * Double.longBitsToDouble((n + 1023) << 52); // the 2^51 bit shifts out
    }

    /**
     * log2(x) for a positive normal x: x = m·2^e with m in [√½, √2), ln m = 2·atanh(t) with
     * t = (m − 1)/(m + 1), |t| ≤ 0.172, by its series to t⁹ (first omitted term below 3e-9).
     */
    static double log2(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) ((bits >>> 52) & 0x7FF) - 1023;
        double m = Double.longBitsToDouble((bits & MANTISSA) | EXPONENT_ONE);
        if (m > SQRT2) {
            m *= 0.5;
            e++;
        }
        double t = (m - 1) / (m + 1);
        double t2 = t * t;
        double ln = 2 * t * (1 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9)))));
        return e + ln * INV_LN2;
    }
}

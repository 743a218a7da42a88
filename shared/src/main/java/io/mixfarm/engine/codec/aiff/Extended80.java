package io.mixfarm.engine.codec.aiff;

/**
 * The 80-bit IEEE 754 extended-precision number AIFF stores its sample rate in: sign bit, 15-bit
 * exponent (bias 16383), 64-bit mantissa with an explicit integer bit.
 */
final class Extended80 {
    private static final int BIAS = 16383;

    private Extended80() {
    }

    /**
     * Converts to the nearest double; NaN for infinities and NaNs (exponent all ones), so callers
     * reject them like any other impossible rate.
     */
    static double toDouble(int signAndExponent, long mantissa) {
        int exponent = signAndExponent & 0x7FFF;
        if (exponent == 0x7FFF) {
            return Double.NaN;
        }
        if (mantissa == 0) {
            return 0.0;
        }
        // mantissa is an unsigned 64-bit integer scaled by 2^(exponent - bias - 63); the top 53
        // bits keep every integer rate exact.
        double value = Math.scalb((double) (mantissa >>> 11), exponent - BIAS - 52)
                + Math.scalb((double) (mantissa & 0x7FF), exponent - BIAS - 63);
        return (signAndExponent & 0x8000) != 0 ? -value : value;
    }
}

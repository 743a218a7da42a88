package io.mixfarm.render;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How every report writes a measured figure: rounded to 0.001, and null where JSON has no number. */
public final class JsonNumbers {
    private JsonNumbers() {
    }

    /** Puts {@code value} rounded to three decimals; silence (-inf dB) and undefined values become null. */
    public static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, round(value, 3));
        } else {
            node.putNull(key);
        }
    }

    /** {@code value} rounded half-up to {@code decimals} places. */
    public static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}

package io.mixfarm.engine.loudness;

import java.util.Arrays;

/** An append-only list of doubles; grows by doubling, so appends are amortized O(1). */
final class GrowableDoubles {

    private double[] values;
    private int size;

    GrowableDoubles(int initialCapacity) {
        values = new double[Math.max(1, initialCapacity)];
    }

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** The backing array; only {@code [0, size())} is meaningful. */
    double[] array() {
        return values;
    }

    void clear() {
        size = 0;
    }
}

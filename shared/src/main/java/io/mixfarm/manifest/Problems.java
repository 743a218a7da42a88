package io.mixfarm.manifest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Collects problems, with the range checks every rule uses. Not thread-safe. */
final class Problems {

    /** Beyond this a document is garbage; listing more only costs memory. */
    static final int MAX_PROBLEMS = 1000;

    private final List<ManifestProblem> list = new ArrayList<>();
    private int dropped;

    void add(String path, String message) {
        if (list.size() < MAX_PROBLEMS) {
            list.add(new ManifestProblem(path, message));
        } else {
            dropped++;
        }
    }

    void add(ManifestProblem problem) {
        if (list.size() < MAX_PROBLEMS) {
            list.add(problem);
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<ManifestProblem> toList() {
        List<ManifestProblem> all = new ArrayList<>(list);
        if (dropped > 0) {
            all.add(new ManifestProblem("", dropped + " more problems not listed"));
        }
        return List.copyOf(all);
    }

    /** Checks {@code min <= value <= max}; null (absent) values are not checked. */
    void range(String path, Double value, double min, double max, String unit) {
        if (value == null || !finite(path, value)) {
            return;
        }
        if (value < min) {
            add(path, number(value) + " is below " + number(min) + unit);
        } else if (value > max) {
            add(path, number(value) + " is above " + number(max) + unit);
        }
    }

    /** Checks {@code min <= value < max}. */
    void rangeBelow(String path, Double value, double min, double max, String unit) {
        if (value == null || !finite(path, value)) {
            return;
        }
        if (value < min) {
            add(path, number(value) + " is below " + number(min) + unit);
        } else if (value >= max) {
            add(path, number(value) + " is not below " + number(max) + unit);
        }
    }

    void range(String path, Integer value, int min, int max, String unit) {
        if (value != null) {
            range(path, value.doubleValue(), min, max, unit);
        }
    }

    private boolean finite(String path, double value) {
        if (Double.isFinite(value)) {
            return true;
        }
        add(path, number(value) + " is not a finite number");
        return false;
    }

    /** A number as a person writes it: 20000, not 20000.0; 0.5, not 5E-1. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

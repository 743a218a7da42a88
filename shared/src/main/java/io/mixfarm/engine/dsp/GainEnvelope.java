package io.mixfarm.engine.dsp;

import java.util.List;

/**
 * Immutable fader automation: breakpoints (time in seconds → gain in dB), linear in dB between
 * breakpoints, held constant before the first and after the last.
 */
public final class GainEnvelope {

    /** One breakpoint. */
    public record Point(double timeSeconds, double gainDb) {
        public Point {
            Decibels.requireFinite(timeSeconds, "timeSeconds");
            Decibels.requireFinite(gainDb, "gainDb");
            if (timeSeconds < 0) {
                throw new IllegalArgumentException("timeSeconds must be >= 0, was " + timeSeconds);
            }
        }
    }

    private final double[] times;
    private final double[] gainsDb;

    private GainEnvelope(double[] times, double[] gainsDb) {
        this.times = times;
        this.gainsDb = gainsDb;
    }

    /** An envelope through {@code points}, whose times must strictly increase. */
    public static GainEnvelope of(List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("automation needs at least one breakpoint");
        }
        double[] t = new double[points.size()];
        double[] g = new double[points.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = points.get(i).timeSeconds();
            g[i] = points.get(i).gainDb();
            if (i > 0 && !(t[i] > t[i - 1])) {
                throw new IllegalArgumentException("breakpoint times must strictly increase: point " + i
                        + " at " + t[i] + " s follows " + t[i - 1] + " s");
            }
        }
        return new GainEnvelope(t, g);
    }

    /** A constant gain. */
    public static GainEnvelope constant(double gainDb) {
        return of(List.of(new Point(0, gainDb)));
    }

    public int size() {
        return times.length;
    }

    public double timeAt(int index) {
        return times[index];
    }

    public double gainDbAtIndex(int index) {
        return gainsDb[index];
    }

    /** Gain in dB at {@code timeSeconds}. */
    public double gainDbAt(double timeSeconds) {
        return gainDbAt(timeSeconds, segmentAt(timeSeconds, 0));
    }

    /**
     * Index of the last breakpoint at or before {@code timeSeconds} (−1 before the first),
     * searching forward from {@code hint} (a previous answer for an earlier time).
     */
    int segmentAt(double timeSeconds, int hint) {
        int k = Math.max(hint, -1);
        while (k + 1 < times.length && times[k + 1] <= timeSeconds) {
            k++;
        }
        while (k >= 0 && times[k] > timeSeconds) {
            k--;
        }
        return k;
    }

    /** Gain in dB at {@code timeSeconds}, which lies in segment {@code k} (see {@link #segmentAt}). */
    double gainDbAt(double timeSeconds, int k) {
        if (k < 0) {
            return gainsDb[0];
        }
        if (k == times.length - 1) {
            return gainsDb[k];
        }
        double u = (timeSeconds - times[k]) / (times[k + 1] - times[k]);
        return gainsDb[k] + u * (gainsDb[k + 1] - gainsDb[k]);
    }

    /** Steepest slope between breakpoints in dB per second. */
    public double maxSlopeDbPerSecond() {
        double max = 0;
        for (int i = 1; i < times.length; i++) {
            max = Math.max(max, Math.abs(gainsDb[i] - gainsDb[i - 1]) / (times[i] - times[i - 1]));
        }
        return max;
    }
}

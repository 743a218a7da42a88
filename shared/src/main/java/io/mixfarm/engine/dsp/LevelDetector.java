package io.mixfarm.engine.dsp;

import java.util.Arrays;

/**
 * Linked level detector over a sliding window: per sample it reports the largest level of any
 * channel over the last {@code window} samples, as a linear measure (see {@link #nextMeasure}).
 *
 * <ul>
 *   <li>{@link Compressor.Detection#PEAK}: max |x| over the window (a peak-hold; a steady sine
 *       reads its peak amplitude, with no ripple, for any period up to the window length).
 *       Kept with a monotonic deque, O(1) amortized per sample.</li>
 *   <li>{@link Compressor.Detection#RMS}: per-channel mean of x² over the window (running sums,
 *       resummed exactly once per window to stop rounding drift); the loudest channel wins.
 *       A full-scale sine reads −3.01 dB.</li>
 * </ul>
 * The measure is an amplitude in peak mode and a power (mean square) in RMS mode, so the caller
 * compares it against thresholds in the same unit and converts to dB only when it must.
 */
final class LevelDetector {

    private final Compressor.Detection mode;
    private final int window;
    private final int channels;
    // Peak: deque of (value, time) in ring arrays.
    private final double[] dequeValue;
    private final long[] dequeTime;
    private int head;
    private int size;
    private long time;
    // RMS: per-channel ring of squares and running sums.
    private final double[][] squares;
    private final double[] sums;
    private int writePos;

    LevelDetector(Compressor.Detection mode, int window, int channels) {
        this.mode = mode;
        this.window = window;
        this.channels = channels;
        this.dequeValue = mode == Compressor.Detection.PEAK ? new double[window] : new double[0];
        this.dequeTime = mode == Compressor.Detection.PEAK ? new long[window] : new long[0];
        this.squares = mode == Compressor.Detection.RMS ? new double[channels][window] : new double[0][];
        this.sums = new double[channels];
    }

    void reset() {
        head = 0;
        size = 0;
        time = 0;
        writePos = 0;
        for (double[] s : squares) {
            Arrays.fill(s, 0);
        }
        Arrays.fill(sums, 0);
    }

    /** True when {@link #nextMeasure} returns a power (RMS mode), false for an amplitude. */
    boolean measuresPower() {
        return mode == Compressor.Detection.RMS;
    }

    /** Level of the window ending at sample {@code i} of {@code buffer}: amplitude or power. */
    double nextMeasure(double[][] buffer, int i) {
        return mode == Compressor.Detection.PEAK ? nextPeak(buffer, i) : nextMeanSquare(buffer, i);
    }

    private double nextPeak(double[][] buffer, int i) {
        double v = Math.abs(buffer[0][i]);
        for (int ch = 1; ch < channels; ch++) {
            v = Math.max(v, Math.abs(buffer[ch][i]));
        }
        // Expire first so the ring never holds more than `window` entries.
        if (size > 0 && dequeTime[head] <= time - window) {
            head = head + 1 == window ? 0 : head + 1;
            size--;
        }
        while (size > 0 && dequeValue[wrap(head + size - 1)] <= v) {
            size--;
        }
        int tail = wrap(head + size);
        dequeValue[tail] = v;
        dequeTime[tail] = time;
        size++;
        time++;
        return dequeValue[head];
    }

    private int wrap(int index) {
        return index >= window ? index - window : index;
    }

    private double nextMeanSquare(double[][] buffer, int i) {
        double loudest = 0;
        for (int ch = 0; ch < channels; ch++) {
            double x = buffer[ch][i];
            double sq = x * x;
            double[] ring = squares[ch];
            sums[ch] += sq - ring[writePos];
            ring[writePos] = sq;
            loudest = Math.max(loudest, sums[ch]);
        }
        writePos++;
        if (writePos == window) {
            writePos = 0;
            resum();
        }
        return loudest / window;
    }

    private void resum() {
        for (int ch = 0; ch < channels; ch++) {
            double s = 0;
            for (double v : squares[ch]) {
                s += v;
            }
            sums[ch] = s;
        }
    }
}

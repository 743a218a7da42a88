package io.mixfarm.engine.dsp;

import java.util.Arrays;

/**
 * Streaming band-limited sample-rate converter over a {@link PolyphaseTable}.
 *
 * <p>Output frame k is the polyphase filter evaluated at virtual index k·M = q·L + p: branch p
 * dotted with inputs x[q − T + 1 .. q]. Indices are tracked as exact integers across blocks, so the
 * output is bit-identical whatever block sizes are fed. The filter is linear phase with an
 * integer delay: an input event at time t appears at output time t + {@link #latencyFrames()}
 * output frames. {@link #flush} drains the tail so that, in total, latency + ⌈N·L/M⌉ frames come
 * out for N input frames.
 */
public final class Resampler {

    private final PolyphaseTable table;
    private final double[] coefficients;
    private final int taps;
    private final int up;
    private final int stepWhole;
    private final int stepFraction;

    private int channels;
    private int chunk;
    private double[][] history = new double[0][];
    private long historyStart; // input index of history[ch][0]
    private int filled;
    private long q;            // input index of the next output's newest tap
    private int phase;         // its polyphase branch
    private long outputCount;
    private long inputCount;

    public Resampler(PolyphaseTable table) {
        this.table = table;
        this.coefficients = table.coefficients();
        this.taps = table.tapsPerPhase();
        this.up = table.up();
        this.stepWhole = table.down() / up;
        this.stepFraction = table.down() % up;
    }

    /** Convenience: designs the table for {@code inRate} → {@code outRate}. */
    public static Resampler create(int inRate, int outRate) {
        return new Resampler(PolyphaseTable.design(inRate, outRate));
    }

    /**
     * Allocates history for {@code channels}; {@code sampleRate} must be the table's input rate.
     * Blocks of any length may be processed; they are consumed internally in pieces of at most
     * {@code maxBlock} frames.
     */
    public void prepare(double sampleRate, int maxBlock, int channels) {
        Decibels.requirePrepareArgs(sampleRate, maxBlock, channels);
        if (sampleRate != table.inRate()) {
            throw new IllegalArgumentException("resampler built for " + table.inRate() + " Hz input, prepared at " + sampleRate);
        }
        this.channels = channels;
        this.chunk = maxBlock;
        this.history = new double[channels][taps - 1 + maxBlock];
        reset();
    }

    public void reset() {
        for (double[] h : history) {
            Arrays.fill(h, 0);
        }
        historyStart = -(taps - 1);
        filled = taps - 1;
        q = 0;
        phase = 0;
        outputCount = 0;
        inputCount = 0;
    }

    public PolyphaseTable table() {
        return table;
    }

    /** Group delay in output frames. */
    public int latencyFrames() {
        return table.latencyFrames();
    }

    /** Upper bound of the frames one {@link #process} call of {@code inFrames} can write. */
    public int maxOutputFrames(int inFrames) {
        return (int) ((long) inFrames * up / table.down()) + 2;
    }

    /** Frames {@link #flush} will still write. */
    public int flushFrames() {
        long total = latencyFrames() + ceilDiv(inputCount * up, table.down());
        return (int) Math.max(0, total - outputCount);
    }

    /**
     * Converts {@code inFrames} frames of {@code in} (planar, one array per channel) and writes the
     * available output to {@code out} from index 0; returns the number of frames written.
     * {@code out} must hold {@link #maxOutputFrames(int)} frames.
     */
    public int process(double[][] in, int inFrames, double[][] out) {
        int produced = 0;
        int consumed = 0;
        while (consumed < inFrames) {
            int n = Math.min(chunk, inFrames - consumed);
            for (int ch = 0; ch < channels; ch++) {
                System.arraycopy(in[ch], consumed, history[ch], filled, n);
            }
            filled += n;
            consumed += n;
            inputCount += n;
            produced += drain(out, produced, Long.MAX_VALUE);
            compact();
        }
        return produced;
    }

    /**
     * Feeds silence until every output frame belonging to the input so far has been written
     * ({@link #flushFrames()} frames, written to {@code out} from index 0); returns that count.
     * Call {@link #reset()} before reusing the resampler for a new stream.
     */
    public int flush(double[][] out) {
        long target = outputCount + flushFrames();
        int produced = 0;
        while (outputCount < target) {
            int n = Math.min(chunk, history[0].length - filled);
            for (int ch = 0; ch < channels; ch++) {
                Arrays.fill(history[ch], filled, filled + n, 0.0);
            }
            filled += n;
            produced += drain(out, produced, target);
            compact();
        }
        return produced;
    }

    private int drain(double[][] out, int offset, long limit) {
        long available = historyStart + filled; // first input index not yet received
        int written = 0;
        while (q < available && outputCount < limit) {
            int start = (int) (q - (taps - 1) - historyStart);
            int coefStart = phase * taps;
            if (channels == 2) {
                dotStereo(coefficients, coefStart, history[0], history[1], start, taps, out, offset + written);
            } else {
                for (int ch = 0; ch < channels; ch++) {
                    out[ch][offset + written] = dot(coefficients, coefStart, history[ch], start, taps);
                }
            }
            written++;
            outputCount++;
            q += stepWhole;
            phase += stepFraction;
            if (phase >= up) {
                phase -= up;
                q++;
            }
        }
        return written;
    }

    /** Keeps only the T − 1 inputs the next output needs at the front of the history. */
    private void compact() {
        long keepFrom = Math.min(q - (taps - 1), historyStart + filled);
        int drop = (int) (keepFrom - historyStart);
        if (drop <= 0) {
            return;
        }
        int keep = filled - drop;
        for (int ch = 0; ch < channels; ch++) {
            System.arraycopy(history[ch], drop, history[ch], 0, keep);
        }
        historyStart = keepFrom;
        filled = keep;
    }

    /** Dot product with four independent accumulators (breaks the add-latency chain). */
    private static double dot(double[] c, int cOff, double[] x, int xOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += c[cOff + i] * x[xOff + i];
            s1 += c[cOff + i + 1] * x[xOff + i + 1];
            s2 += c[cOff + i + 2] * x[xOff + i + 2];
            s3 += c[cOff + i + 3] * x[xOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += c[cOff + i] * x[xOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Both channels of a stereo frame in one pass over the coefficients (each loaded once). Same
     * summation order as {@link #dot}, so stereo and per-channel results are identical.
     */
    private static void dotStereo(double[] c, int cOff, double[] left, double[] right, int xOff, int n,
                                  double[][] out, int at) {
        double l0 = 0;
        double l1 = 0;
        double l2 = 0;
        double l3 = 0;
        double r0 = 0;
        double r1 = 0;
        double r2 = 0;
        double r3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double c0 = c[cOff + i];
            double c1 = c[cOff + i + 1];
            double c2 = c[cOff + i + 2];
            double c3 = c[cOff + i + 3];
            l0 += c0 * left[xOff + i];
            l1 += c1 * left[xOff + i + 1];
            l2 += c2 * left[xOff + i + 2];
            l3 += c3 * left[xOff + i + 3];
            r0 += c0 * right[xOff + i];
            r1 += c1 * right[xOff + i + 1];
            r2 += c2 * right[xOff + i + 2];
            r3 += c3 * right[xOff + i + 3];
        }
        for (; i < n; i++) {
            l0 += c[cOff + i] * left[xOff + i];
            r0 += c[cOff + i] * right[xOff + i];
        }
        out[0][at] = (l0 + l1) + (l2 + l3);
        out[1][at] = (r0 + r1) + (r2 + r3);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

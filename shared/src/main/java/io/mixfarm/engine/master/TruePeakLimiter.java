package io.mixfarm.engine.master;

import io.mixfarm.engine.dsp.Decibels;

/**
 * A look-ahead true-peak limiter: the output's band-limited (inter-sample) peaks stay at or below
 * a ceiling in dBTP, with a gain that moves smoothly (no clicks, no steps, no clipping).
 *
 * <p>Detection is linked over channels on an oversampled grid ({@link OversampledPeakDetector});
 * the gain comes from {@link LimiterEnvelope} (look-ahead attack as an S-curve, hold, exponential
 * release). The audio is delayed by {@link #latencyFrames()} so the gain is already down when a
 * peak arrives. The limiter aims at {@code ceiling − margin}; callers verify the result with an
 * independent meter and lower the aim if an over remains (see {@link SongMastering}).
 *
 * <p>{@link #prepare} allocates; {@link #process} works in place, never allocates and delays the
 * signal: the first {@link #latencyFrames()} output frames belong to the time before the input
 * started, and the end of the input comes out after {@code latencyFrames()} further frames of
 * (for example) silence.
 */
public final class TruePeakLimiter {

    /** Frames per group whose gain product gives one logarithm for the mean reduction. */
    private static final int LOG_GROUP = 32;

    private final double aimDbtp;
    private final LimiterSettings settings;
    private OversampledPeakDetector detector;
    private LimiterEnvelope envelope;
    private double aim;
    private double[][] delay;
    private int delayPos;
    private int latency;
    private int channels;
    private final double[] peaks = new double[OversampledPeakDetector.CHUNK];
    private final double[] gains = new double[OversampledPeakDetector.CHUNK];
    private long processed;
    private double minGain;
    private double logSum;
    private double groupProduct;
    private int groupFill;
    private long measured;

    /** A limiter holding {@code ceilingDbtp − settings.marginDb()}. */
    public TruePeakLimiter(double ceilingDbtp, LimiterSettings settings) {
        if (!Double.isFinite(ceilingDbtp) || ceilingDbtp > 6) {
            throw new IllegalArgumentException("ceiling must be finite and at most +6 dBTP, was " + ceilingDbtp);
        }
        this.aimDbtp = ceilingDbtp - settings.marginDb();
        this.settings = settings;
    }

    public void prepare(int sampleRate, int maxBlock, int channels) {
        if (maxBlock < 1 || channels < 1) {
            throw new IllegalArgumentException("maxBlock and channels must be at least 1");
        }
        this.channels = channels;
        this.aim = Decibels.toGain(aimDbtp);
        detector = new OversampledPeakDetector(sampleRate, channels);
        int attack = Math.max(2, (int) Math.round(settings.lookaheadMs() * sampleRate / 1000.0));
        int extraHold = (int) Math.round(settings.holdMs() * sampleRate / 1000.0);
        // Two samples either side: the gain is flat across a peak's reconstruction kernel centre.
        envelope = new LimiterEnvelope(aim, attack, extraHold, 2,
                settings.releaseMs() * sampleRate / 1000.0);
        latency = detector.latencyFrames() + envelope.delayFrames();
        delay = new double[channels][latency];
        reset();
    }

    /** Frames by which the output trails the input. */
    public int latencyFrames() {
        return latency;
    }

    /** The level the limiter holds: ceiling − margin, dBTP. */
    public double aimDbtp() {
        return aimDbtp;
    }

    public void reset() {
        detector.reset();
        envelope.reset();
        for (double[] d : delay) {
            java.util.Arrays.fill(d, 0.0);
        }
        delayPos = 0;
        processed = 0;
        minGain = 1.0;
        logSum = 0;
        groupProduct = 1.0;
        groupFill = 0;
        measured = 0;
    }

    /** Limits {@code frames} frames of {@code buffer[channel]} in place (delayed by the latency). */
    public void process(double[][] buffer, int frames) {
        for (int done = 0; done < frames; ) {
            int n = Math.min(OversampledPeakDetector.CHUNK, frames - done);
            detector.process(buffer, done, n, aim, peaks);
            if (envelope.atRest() && maxOf(peaks, n) <= aim) {
                envelope.skipAtRest(n); // the common case below the ceiling: unity, nothing to compute
                java.util.Arrays.fill(gains, 0, n, 1.0);
            } else {
                for (int i = 0; i < n; i++) {
                    gains[i] = envelope.next(peaks[i]);
                }
            }
            applyDelayed(buffer, done, n);
            collectStatistics(n);
            done += n;
        }
    }

    private static double maxOf(double[] x, int n) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[i]);
        }
        return max;
    }

    /**
     * Replaces {@code buffer[c][from .. from + n)} by the samples {@code latency} earlier times
     * the gains, keeping the newest {@code latency} samples in a ring. Works in contiguous runs of
     * the ring so the inner loops are plain array loops.
     */
    private void applyDelayed(double[][] buffer, int from, int n) {
        for (int c = 0; c < channels; c++) {
            double[] d = delay[c];
            double[] x = buffer[c];
            int pos = delayPos;
            for (int done = 0; done < n; ) {
                int run = Math.min(n - done, latency - pos);
                for (int i = 0; i < run; i++) {
                    double in = x[from + done + i];
                    x[from + done + i] = d[pos + i] * gains[done + i];
                    d[pos + i] = in;
                }
                done += run;
                pos += run;
                if (pos == latency) {
                    pos = 0;
                }
            }
        }
        delayPos = (int) ((delayPos + (long) n) % latency);
    }

    private void collectStatistics(int n) {
        int skip = (int) Math.max(0, Math.min(n, latency - processed)); // frames from before the start
        processed += n;
        for (int i = skip; i < n; i++) {
            double g = gains[i];
            if (g < minGain) {
                minGain = g;
            }
            groupProduct *= g;
            if (++groupFill == LOG_GROUP) {
                logSum += Math.log(groupProduct);
                groupProduct = 1.0;
                groupFill = 0;
            }
        }
        measured += n - skip;
    }

    /** Largest gain reduction so far, dB (≥ 0). */
    public double maxReductionDb() {
        return Math.max(0.0, -Decibels.fromGain(minGain));
    }

    /** Mean gain reduction over all output frames so far, dB (≥ 0). */
    public double meanReductionDb() {
        if (measured == 0) {
            return 0.0;
        }
        double log = logSum + Math.log(groupProduct);
        return Math.max(0.0, -log / measured * (20.0 / Math.log(10.0)));
    }
}

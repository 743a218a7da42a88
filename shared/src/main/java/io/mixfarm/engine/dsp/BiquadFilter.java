package io.mixfarm.engine.dsp;

/**
 * A cascade of biquad sections applied per channel, in place.
 *
 * <p>Structure: Direct Form I, y = b0·x + b1·x1 + b2·x2 − a1·y1 − a2·y2. Its state is the
 * filter's own input and output history, so no internal node can grow beyond the signal: at low
 * cut-off frequencies (poles near z = 1) Transposed Direct Form II keeps states that are large
 * differences of nearly cancelling terms, while DF1 has a single rounding point whose error is
 * shaped only by the poles. DF1 also tolerates coefficient changes between blocks without
 * transients from inconsistent internal state. The cost (four state values instead of two) is
 * irrelevant in double precision.
 */
public final class BiquadFilter {

    private static final int STATE_PER_STAGE = 4; // x1, x2, y1, y2

    private final BiquadCoefficients[] stages;
    private double[][] state = new double[0][];

    /** A filter running the given sections in order; all must share one sample rate. */
    public BiquadFilter(BiquadCoefficients... stages) {
        if (stages.length == 0) {
            throw new IllegalArgumentException("at least one biquad stage is required");
        }
        this.stages = stages.clone();
        for (BiquadCoefficients s : this.stages) {
            requireRate(s, this.stages[0].sampleRate());
        }
    }

    /** Allocates state for {@code channels}; the sections must be designed for {@code sampleRate}. */
    public void prepare(double sampleRate, int maxBlock, int channels) {
        Decibels.requirePrepareArgs(sampleRate, maxBlock, channels);
        requireRate(stages[0], sampleRate);
        state = new double[channels][stages.length * STATE_PER_STAGE];
    }

    /** Replaces one section (e.g. an EQ band being changed); takes effect from the next sample processed. */
    public void setStage(int index, BiquadCoefficients coefficients) {
        requireRate(coefficients, stages[0].sampleRate());
        stages[index] = coefficients;
    }

    public int stageCount() {
        return stages.length;
    }

    public BiquadCoefficients stage(int index) {
        return stages[index];
    }

    /** Clears all history. */
    public void reset() {
        for (double[] s : state) {
            java.util.Arrays.fill(s, 0.0);
        }
    }

    /** Filters {@code frames} samples of every prepared channel of {@code buffer}, in place. */
    public void process(double[][] buffer, int frames) {
        if (state.length == 2) {
            processStereo(buffer[0], buffer[1], frames);
            return;
        }
        for (int ch = 0; ch < state.length; ch++) {
            processChannel(ch, buffer[ch], 0, frames);
        }
    }

    /**
     * Both channels of a stereo pair in one loop per section: each channel's recursion is a chain
     * of dependent multiply-adds, and running two independent chains side by side lets the CPU
     * overlap them. Every channel sees exactly the arithmetic of {@link #processChannel}.
     */
    private void processStereo(double[] left, double[] right, int frames) {
        double[] sl = state[0];
        double[] sr = state[1];
        for (int s = 0; s < stages.length; s++) {
            BiquadCoefficients c = stages[s];
            int base = s * STATE_PER_STAGE;
            double b0 = c.b0();
            double b1 = c.b1();
            double b2 = c.b2();
            double a1 = c.a1();
            double a2 = c.a2();
            double lx1 = sl[base];
            double lx2 = sl[base + 1];
            double ly1 = sl[base + 2];
            double ly2 = sl[base + 3];
            double rx1 = sr[base];
            double rx2 = sr[base + 1];
            double ry1 = sr[base + 2];
            double ry2 = sr[base + 3];
            for (int i = 0; i < frames; i++) {
                double lin = left[i];
                double rin = right[i];
                double lout = (b0 * lin + b1 * lx1 + b2 * lx2 - a2 * ly2) - a1 * ly1;
                double rout = (b0 * rin + b1 * rx1 + b2 * rx2 - a2 * ry2) - a1 * ry1;
                lx2 = lx1;
                lx1 = lin;
                ly2 = ly1;
                ly1 = lout;
                rx2 = rx1;
                rx1 = rin;
                ry2 = ry1;
                ry1 = rout;
                left[i] = lout;
                right[i] = rout;
            }
            sl[base] = Decibels.snap(lx1);
            sl[base + 1] = Decibels.snap(lx2);
            sl[base + 2] = Decibels.snap(ly1);
            sl[base + 3] = Decibels.snap(ly2);
            sr[base] = Decibels.snap(rx1);
            sr[base + 1] = Decibels.snap(rx2);
            sr[base + 2] = Decibels.snap(ry1);
            sr[base + 3] = Decibels.snap(ry2);
        }
    }

    /** Filters {@code frames} samples of one channel starting at {@code offset}, in place. */
    public void processChannel(int channel, double[] samples, int offset, int frames) {
        double[] st = state[channel];
        for (int s = 0; s < stages.length; s++) {
            BiquadCoefficients c = stages[s];
            int base = s * STATE_PER_STAGE;
            runStage(c.b0(), c.b1(), c.b2(), c.a1(), c.a2(), st, base, samples, offset, frames);
        }
    }

    private static void runStage(double b0, double b1, double b2, double a1, double a2,
                                 double[] st, int base, double[] x, int offset, int frames) {
        double x1 = st[base];
        double x2 = st[base + 1];
        double y1 = st[base + 2];
        double y2 = st[base + 3];
        int end = offset + frames;
        for (int i = offset; i < end; i++) {
            double in = x[i];
            // The feed-forward part and the y2 term do not depend on y1: only one multiply-add
            // sits on the recursive critical path.
            double partial = b0 * in + b1 * x1 + b2 * x2 - a2 * y2;
            double out = partial - a1 * y1;
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = out;
            x[i] = out;
        }
        st[base] = Decibels.snap(x1);
        st[base + 1] = Decibels.snap(x2);
        st[base + 2] = Decibels.snap(y1);
        st[base + 3] = Decibels.snap(y2);
    }

    private static void requireRate(BiquadCoefficients c, double sampleRate) {
        if (c.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("biquad designed for " + c.sampleRate()
                    + " Hz used at " + sampleRate + " Hz");
        }
    }
}

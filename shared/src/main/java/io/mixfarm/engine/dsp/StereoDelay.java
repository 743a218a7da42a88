package io.mixfarm.engine.dsp;

import java.util.Arrays;

/**
 * Feedback delay effect, 100 % wet, for one or two channels. The delay is an integer number of
 * samples, round(delayMs·fs/1000), so echoes land exactly on the set sample positions.
 *
 * <p>Normal mode: each channel is its own delay line; echo k (k ≥ 1) arrives at k·D with gain
 * feedback^(k−1). Ping-pong (stereo only): the mono sum (L + R)/2 enters the left line, the left
 * line feeds the right one and the right feeds back into the left, so echoes alternate
 * L, R, L… at D, 2D, 3D with gains 1, feedback, feedback². The optional high-cut is a one-pole
 * low-pass (unity DC gain) in the feedback path: the first echo is untouched, each repeat is
 * darker.
 */
public final class StereoDelay {

    /**
     * @param delayMs   delay time in milliseconds (see {@link NoteValue#delayMs} for tempo sync)
     * @param feedback  gain of each repeat, in [0, 1)
     * @param highCutHz cut-off of the feedback low-pass, or 0 for none
     * @param pingPong  alternate echoes between left and right
     */
    public record Settings(double delayMs, double feedback, double highCutHz, boolean pingPong) {
        public Settings {
            if (!(delayMs > 0) || delayMs > 10_000) {
                throw new IllegalArgumentException("delayMs must be in (0, 10000], was " + delayMs);
            }
            if (!(feedback >= 0 && feedback < 1)) {
                throw new IllegalArgumentException("feedback must be in [0, 1), was " + feedback);
            }
            if (!(highCutHz >= 0) || !Double.isFinite(highCutHz)) {
                throw new IllegalArgumentException("highCutHz must be >= 0 (0 = off), was " + highCutHz);
            }
        }
    }

    private final Settings settings;
    private int delay;
    private int channels;
    private double pole;
    private double[][] rings = new double[0][];
    private final double[] lowPassState = new double[2];
    private int pos;

    public StereoDelay(Settings settings) {
        this.settings = settings;
    }

    public void prepare(double sampleRate, int maxBlock, int channels) {
        Decibels.requirePrepareArgs(sampleRate, maxBlock, channels);
        if (channels > 2 || (settings.pingPong() && channels != 2)) {
            throw new IllegalArgumentException("StereoDelay takes 1 or 2 channels (ping-pong needs 2), got " + channels);
        }
        if (settings.highCutHz() >= sampleRate / 2) {
            throw new IllegalArgumentException("highCutHz must be below Nyquist, was " + settings.highCutHz());
        }
        this.delay = (int) Math.round(settings.delayMs() * sampleRate / 1000.0);
        if (delay < 1) {
            throw new IllegalArgumentException("delay of " + settings.delayMs() + " ms is under one sample");
        }
        this.channels = channels;
        this.pole = settings.highCutHz() > 0 ? OnePoleLowPass.poleForCutoff(settings.highCutHz(), sampleRate) : 0;
        this.rings = new double[channels][delay];
        reset();
    }

    /** The delay in samples (valid after prepare). */
    public int delaySamples() {
        return delay;
    }

    public void reset() {
        for (double[] r : rings) {
            Arrays.fill(r, 0);
        }
        Arrays.fill(lowPassState, 0);
        pos = 0;
    }

    /** Replaces the dry input of {@code frames} frames by the wet echoes, in place. */
    public void process(double[][] buffer, int frames) {
        if (settings.pingPong()) {
            processPingPong(buffer[0], buffer[1], frames);
        } else {
            for (int ch = 0; ch < channels; ch++) {
                processChannel(ch, buffer[ch], frames);
            }
            pos = (int) ((pos + (long) frames) % delay);
        }
        lowPassState[0] = Decibels.snap(lowPassState[0]);
        lowPassState[1] = Decibels.snap(lowPassState[1]);
    }

    private void processChannel(int ch, double[] x, int frames) {
        double[] ring = rings[ch];
        double fb = settings.feedback();
        double a = pole;
        double lp = lowPassState[ch];
        int p = pos;
        for (int i = 0; i < frames; i++) {
            double echo = ring[p];
            lp = (1 - a) * echo + a * lp; // with a = 0 (no high-cut) this is exactly echo
            ring[p] = Decibels.flushTiny(x[i] + fb * lp);
            x[i] = echo;
            if (++p == delay) {
                p = 0;
            }
        }
        lowPassState[ch] = lp;
    }

    private void processPingPong(double[] left, double[] right, int frames) {
        double[] ringL = rings[0];
        double[] ringR = rings[1];
        double fb = settings.feedback();
        double a = pole;
        double lpL = lowPassState[0];
        double lpR = lowPassState[1];
        int p = pos;
        for (int i = 0; i < frames; i++) {
            double echoL = ringL[p];
            double echoR = ringR[p];
            lpL = (1 - a) * echoL + a * lpL;
            lpR = (1 - a) * echoR + a * lpR;
            double input = 0.5 * (left[i] + right[i]);
            ringL[p] = Decibels.flushTiny(input + fb * lpR);
            ringR[p] = Decibels.flushTiny(fb * lpL);
            left[i] = echoL;
            right[i] = echoR;
            if (++p == delay) {
                p = 0;
            }
        }
        lowPassState[0] = lpL;
        lowPassState[1] = lpR;
        pos = p;
    }
}

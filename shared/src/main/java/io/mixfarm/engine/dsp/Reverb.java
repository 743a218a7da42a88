package io.mixfarm.engine.dsp;

import java.util.Arrays;

/**
 * Algorithmic stereo reverb, 100 % wet (an effect-bus insert): pre-delay, then per channel a chain
 * of four Schroeder all-pass diffusers, then a 16-line feedback delay network.
 *
 * <ul>
 *   <li>Delay lengths: distinct primes (hence mutually prime) near 15·3.5^(i/15) ms (15 to 52 ms) × size, so
 *       echo times never line up into audible periodicities.</li>
 *   <li>Feedback matrix: 16×16 Hadamard / 4 (orthogonal, so lossless; applied as a fast
 *       Walsh–Hadamard transform, 64 additions).</li>
 *   <li>Decay (Jot): line i of d_i samples is attenuated by g_i = 10^(−3·d_i/(fs·T60)) per pass,
 *       so every path loses 60 dB in T60 seconds whatever its route through the matrix. A
 *       one-pole low-pass with unity DC gain per line adds high-frequency damping: its gain at
 *       Nyquist is chosen so that there T60 is {@code highFrequencyRatio}·T60. The decay at low
 *       frequencies is therefore {@code decaySeconds}.</li>
 *   <li>Stereo: the left input feeds the even lines and the right input the odd lines; the
 *       outputs are two orthogonal ±1 combinations (Hadamard rows) of all lines, which makes them
 *       decorrelated.</li>
 * </ul>
 * There is no modulation: output is a deterministic function of the input.
 */
public final class Reverb {

    private static final int LINES = 16;
    private static final double SHORTEST_MS = 15;
    private static final double SPREAD = 3.5;
    private static final double[][] DIFFUSER_MS = {{4.77, 3.60, 12.73, 9.31}, {5.13, 3.31, 11.87, 8.71}};
    private static final double[] DIFFUSER_GAIN = {0.75, 0.75, 0.625, 0.625};
    private static final double OUTPUT_SCALE = 1.0 / Math.sqrt(LINES);

    /**
     * @param decaySeconds       RT60 at low frequencies, in [0.1, 30] s
     * @param size               room size scaling of the delay lengths, in [0.25, 2]
     * @param highFrequencyRatio T60 at Nyquist relative to decaySeconds, in (0, 1] (1 = no damping)
     * @param preDelayMs         delay before the reverb starts, in [0, 500] ms
     */
    public record Settings(double decaySeconds, double size, double highFrequencyRatio, double preDelayMs) {
        public Settings {
            if (!(decaySeconds >= 0.1 && decaySeconds <= 30)) {
                throw new IllegalArgumentException("decaySeconds must be in [0.1, 30], was " + decaySeconds);
            }
            if (!(size >= 0.25 && size <= 2)) {
                throw new IllegalArgumentException("size must be in [0.25, 2], was " + size);
            }
            if (!(highFrequencyRatio > 0 && highFrequencyRatio <= 1)) {
                throw new IllegalArgumentException("highFrequencyRatio must be in (0, 1], was " + highFrequencyRatio);
            }
            if (!(preDelayMs >= 0 && preDelayMs <= 500)) {
                throw new IllegalArgumentException("preDelayMs must be in [0, 500], was " + preDelayMs);
            }
        }
    }

    private final Settings settings;
    private final int[] lengths = new int[LINES];
    private final double[] lineGain = new double[LINES];
    private final double[] dampPole = new double[LINES];
    private final double[] dampState = new double[LINES];
    private final double[] v = new double[LINES];
    private final double[] scratch = new double[LINES];
    private final int[] linePos = new int[LINES];
    private double[][] lines = new double[0][];
    private SchroederAllpass[][] diffusers = new SchroederAllpass[0][];
    private double[][] preDelay = new double[0][];
    private int preDelayPos;
    private int channels;

    public Reverb(Settings settings) {
        this.settings = settings;
    }

    /** Allocates all delay memory. Mono input feeds both sides; output is written to 1 or 2 channels. */
    public void prepare(double sampleRate, int maxBlock, int channels) {
        Decibels.requirePrepareArgs(sampleRate, maxBlock, channels);
        if (channels > 2) {
            throw new IllegalArgumentException("Reverb takes 1 or 2 channels, got " + channels);
        }
        this.channels = channels;
        designLines(sampleRate);
        lines = new double[LINES][];
        for (int i = 0; i < LINES; i++) {
            lines[i] = new double[lengths[i]];
        }
        diffusers = new SchroederAllpass[2][DIFFUSER_GAIN.length];
        for (int side = 0; side < 2; side++) {
            for (int k = 0; k < DIFFUSER_GAIN.length; k++) {
                int len = Math.max(1, (int) Math.round(DIFFUSER_MS[side][k] * sampleRate / 1000));
                diffusers[side][k] = new SchroederAllpass(len, DIFFUSER_GAIN[k]);
            }
        }
        int pre = (int) Math.round(settings.preDelayMs() * sampleRate / 1000);
        preDelay = new double[2][pre + 1];
        reset();
    }

    private void designLines(double sampleRate) {
        double t60 = settings.decaySeconds();
        double hfExtra = 1 / settings.highFrequencyRatio() - 1;
        int previous = 1;
        for (int i = 0; i < LINES; i++) {
            double ms = SHORTEST_MS * Math.pow(SPREAD, i / (double) (LINES - 1)) * settings.size();
            int target = Math.max((int) Math.round(ms * sampleRate / 1000), previous + 1);
            lengths[i] = nextPrime(target);
            previous = lengths[i];
            double exponent = -3.0 * lengths[i] / (sampleRate * t60);
            lineGain[i] = Math.pow(10, exponent);
            dampPole[i] = OnePoleLowPass.poleForNyquistGain(Math.pow(10, exponent * hfExtra));
        }
    }

    private static int nextPrime(int n) {
        int c = Math.max(2, n);
        while (!isPrime(c)) {
            c++;
        }
        return c;
    }

    private static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** Delay line lengths in samples (valid after prepare). */
    public int[] delayLengths() {
        return lengths.clone();
    }

    public void reset() {
        for (double[] line : lines) {
            Arrays.fill(line, 0);
        }
        for (SchroederAllpass[] side : diffusers) {
            for (SchroederAllpass ap : side) {
                ap.reset();
            }
        }
        for (double[] p : preDelay) {
            Arrays.fill(p, 0);
        }
        Arrays.fill(dampState, 0);
        Arrays.fill(linePos, 0);
        preDelayPos = 0;
    }

    /** Replaces {@code frames} frames of input by the reverb's wet output, in place. */
    public void process(double[][] buffer, int frames) {
        double[] left = buffer[0];
        double[] right = buffer[channels - 1];
        int preLen = preDelay[0].length;
        for (int i = 0; i < frames; i++) {
            preDelay[0][preDelayPos] = left[i];
            preDelay[1][preDelayPos] = right[i];
            if (++preDelayPos == preLen) {
                preDelayPos = 0;
            }
            double inL = diffuse(diffusers[0], preDelay[0][preDelayPos]);
            double inR = diffuse(diffusers[1], preDelay[1][preDelayPos]);
            tick(inL, inR);
            double outL = 0;
            double outR = 0;
            for (int k = 0; k < LINES; k++) {
                // Hadamard rows 1 (+−+−…) and 2 (++−−…): orthogonal taps, decorrelated outputs.
                outL += ((k & 1) == 0 ? v[k] : -v[k]);
                outR += ((k & 2) == 0 ? v[k] : -v[k]);
            }
            if (channels == 1) {
                left[i] = 0.5 * (outL + outR) * OUTPUT_SCALE;
            } else {
                left[i] = outL * OUTPUT_SCALE;
                right[i] = outR * OUTPUT_SCALE;
            }
        }
        // Denormals: every value circulating in the network is passed through flushTiny as it is
        // computed (per sample rather than per block, so output does not depend on block size).
    }

    private static double diffuse(SchroederAllpass[] chain, double x) {
        for (SchroederAllpass ap : chain) {
            x = ap.process(x);
        }
        return x;
    }

    /** One step of the network: read lines, damp, mix, write back with the new input. */
    private void tick(double inL, double inR) {
        for (int k = 0; k < LINES; k++) {
            double out = lines[k][linePos[k]] * lineGain[k];
            double a = dampPole[k];
            dampState[k] = Decibels.flushTiny((1 - a) * out + a * dampState[k]);
            v[k] = dampState[k];
        }
        double[] mixed = hadamardInto(v);
        for (int k = 0; k < LINES; k++) {
            lines[k][linePos[k]] = Decibels.flushTiny(mixed[k] + ((k & 1) == 0 ? inL : inR));
            if (++linePos[k] == lengths[k]) {
                linePos[k] = 0;
            }
        }
    }

    /** Orthonormal 16-point Walsh–Hadamard transform of {@code x} (into a scratch array). */
    private double[] hadamardInto(double[] x) {
        double[] y = scratch;
        System.arraycopy(x, 0, y, 0, LINES);
        for (int h = 1; h < LINES; h <<= 1) {
            for (int i = 0; i < LINES; i += h << 1) {
                for (int j = i; j < i + h; j++) {
                    double a = y[j];
                    double b = y[j + h];
                    y[j] = a + b;
                    y[j + h] = a - b;
                }
            }
        }
        for (int i = 0; i < LINES; i++) {
            y[i] *= 0.25;
        }
        return y;
    }
}

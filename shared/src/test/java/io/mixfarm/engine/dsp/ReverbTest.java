package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReverbTest {

    private static final double FS = 48000;
    /** Fraction of Gaussian samples beyond one standard deviation: erfc(1/√2). */
    private static final double GAUSSIAN_FRACTION = 0.3173;

    /** Stereo impulse response (impulse in both inputs) of {@code seconds}, in blocks of {@code block}. */
    static double[][] impulseResponse(Reverb.Settings s, double seconds, int block) {
        Reverb r = new Reverb(s);
        r.prepare(FS, block, 2);
        int n = (int) (seconds * FS);
        double[][] out = new double[2][n];
        double[][] buf = new double[2][block];
        for (int pos = 0; pos < n; pos += block) {
            int len = Math.min(block, n - pos);
            Arrays.fill(buf[0], 0);
            Arrays.fill(buf[1], 0);
            if (pos == 0) {
                buf[0][0] = 1;
                buf[1][0] = 1;
            }
            r.process(buf, len);
            System.arraycopy(buf[0], 0, out[0], pos, len);
            System.arraycopy(buf[1], 0, out[1], pos, len);
        }
        return out;
    }

    /** T30 by Schroeder backward integration: line fit of the EDC between −5 and −35 dB, ×2. */
    static double t30(double[] h) {
        return t30(h, 0);
    }

    /** T30 of the response from sample {@code from} on (skipping the build-up of the network). */
    static double t30(double[] response, int from) {
        double[] h = java.util.Arrays.copyOfRange(response, from, response.length);
        double[] edc = new double[h.length];
        double acc = 0;
        for (int i = h.length - 1; i >= 0; i--) {
            acc += h[i] * h[i];
            edc[i] = acc;
        }
        double total = edc[0];
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int count = 0;
        for (int i = 0; i < h.length; i++) {
            double db = 10 * Math.log10(edc[i] / total);
            if (db <= -5 && db >= -35) {
                double t = i / FS;
                sx += t;
                sy += db;
                sxx += t * t;
                sxy += t * db;
                count++;
            }
        }
        double slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
        return -60 / slope;
    }

    @ParameterizedTest(name = "T60 {0} s")
    @ValueSource(doubles = {0.5, 1.5, 3.0})
    void measuredRt60MatchesTheSettingWithoutDamping(double t60) {
        double[][] h = impulseResponse(new Reverb.Settings(t60, 1.0, 1.0, 20), 1.6 * t60 + 0.1, 512);
        for (int ch = 0; ch < 2; ch++) {
            double measured = t30(h[ch]);
            System.out.printf("RT60 set %.2f s, broadband measured %.3f s (ch %d, error %+.1f %%)%n",
                    t60, measured, ch, 100 * (measured / t60 - 1));
            assertEquals(t60, measured, 0.1 * t60);
        }
    }

    @ParameterizedTest(name = "T60 {0} s")
    @ValueSource(doubles = {0.5, 1.5, 3.0})
    void dampingKeepsTheLowFrequencyRt60AndShortensTheHighs(double t60) {
        double ratio = 0.4;
        Reverb.Settings s = new Reverb.Settings(t60, 1.0, ratio, 0);
        double[][] h = impulseResponse(s, 1.6 * t60 + 0.1, 512);
        // Fast decays lose a large part of their range during the 50 ms build-up of the network,
        // so these band measurements integrate from 60 ms on.
        int buildUp = (int) (0.06 * FS);
        double lowT60 = t30(filtered(h[0], Butterworth.lowPass(FS, 1000, 4)), buildUp);
        BiquadCoefficients band = BiquadCoefficients.bandPass(FS, 16000, 4);
        double highT60 = t30(filtered(h[0], new BiquadCoefficients[] {band, band}), buildUp);
        double[] predicted = predictedT60Range(s, 16000);
        System.out.printf("RT60 set %.2f s, HF ratio %.1f: below 1 kHz %.3f s (error %+.1f %%); "
                        + "16 kHz band %.3f s (lines predict %.3f..%.3f s)%n",
                t60, ratio, lowT60, 100 * (lowT60 / t60 - 1), highT60, predicted[0], predicted[1]);
        assertEquals(t60, lowT60, 0.1 * t60, "low-frequency decay");
        assertTrue(highT60 > 0.85 * predicted[0] && highT60 < 1.15 * predicted[1], "16 kHz decay " + highT60);
        assertTrue(predicted[1] < 0.6 * t60, "the prediction itself is well below the LF decay");
    }

    /**
     * T60 at {@code freq} of each delay line from the documented design: per pass through a line
     * of d samples the gain is g·|LP(f)| with g = 10^(−3d/(fs·T60)) and a one-pole low-pass whose
     * Nyquist gain is g^(1/ratio − 1).
     */
    private static double[] predictedT60Range(Reverb.Settings s, double freq) {
        Reverb r = new Reverb(s);
        r.prepare(FS, 64, 2);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int d : r.delayLengths()) {
            double g = Math.pow(10, -3.0 * d / (FS * s.decaySeconds()));
            double nyquistGain = Math.pow(g, 1 / s.highFrequencyRatio() - 1);
            double pole = (1 - nyquistGain) / (1 + nyquistGain);
            double perPass = g * OnePoleLowPass.magnitude(pole, freq, FS);
            double t = -3.0 * d / (FS * Math.log10(perPass));
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        return new double[] {min, max};
    }

    private static double[] filtered(double[] x, BiquadCoefficients[] stages) {
        double[] y = x.clone();
        BiquadFilter f = new BiquadFilter(stages);
        f.prepare(FS, y.length, 1);
        f.processChannel(0, y, 0, y.length);
        return y;
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(doubles = {0.5, 1.0})
    void echoDensityIsGaussianAfter50ms(double size) {
        for (double t60 : new double[] {1.0, 3.0}) {
            double[][] h = impulseResponse(new Reverb.Settings(t60, size, 1.0, 0), 1.0, 256);
            int window = (int) (0.02 * FS);
            double sum = 0;
            int count = 0;
            for (int ch = 0; ch < 2; ch++) {
                double[] flat = h[ch].clone();
                for (int i = 0; i < flat.length; i++) {
                    flat[i] *= Math.pow(10, 3.0 * i / (FS * t60)); // undo the decay: stationary noise
                }
                for (int start = (int) (0.05 * FS); start + window <= flat.length; start += window / 2) {
                    double fraction = fractionBeyondOneSigma(flat, start, window);
                    assertEquals(GAUSSIAN_FRACTION, fraction, 0.045,
                            "T60 " + t60 + " channel " + ch + " window at " + (start / FS * 1000) + " ms");
                    sum += fraction;
                    count++;
                }
            }
            assertEquals(GAUSSIAN_FRACTION, sum / count, 0.01, "mean echo density, T60 " + t60);
        }
    }

    @Test
    void outputsAreDecorrelated() {
        double[][] h = impulseResponse(new Reverb.Settings(1.5, 1.0, 0.5, 0), 1.5, 512);
        double lr = 0;
        double ll = 0;
        double rr = 0;
        for (int i = (int) (0.05 * FS); i < h[0].length; i++) {
            lr += h[0][i] * h[1][i];
            ll += h[0][i] * h[0][i];
            rr += h[1][i] * h[1][i];
        }
        double rho = lr / Math.sqrt(ll * rr);
        assertTrue(Math.abs(rho) < 0.1, "L/R correlation " + rho);
    }

    @Test
    void outputIsDeterministicAndBlockSizeIndependent() {
        Reverb.Settings s = new Reverb.Settings(1.2, 0.8, 0.6, 35);
        double[][] a = impulseResponse(s, 0.5, 512);
        double[][] b = impulseResponse(s, 0.5, 512);
        double[][] c = impulseResponse(s, 0.5, 37);
        for (int ch = 0; ch < 2; ch++) {
            assertArrayEquals(a[ch], b[ch], 0.0);
            assertArrayEquals(a[ch], c[ch], 0.0);
        }
        int preDelay = (int) Math.round(0.035 * FS);
        for (int i = 0; i < preDelay; i++) {
            assertEquals(0, a[0][i], 0, "silent during the pre-delay");
        }
    }

    @Test
    void delayLengthsAreDistinctPrimesScaledBySize() {
        Reverb small = new Reverb(new Reverb.Settings(1, 0.5, 1, 0));
        Reverb large = new Reverb(new Reverb.Settings(1, 1.0, 1, 0));
        small.prepare(FS, 64, 2);
        large.prepare(FS, 64, 2);
        int[] s = small.delayLengths();
        int[] l = large.delayLengths();
        for (int i = 0; i < s.length; i++) {
            assertTrue(java.math.BigInteger.valueOf(l[i]).isProbablePrime(50), l[i] + " is prime");
            assertEquals(0.5, (double) s[i] / l[i], 0.01, "scaled by size");
            for (int j = 0; j < i; j++) {
                assertTrue(l[i] != l[j]);
            }
        }
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Reverb.Settings(0.01, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Reverb.Settings(1, 3, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Reverb.Settings(1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Reverb.Settings(1, 1, 1, 600));
    }

    private static double fractionBeyondOneSigma(double[] h, int start, int n) {
        double mean = 0;
        for (int i = start; i < start + n; i++) {
            mean += h[i];
        }
        mean /= n;
        double var = 0;
        for (int i = start; i < start + n; i++) {
            var += (h[i] - mean) * (h[i] - mean);
        }
        double sigma = Math.sqrt(var / n);
        int beyond = 0;
        for (int i = start; i < start + n; i++) {
            if (Math.abs(h[i] - mean) > sigma) {
                beyond++;
            }
        }
        return (double) beyond / n;
    }
}

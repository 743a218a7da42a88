package io.mixfarm.engine.deliver;

/** Test-side spectra: radix-2 FFT, Welch power spectral density, band power, tone amplitude. */
final class Psd {
    private Psd() {
    }

    /** In-place radix-2 FFT of (re, im); length a power of two. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(ang * k);
                    double wi = Math.sin(ang * k);
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /**
     * Welch PSD of {@code x} with Hann windows of {@code size} (50 % overlap), one-sided, scaled so
     * that the bins sum to the signal's mean power; bin k is at k·fs/size.
     */
    static double[] welch(double[] x, int size) {
        double[] window = new double[size];
        double windowPower = 0;
        for (int i = 0; i < size; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / size);
            windowPower += window[i] * window[i];
        }
        double[] psd = new double[size / 2 + 1];
        int segments = 0;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int start = 0; start + size <= x.length; start += size / 2) {
            for (int i = 0; i < size; i++) {
                re[i] = x[start + i] * window[i];
                im[i] = 0;
            }
            fft(re, im);
            for (int k = 0; k <= size / 2; k++) {
                double p = (re[k] * re[k] + im[k] * im[k]) / (windowPower * size);
                psd[k] += (k == 0 || k == size / 2) ? p : 2 * p;
            }
            segments++;
        }
        for (int k = 0; k < psd.length; k++) {
            psd[k] /= segments;
        }
        return psd;
    }

    /** Sum of PSD bins from {@code lo} to {@code hi} Hz. */
    static double bandPower(double[] psd, double lo, double hi, double sampleRate) {
        int size = (psd.length - 1) * 2;
        double sum = 0;
        for (int k = 0; k < psd.length; k++) {
            double f = (double) k * sampleRate / size;
            if (f >= lo && f <= hi) {
                sum += psd[k];
            }
        }
        return sum;
    }

    /** Amplitude of the sinusoid at {@code freq} in x (Hann-windowed DTFT; other tones must be far). */
    static double toneAmplitude(double[] x, double freq, double sampleRate) {
        double re = 0;
        double im = 0;
        double wsum = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
            double ph = 2 * Math.PI * freq * i / sampleRate;
            re += x[i] * w * Math.cos(ph);
            im -= x[i] * w * Math.sin(ph);
            wsum += w;
        }
        return 2 * Math.hypot(re, im) / wsum;
    }

    static double db(double power) {
        return 10 * Math.log10(power);
    }
}

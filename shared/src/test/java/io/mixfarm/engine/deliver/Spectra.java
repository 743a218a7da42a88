package io.mixfarm.engine.deliver;

/** Kaiser-windowed tone amplitude (β = 20: leakage from tones a few bins away below −180 dB). */
final class Spectra {
    private Spectra() {
    }

    static double toneAmplitude(double[] x, int start, int n, double freq, double sampleRate) {
        double i0 = besselI0(20);
        double re = 0;
        double im = 0;
        double wsum = 0;
        double step = 2 * Math.PI * freq / sampleRate;
        for (int i = 0; i < n; i++) {
            double r = 2.0 * i / (n - 1) - 1.0;
            double w = besselI0(20 * Math.sqrt(Math.max(0, 1 - r * r))) / i0;
            double ph = step * (start + i);
            re += x[start + i] * w * Math.cos(ph);
            im -= x[start + i] * w * Math.sin(ph);
            wsum += w;
        }
        return 2 * Math.hypot(re, im) / wsum;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500 && term > sum * 1e-17; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}

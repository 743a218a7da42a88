package io.mixfarm.engine.dsp;

/** Test-side measurement tools: DTFT of sequences, windowed tone amplitude, impulse responses. */
final class Spectrum {

    private Spectrum() {
    }

    /**
     * DTFT of {@code x[0..n)} at {@code freq} Hz as {re, im}. The phasor is advanced by complex
     * multiplication and re-seeded from exact cos/sin every 1024 samples to bound drift.
     */
    static double[] dtft(double[] x, int n, double freq, double sampleRate) {
        double w = 2 * Math.PI * freq / sampleRate;
        double stepRe = Math.cos(w);
        double stepIm = -Math.sin(w);
        double re = 0;
        double im = 0;
        double pr = 1;
        double pi = 0;
        for (int i = 0; i < n; i++) {
            if ((i & 1023) == 0) {
                pr = Math.cos(w * i);
                pi = -Math.sin(w * i);
            }
            re += x[i] * pr;
            im += x[i] * pi;
            double t = pr * stepRe - pi * stepIm;
            pi = pr * stepIm + pi * stepRe;
            pr = t;
        }
        return new double[] {re, im};
    }

    static double magnitudeDb(double[] x, int n, double freq, double sampleRate) {
        double[] c = dtft(x, n, freq, sampleRate);
        return 10 * Math.log10(c[0] * c[0] + c[1] * c[1]);
    }

    /** Kaiser window of length n with shape beta (β = 20: side lobes near −190 dB). */
    static double[] kaiser(int n, double beta) {
        double[] w = new double[n];
        double denom = besselI0(beta);
        for (int i = 0; i < n; i++) {
            double r = 2.0 * i / (n - 1) - 1.0;
            w[i] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / denom;
        }
        return w;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    /**
     * Amplitude of the component at {@code freq} in {@code x[start..start+n)} measured with a
     * Kaiser(β=20) window: exact for a stationary sinusoid at {@code freq}, and other components
     * more than a few bins away leak in below about −180 dB.
     */
    static double toneAmplitude(double[] x, int start, int n, double freq, double sampleRate) {
        double[] w = kaiser(n, 20);
        double[] seg = new double[n];
        double wsum = 0;
        for (int i = 0; i < n; i++) {
            seg[i] = x[start + i] * w[i];
            wsum += w[i];
        }
        double[] c = dtft(seg, n, freq, sampleRate);
        return 2 * Math.hypot(c[0], c[1]) / wsum;
    }

    /** Impulse response of a filter cascade, run until it has decayed below 1e-15 of its peak. */
    static double[] impulseResponse(BiquadFilter filter, double sampleRate) {
        filter.prepare(sampleRate, 8192, 1);
        int block = 8192;
        double[] h = new double[block];
        int len = 0;
        double peak = 0;
        while (true) {
            if (len + block > h.length) {
                h = java.util.Arrays.copyOf(h, h.length * 2);
            }
            if (len == 0) {
                h[0] = 1;
            }
            filter.processChannel(0, h, len, block);
            double blockMax = 0;
            for (int i = len; i < len + block; i++) {
                blockMax = Math.max(blockMax, Math.abs(h[i]));
            }
            peak = Math.max(peak, blockMax);
            len += block;
            if (blockMax < 1e-15 * peak || len >= (1 << 23)) {
                return java.util.Arrays.copyOf(h, len);
            }
        }
    }

    static double[] sine(int n, double freq, double amplitude, double sampleRate) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * freq * i / sampleRate);
        }
        return x;
    }

    /** Frequencies from lo to hi (inclusive) spaced by 1/perOctave octave. */
    static double[] logGrid(double lo, double hi, int perOctave) {
        int n = (int) Math.floor(Math.log(hi / lo) / Math.log(2) * perOctave + 1e-9) + 1;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = lo * Math.pow(2, (double) i / perOctave);
        }
        f[n - 1] = Math.min(f[n - 1], hi);
        return f;
    }
}

package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.LoudnessMeter;

/** Runs whole signals through a limiter, with the latency removed, and measures the results. */
final class LimiterHarness {

    private LimiterHarness() {
    }

    /** The limited signal, aligned with the input and of the same length. */
    static double[][] limit(TruePeakLimiter limiter, double[][] input, int sampleRate, int block) {
        int channels = input.length;
        int frames = input[0].length;
        limiter.prepare(sampleRate, block, channels);
        int latency = limiter.latencyFrames();
        double[][] out = new double[channels][frames];
        double[][] buf = new double[channels][block];
        long produced = 0;
        for (long pos = 0; pos < frames + latency; pos += block) {
            int n = (int) Math.min(block, frames + latency - pos);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < n; i++) {
                    long at = pos + i;
                    buf[c][i] = at < frames ? input[c][(int) at] : 0.0;
                }
            }
            limiter.process(buf, n);
            for (int i = 0; i < n; i++) {
                long outAt = pos + i - latency;
                if (outAt >= 0) {
                    for (int c = 0; c < channels; c++) {
                        out[c][(int) outAt] = buf[c][i];
                    }
                    produced++;
                }
            }
        }
        if (produced != frames) {
            throw new AssertionError("produced " + produced + " frames for " + frames);
        }
        return out;
    }

    static double truePeakDbtp(double[][] signal, int sampleRate) {
        LoudnessMeter meter = new LoudnessMeter(sampleRate, signal.length);
        meter.process(signal, signal[0].length);
        // the meter leaves the last few inter-sample points: pad with silence to evaluate them
        meter.process(new double[signal.length][64], 64);
        return meter.truePeakDbtp();
    }

    /**
     * Largest magnitude on an oversampled grid of {@code factor} points per sample, interpolated
     * with the meter's filter design and {@code taps} taps per phase.
     */
    static double gridPeakDbtp(double[][] signal, int factor, int taps) {
        OversampledPeakDetector detector = new OversampledPeakDetector(
                io.mixfarm.engine.loudness.TruePeakInterpolator.withFactor(factor, taps), signal.length);
        int frames = signal[0].length;
        double[][] padded = new double[signal.length][frames + taps];
        for (int c = 0; c < signal.length; c++) {
            System.arraycopy(signal[c], 0, padded[c], 0, frames);
        }
        double[] peaks = new double[OversampledPeakDetector.CHUNK];
        double max = 0;
        for (int pos = 0; pos < padded[0].length; pos += OversampledPeakDetector.CHUNK) {
            int n = Math.min(OversampledPeakDetector.CHUNK, padded[0].length - pos);
            detector.process(padded, pos, n, 0.0, peaks);
            for (int i = 0; i < n; i++) {
                max = Math.max(max, peaks[i]);
            }
        }
        return 20 * Math.log10(max);
    }

    static double[] sine(int sampleRate, double freq, double amplitude, double phase, int frames) {
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * freq * i / sampleRate + phase);
        }
        return x;
    }

    static double gain(double db) {
        return Math.pow(10, db / 20);
    }

    /**
     * THD+N of {@code x[from .. from + n)} around a tone at {@code freq}: the power left after
     * removing the best-fitting sine, cosine and DC, relative to the tone's power, in dB.
     * {@code n} should hold a whole number of periods.
     */
    static double thdPlusNoiseDb(double[] x, int from, int n, double freq, int sampleRate) {
        double sc = 0, cc = 0, mean = 0;
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * freq * (from + i) / sampleRate;
            sc += x[from + i] * Math.sin(w);
            cc += x[from + i] * Math.cos(w);
            mean += x[from + i];
        }
        double a = 2 * sc / n;
        double b = 2 * cc / n;
        mean /= n;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * freq * (from + i) / sampleRate;
            double r = x[from + i] - a * Math.sin(w) - b * Math.cos(w) - mean;
            residual += r * r;
        }
        double tone = (a * a + b * b) / 2 * n;
        return 10 * Math.log10(residual / tone);
    }
}

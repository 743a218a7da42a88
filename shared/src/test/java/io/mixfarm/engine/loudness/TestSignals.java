package io.mixfarm.engine.loudness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/** Synthesized test signals (planar, full scale ±1.0) and helpers to feed them to a meter. */
final class TestSignals {

    private TestSignals() {
    }

    static double amplitude(double dbfs) {
        return Math.pow(10.0, dbfs / 20.0);
    }

    /** A sine of {@code frequency} Hz at {@code peakDbfs} (peak amplitude), phase 0. */
    static double[] sine(int sampleRate, double frequency, double peakDbfs, double seconds) {
        return sine(sampleRate, frequency, amplitude(peakDbfs), 0.0, seconds);
    }

    static double[] sine(int sampleRate, double frequency, double amplitude, double phaseRadians,
                         double seconds) {
        int n = frames(sampleRate, seconds);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate + phaseRadians);
        }
        return x;
    }

    static double[] silence(int sampleRate, double seconds) {
        return new double[frames(sampleRate, seconds)];
    }

    static int frames(int sampleRate, double seconds) {
        return (int) Math.round(seconds * sampleRate);
    }

    /** Segments joined end to end. */
    static double[] concat(double[]... parts) {
        return concat(List.of(parts));
    }

    static double[] concat(List<double[]> parts) {
        int total = 0;
        for (double[] p : parts) {
            total += p.length;
        }
        double[] out = new double[total];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The same signal on {@code channels} channels. */
    static double[][] onChannels(double[] x, int channels) {
        double[][] out = new double[channels][];
        for (int c = 0; c < channels; c++) {
            out[c] = x.clone();
        }
        return out;
    }

    /** EBU test signals: 1 kHz sine segments at the given levels (dBFS) and durations (s), on both channels. */
    static double[][] stereoToneSegments(int sampleRate, double[][] levelAndSeconds) {
        List<double[]> parts = new ArrayList<>();
        for (double[] seg : levelAndSeconds) {
            parts.add(sine(sampleRate, 1000.0, seg[0], seg[1]));
        }
        return onChannels(concat(parts), 2);
    }

    /** Feeds {@code signal} in blocks of {@code blockFrames}; {@code afterBlock} gets the end time in seconds. */
    static void feed(LoudnessMeter meter, double[][] signal, int blockFrames, DoubleConsumer afterBlock) {
        int total = signal[0].length;
        double[][] block = new double[signal.length][blockFrames];
        for (int start = 0; start < total; start += blockFrames) {
            int n = Math.min(blockFrames, total - start);
            for (int c = 0; c < signal.length; c++) {
                System.arraycopy(signal[c], start, block[c], 0, n);
            }
            meter.process(block, n);
            afterBlock.accept((double) (start + n) / meter.sampleRate());
        }
    }

    static void feed(LoudnessMeter meter, double[][] signal) {
        feed(meter, signal, 4096, t -> { });
    }

    static LoudnessMeter measure(int sampleRate, double[][] signal) {
        LoudnessMeter meter = new LoudnessMeter(sampleRate, signal.length);
        feed(meter, signal);
        return meter;
    }
}

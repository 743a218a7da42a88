package io.mixfarm.engine.loudness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * Throughput of the meter core on one thread, in multiples of real time, for 60 s of 48 kHz
 * stereo: white noise (the usual case) and a steady crescendo (every chunk sets a new peak, so
 * the true-peak bound never lets a chunk be skipped: the worst case). Median of several runs
 * after warm-up. Time is the thread's CPU time, so a busy machine does not distort the figure. Run: {@code java -cp shared/target/classes:shared/target/test-classes
 * io.mixfarm.engine.loudness.LoudnessMeterSpeed}
 */
public final class LoudnessMeterSpeed {

    private static final int FS = 48_000;
    private static final int SECONDS = 60;
    private static final int BLOCK = 4096;
    private static final int RUNS = 7;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LoudnessMeterSpeed() {
    }

    public static void main(String[] args) {
        double[][] noise = noise();
        double[][] crescendo = crescendo(noise);
        report("noise, true peak on ", noise, MeterOptions.DEFAULT);
        report("noise, true peak off", noise, MeterOptions.withoutTruePeak());
        report("crescendo, true peak on (no chunk skipped)", crescendo, MeterOptions.DEFAULT);
    }

    private static void report(String label, double[][] signal, MeterOptions options) {
        for (int i = 0; i < 3; i++) {
            run(signal, options); // warm-up: let the JIT compile the loops
        }
        double[] ratios = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            ratios[i] = run(signal, options);
        }
        Arrays.sort(ratios);
        System.out.printf("%-44s median %6.0fx realtime per core (min %.0fx, max %.0fx)%n",
                label, ratios[RUNS / 2], ratios[0], ratios[RUNS - 1]);
    }

    private static double run(double[][] signal, MeterOptions options) {
        LoudnessMeter meter = new LoudnessMeter(FS, 2, options);
        double[][] block = new double[2][BLOCK];
        int frames = signal[0].length;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int pos = 0; pos < frames; pos += BLOCK) {
            int n = Math.min(BLOCK, frames - pos);
            System.arraycopy(signal[0], pos, block[0], 0, n);
            System.arraycopy(signal[1], pos, block[1], 0, n);
            meter.process(block, n);
        }
        double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
        if (meter.integratedLufs() > 0) {
            System.out.print(""); // keep the result alive
        }
        return SECONDS / seconds;
    }

    private static double[][] noise() {
        Random random = new Random(1);
        double[][] x = new double[2][FS * SECONDS];
        for (double[] channel : x) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] = 0.1 * random.nextGaussian();
            }
        }
        return x;
    }

    /** A 1 kHz / 1.3 kHz tone pair rising steadily in level, so new peaks keep coming. */
    private static double[][] crescendo(double[][] like) {
        int n = like[0].length;
        double[][] x = new double[2][n];
        for (int i = 0; i < n; i++) {
            double gain = 0.01 + 0.9 * i / n;
            x[0][i] = gain * Math.sin(2 * Math.PI * 1000.0 * i / FS);
            x[1][i] = gain * Math.sin(2 * Math.PI * 1300.0 * i / FS);
        }
        return x;
    }
}

package io.mixfarm.engine.master;

import java.util.Random;

final class LimiterSpeedMain {
    public static void main(String[] args) {
        int fs = 48000, frames = fs * 60;
        Random r = new Random(1);
        double[][] x = new double[2][frames];
        for (int i = 0; i < frames; i++) { double s = Math.sin(i * 0.001) ; x[0][i] = 0.3 * r.nextGaussian() * (1 + s); x[1][i] = 0.3 * r.nextGaussian() * (1 - s); }
        double[][] buf = new double[2][8192];
        for (int rep = 0; rep < 5; rep++) {
            TruePeakLimiter lim = new TruePeakLimiter(-1, LimiterSettings.DEFAULT);
            lim.prepare(fs, 8192, 2);
            var mx = java.lang.management.ManagementFactory.getThreadMXBean(); long t0 = mx.getCurrentThreadCpuTime();
            for (int pos = 0; pos < frames; pos += 8192) {
                int n = Math.min(8192, frames - pos);
                System.arraycopy(x[0], pos, buf[0], 0, n); System.arraycopy(x[1], pos, buf[1], 0, n);
                lim.process(buf, n);
            }
            double s = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
            long t1 = mx.getCurrentThreadCpuTime();
            var meter = new io.mixfarm.engine.loudness.LoudnessMeter(fs, 2);
            for (int pos = 0; pos < frames; pos += 8192) {
                int n = Math.min(8192, frames - pos);
                System.arraycopy(x[0], pos, buf[0], 0, n); System.arraycopy(x[1], pos, buf[1], 0, n);
                meter.process(buf, n);
            }
            System.out.printf("meter %.3f s%n", (mx.getCurrentThreadCpuTime() - t1) / 1e9);
            System.out.printf("60 s in %.3f s = %.0fx realtime, GR max %.1f mean %.2f%n", s, 60 / s, lim.maxReductionDb(), lim.meanReductionDb());
        }
    }
}

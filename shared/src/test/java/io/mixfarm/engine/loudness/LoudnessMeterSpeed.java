package io.mixfarm.engine.loudness;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput of the meter core on one thread, in multiples of real time, for 60 s of 48 kHz
 * stereo: white noise (the usual case) and a steady crescendo (every chunk sets a new peak, so
 * the true-peak bound never lets a chunk be skipped: the worst case). Median of several runs
 * after warm-up. Time is the thread's CPU time, so a busy machine does not distort the figure.
 * For scale, the same noise goes through ffmpeg's ebur128 filter (peak=true), timed by its own
 * {@code -benchmark} user CPU time, if ffmpeg is on the PATH. Run: {@code java -cp shared/target/classes:shared/target/test-classes
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

    public static void main(String[] args) throws IOException, InterruptedException {
        double[][] noise = noise();
        double[][] crescendo = crescendo(noise);
        double ours = report("noise, true peak on ", noise, MeterOptions.DEFAULT);
        report("noise, true peak off", noise, MeterOptions.withoutTruePeak());
        report("crescendo, true peak on (no chunk skipped)", crescendo, MeterOptions.DEFAULT);
        double ffmpeg = ffmpegRealtime(noise);
        if (ffmpeg > 0) {
            System.out.printf("%-44s        %6.0fx realtime (user CPU); this meter is %.1fx faster%n",
                    "ffmpeg ebur128=peak=true, same noise", ffmpeg, ours / ffmpeg);
        }
    }

    /** ffmpeg's ebur128 throughput on {@code signal}, or -1 if ffmpeg cannot be run. */
    private static double ffmpegRealtime(double[][] signal) throws IOException, InterruptedException {
        Path raw = Files.createTempFile("loudness-speed", ".f64");
        try {
            ByteBuffer buf = ByteBuffer.allocate(signal[0].length * 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < signal[0].length; i++) {
                buf.putDouble(signal[0][i]).putDouble(signal[1][i]);
            }
            try (OutputStream out = Files.newOutputStream(raw)) {
                out.write(buf.array());
            }
            Process p;
            try {
                p = new ProcessBuilder("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-benchmark",
                        "-f", "f64le", "-ar", String.valueOf(FS), "-ac", "2", "-i", raw.toString(),
                        "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-")
                        .redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                System.out.println("ffmpeg not found: no peer figure");
                return -1;
            }
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = Pattern.compile("utime=([0-9.]+)s").matcher(log);
            return m.find() ? SECONDS / Double.parseDouble(m.group(1)) : -1;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** Prints and returns the median x-realtime. */
    private static double report(String label, double[][] signal, MeterOptions options) {
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
        return ratios[RUNS / 2];
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

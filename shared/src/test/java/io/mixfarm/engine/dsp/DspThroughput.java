package io.mixfarm.engine.dsp;

import java.util.Random;

/**
 * Prints single-thread throughput of the hot DSP loops (no assertions: timing depends on the
 * machine). Run: {@code java -cp shared/target/classes:shared/target/test-classes
 * io.mixfarm.engine.dsp.DspThroughput}.
 */
public final class DspThroughput {

    private static final int BLOCK = 1024;
    private static final double FS = 48000;

    private DspThroughput() {
    }

    public static void main(String[] args) {
        double[][] stereo = noise(2, BLOCK);
        for (int round = 0; round < 2; round++) { // first round warms up the JIT
            System.out.println(round == 0 ? "-- warm-up --" : "-- measured --");
            biquad(stereo);
            resampler(48000, 44100);
            resampler(44100, 48000);
            Compressor compressor = new Compressor(new Compressor.Settings(-20, 4, 6, 5, 50, 0,
                    Compressor.Detection.PEAK));
            compressor.prepare(FS, BLOCK, 2);
            report("compressor (stereo, peak)", time(() -> compressor.process(stereo, BLOCK), 2000), BLOCK * 2000L);
            Reverb reverb = new Reverb(new Reverb.Settings(2, 1, 0.5, 20));
            reverb.prepare(FS, BLOCK, 2);
            report("reverb (stereo)", time(() -> reverb.process(stereo, BLOCK), 2000), BLOCK * 2000L);
        }
    }

    private static void biquad(double[][] buffer) {
        BiquadFilter f = new BiquadFilter(BiquadCoefficients.peaking(FS, 1000, 1, 6));
        f.prepare(FS, BLOCK, 1);
        int blocks = 100_000;
        double seconds = time(() -> f.processChannel(0, buffer[0], 0, BLOCK), blocks);
        System.out.printf("biquad DF1, 1 section: %.0f M samples/s%n", (double) blocks * BLOCK / seconds / 1e6);
    }

    private static void resampler(int in, int out) {
        Resampler r = Resampler.create(in, out);
        r.prepare(in, BLOCK, 2);
        double[][] x = noise(2, BLOCK);
        double[][] y = new double[2][r.maxOutputFrames(BLOCK)];
        int blocks = 3000;
        double seconds = time(() -> r.process(x, BLOCK, y), blocks);
        double audioSeconds = (double) blocks * BLOCK / in;
        System.out.printf("resampler %d->%d stereo (%d taps/phase): %.0fx realtime%n",
                in, out, r.table().tapsPerPhase(), audioSeconds / seconds);
    }

    private static void report(String name, double seconds, long frames) {
        System.out.printf("%s: %.0fx realtime at 48 kHz%n", name, frames / FS / seconds);
    }

    private static double time(Runnable work, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            work.run();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double[][] noise(int channels, int frames) {
        Random rnd = new Random(1);
        double[][] x = new double[channels][frames];
        for (double[] ch : x) {
            for (int i = 0; i < frames; i++) {
                ch[i] = rnd.nextGaussian() * 0.1;
            }
        }
        return x;
    }
}

package io.mixfarm.engine.loudness;

import io.mixfarm.engine.loudness.Ffmpeg.RawFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.mixfarm.engine.loudness.SyntheticProgrammes.bandNoise;
import static io.mixfarm.engine.loudness.SyntheticProgrammes.biquad;
import static io.mixfarm.engine.loudness.SyntheticProgrammes.dbToGain;
import static io.mixfarm.engine.loudness.SyntheticProgrammes.envelope;
import static io.mixfarm.engine.loudness.SyntheticProgrammes.gap;
import static io.mixfarm.engine.loudness.SyntheticProgrammes.musicLike;
import static io.mixfarm.engine.loudness.SyntheticProgrammes.pinkNoise;
import static io.mixfarm.engine.loudness.SyntheticProgrammes.sweep;
import static io.mixfarm.engine.loudness.SyntheticProgrammes.whiteNoise;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-check against an independent meter, ffmpeg's ebur128 filter, on 22 varied signals:
 * noise bands, music-like material with sections and silence gaps, sweeps and clicks; mono,
 * stereo and 5.1; 44.1/48/96 kHz; 16-bit, 24-bit and float samples (quantized here, so both
 * meters read identical samples). Integrated loudness must agree within 0.05 LU, LRA within
 * 0.5 LU, true peak within 0.3 dB (ffmpeg oversamples to 192 kHz with its resampler).
 */
class FfmpegCrossCheckTest {

    private static final double I_TOLERANCE = 0.05;
    private static final double LRA_TOLERANCE = 0.5;
    private static final double TP_TOLERANCE = 0.3;

    private record Case(String name, int rate, int channels, RawFormat format, double seconds,
                        Function<Integer, double[][]> signal) {
    }

    @Test
    void agreesWithFfmpegEbur128(@TempDir Path dir) throws Exception {
        Ffmpeg.requireInstalled();
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format(
                "%-32s %6s %2s %4s %4s | %8s %8s %6s | %6s %6s %5s | %7s %7s %5s%n", "signal", "rate", "ch",
                "fmt", "s", "I java", "I ffmpeg", "dI", "LRA j", "LRA ff", "dLRA", "TP j", "TP ff", "dTP"));
        for (Case c : cases()) {
            int frames = (int) (c.seconds * c.rate);
            double[][] x = c.signal.apply(frames);
            Ffmpeg.quantize(x, c.format);
            LoudnessMeter meter = new LoudnessMeter(c.rate, c.channels);
            TestSignals.feed(meter, x);
            Ffmpeg.Result ref = Ffmpeg.measure(x, c.rate, c.format, dir);
            double i = meter.integratedLufs(), lra = meter.loudnessRangeLu(), tp = meter.truePeakDbtp();
            table.append(String.format("%-32s %6d %2d %4s %4.0f | %8.3f %8.3f %6.3f | %6.2f %6.2f %5.2f | %7.2f %7.1f %5.2f%n",
                    c.name, c.rate, c.channels, c.format, c.seconds, i, ref.integratedLufs(), i - ref.integratedLufs(),
                    lra, ref.loudnessRangeLu(), lra - ref.loudnessRangeLu(), tp, ref.truePeakDbtp(), tp - ref.truePeakDbtp()));
            check(failures, c.name + " I", i, ref.integratedLufs(), I_TOLERANCE);
            check(failures, c.name + " LRA", lra, ref.loudnessRangeLu(), LRA_TOLERANCE);
            check(failures, c.name + " true peak", tp, ref.truePeakDbtp(), TP_TOLERANCE);
        }
        System.out.print(table);
        assertTrue(failures.isEmpty(), "disagreements with ffmpeg:\n" + String.join("\n", failures) + "\n" + table);
    }

    private static void check(List<String> failures, String what, double ours, double theirs, double tolerance) {
        if (!(Math.abs(ours - theirs) <= tolerance)) {
            failures.add(String.format("%s: ours %.3f, ffmpeg %.3f (tolerance %.2f)", what, ours, theirs, tolerance));
        }
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("white noise", 48_000, 2, RawFormat.F32, 20, n -> stereo(
                whiteNoise(rng(1), n, 0.05), whiteNoise(rng(2), n, 0.05))));
        cases.add(new Case("pink noise", 48_000, 2, RawFormat.S16, 30, n -> stereo(
                pinkNoise(rng(3), n, 0.1, 48_000), pinkNoise(rng(4), n, 0.1, 48_000))));
        cases.add(new Case("band 200-2k noise", 48_000, 1, RawFormat.S24, 25, n -> mono(
                bandNoise(rng(5), n, 200, 2000, 0.1, 48_000))));
        cases.add(new Case("band 4k-12k noise", 44_100, 2, RawFormat.F32, 20, n -> stereo(
                bandNoise(rng(6), n, 4000, 12000, 0.05, 44_100), bandNoise(rng(7), n, 4000, 12000, 0.05, 44_100))));
        cases.add(new Case("sub-100 Hz rumble", 48_000, 2, RawFormat.F32, 20, n -> stereo(
                bandNoise(rng(8), n, 20, 100, 0.2, 48_000), bandNoise(rng(9), n, 20, 100, 0.2, 48_000))));
        cases.add(new Case("music-like", 48_000, 2, RawFormat.S24, 40, n -> stereo(
                musicLike(rng(10), n, 48_000, 120, new double[] {-6, 0, -4, 2}),
                musicLike(rng(11), n, 48_000, 120, new double[] {-6, 0, -4, 2}))));
        cases.add(new Case("music with silence gaps", 48_000, 2, RawFormat.S16, 45, n -> {
            double[][] x = stereo(musicLike(rng(12), n, 48_000, 96, new double[] {0, -8, 0}),
                    musicLike(rng(13), n, 48_000, 96, new double[] {0, -8, 0}));
            for (double[] ch : x) {
                gap(ch, 48_000, 10, 14);
                gap(ch, 48_000, 30, 31.5);
            }
            return x;
        }));
        cases.add(new Case("music-like 5.1", 48_000, 6, RawFormat.F32, 30, n -> surround(rng(14), n, 48_000)));
        cases.add(new Case("music-like 5.1", 44_100, 6, RawFormat.S24, 30, n -> surround(rng(15), n, 44_100)));
        cases.add(new Case("stepped noise levels", 44_100, 2, RawFormat.S16, 50, n -> {
            double[][] x = stereo(pinkNoise(rng(16), n, 0.1, 44_100), pinkNoise(rng(17), n, 0.1, 44_100));
            double[][] steps = {{0, -10}, {10, -10}, {10.01, 0}, {20, 0}, {20.01, -5}, {30, -5}, {30.01, 5},
                    {40, 5}, {40.01, -15}, {50, -15}};
            return new double[][] {envelope(x[0], 44_100, steps), envelope(x[1], 44_100, steps)};
        }));
        cases.add(new Case("sweep 20 Hz-20 kHz", 48_000, 2, RawFormat.F32, 20, n -> stereo(
                sweep(n, 48_000, 20, 20_000, 0.5), sweep(n, 48_000, 25, 20_000, 0.4))));
        cases.add(new Case("speech-like bursts", 44_100, 1, RawFormat.S16, 30, n -> {
            double[] x = bandNoise(rng(18), n, 150, 4000, 0.15, 44_100);
            Random r = rng(19);
            double t = 0;
            while (t < n / 44_100.0) {
                double talk = 0.2 + r.nextDouble() * 0.6;
                double pause = 0.05 + r.nextDouble() * 0.5;
                gap(x, 44_100, t + talk, t + talk + pause);
                t += talk + pause;
            }
            return mono(x);
        }));
        cases.add(new Case("near the absolute gate", 48_000, 2, RawFormat.F32, 30, n -> {
            double[][] x = stereo(pinkNoise(rng(20), n, 0.0004, 48_000), pinkNoise(rng(21), n, 0.0004, 48_000));
            double[][] env = {{0, 0}, {10, 0}, {10.01, -8}, {20, -8}, {20.01, 3}, {30, 3}};
            return new double[][] {envelope(x[0], 48_000, env), envelope(x[1], 48_000, env)};
        }));
        cases.add(new Case("clicks over noise", 48_000, 2, RawFormat.S24, 20, n -> {
            double[][] x = stereo(whiteNoise(rng(22), n, 0.01), whiteNoise(rng(23), n, 0.01));
            Random r = rng(24);
            for (int k = 0; k < 200; k++) {
                int at = r.nextInt(n - 10);
                double a = (r.nextBoolean() ? 1 : -1) * (0.3 + 0.6 * r.nextDouble());
                x[k % 2][at] += a;
                x[k % 2][at + 1] -= 0.7 * a;
            }
            return x;
        }));
        cases.add(new Case("quiet 16-bit", 48_000, 2, RawFormat.S16, 20, n -> stereo(
                musicLike(rng(25), n, 48_000, 100, new double[] {-44, -40}),
                musicLike(rng(26), n, 48_000, 100, new double[] {-44, -40}))));
        cases.add(new Case("noise left, sine right", 96_000, 2, RawFormat.F32, 20, n -> stereo(
                pinkNoise(rng(27), n, 0.08, 96_000), TestSignals.sine(96_000, 440, -20, n / 96_000.0))));
        cases.add(new Case("music-like", 96_000, 2, RawFormat.S24, 30, n -> stereo(
                musicLike(rng(28), n, 96_000, 128, new double[] {0, -3, -9, 0}),
                musicLike(rng(29), n, 96_000, 128, new double[] {0, -3, -9, 0}))));
        cases.add(new Case("loud, near clipping", 44_100, 2, RawFormat.S16, 25, n -> {
            double[][] x = stereo(musicLike(rng(30), n, 44_100, 140, new double[] {9, 11}),
                    musicLike(rng(31), n, 44_100, 140, new double[] {9, 11}));
            for (double[] ch : x) {
                for (int i = 0; i < ch.length; i++) {
                    ch[i] = Math.tanh(ch[i] * 1.5) * 0.97; // soft-clipped master
                }
            }
            return x;
        }));
        cases.add(new Case("long fades", 48_000, 2, RawFormat.F32, 60, n -> {
            double[][] x = stereo(musicLike(rng(32), n, 48_000, 90, new double[] {0}),
                    musicLike(rng(33), n, 48_000, 90, new double[] {0}));
            double[][] env = {{0, -40}, {20, 0}, {40, 0}, {60, -40}};
            return new double[][] {envelope(x[0], 48_000, env), envelope(x[1], 48_000, env)};
        }));
        cases.add(new Case("chords with vibrato", 48_000, 2, RawFormat.S24, 30, n -> {
            double[][] x = new double[2][n];
            double[] freqs = {261.6, 329.6, 392.0, 523.3, 1046.5, 3136.0};
            for (int c = 0; c < 2; c++) {
                double[] noise = bandNoise(rng(34 + c), n, 500, 8000, 0.01, 48_000);
                for (int i = 0; i < n; i++) {
                    double t = i / 48_000.0;
                    double v = noise[i];
                    for (int k = 0; k < freqs.length; k++) {
                        v += 0.05 / (k + 1) * Math.sin(2 * Math.PI * freqs[k] * (t + 0.002 * Math.sin(2 * Math.PI * 5 * t)) + c);
                    }
                    x[c][i] = v * (0.6 + 0.4 * Math.sin(2 * Math.PI * t / 7.0));
                }
            }
            return x;
        }));
        cases.add(new Case("band noise 5.1", 96_000, 6, RawFormat.F32, 20, n -> {
            double[][] x = new double[6][];
            for (int c = 0; c < 6; c++) {
                x[c] = c == 3 ? bandNoise(rng(40 + c), n, 20, 120, 0.3, 96_000)
                        : bandNoise(rng(40 + c), n, 100, 16000, 0.03 * (c + 1), 96_000);
            }
            return x;
        }));
        cases.add(new Case("mono with long gated quiet part", 48_000, 1, RawFormat.F32, 40, n -> {
            double[] x = musicLike(rng(50), n, 48_000, 110, new double[] {0});
            return mono(envelope(x, 48_000, new double[][] {{0, 0}, {15, 0}, {15.01, -30}, {30, -30}, {30.01, 0}, {40, 0}}));
        }));
        return cases;
    }

    private static Random rng(long seed) {
        return new Random(seed);
    }

    private static double[][] mono(double[] x) {
        return new double[][] {x};
    }

    private static double[][] stereo(double[] left, double[] right) {
        return new double[][] {left, right};
    }

    /** L R C LFE Ls Rs with different material and levels; LFE carries loud low-passed content. */
    private static double[][] surround(Random random, int n, int rate) {
        double[] sections = {0, -5, 2};
        double[][] x = new double[6][];
        x[0] = musicLike(random, n, rate, 120, sections);
        x[1] = musicLike(random, n, rate, 120, sections);
        x[2] = biquad(musicLike(random, n, rate, 120, sections), "bandpass", 1000, 0.5, rate);
        x[3] = bandNoise(random, n, 20, 100, 0.3, rate);
        x[4] = envelope(bandNoise(random, n, 200, 8000, 0.05, rate), rate, new double[][] {{0, -10}, {30, 0}});
        x[5] = envelope(bandNoise(random, n, 200, 8000, 0.05, rate), rate, new double[][] {{0, 0}, {30, -10}});
        for (int i = 0; i < n; i++) {
            x[3][i] *= dbToGain(-3);
        }
        return x;
    }
}

package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decode speed of FlacReader against the reference decoder on the same file: a synthesized
 * 16-bit stereo 44.1 kHz track encoded with {@code flac -5} and {@code flac -8}; prints times
 * and realtime factors. Not a test (no timing assertions): run
 * {@code java -cp shared/target/classes:shared/target/test-classes
 * io.mixfarm.engine.codec.flac.FlacReaderBenchmark [seconds]}.
 */
public final class FlacReaderBenchmark {

    private FlacReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rate = 44_100;
        Path dir = Files.createTempDirectory("flacbench");
        try {
            int[][] pcm = FlacTestSupport.music(2, seconds * rate, 16, rate, 42);
            Path wav = FlacTestSupport.writeWav(dir.resolve("track.wav"), pcm, 16, rate);
            for (String level : List.of("-5", "-8")) {
                Path flac = FlacTestSupport.flacEncode(wav, dir.resolve("track" + level + ".flac"), level);
                measure(flac, level, seconds);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void measure(Path flac, String level, int seconds) throws Exception {
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 6; run++) { // the first runs warm up the JIT
            long t0 = System.nanoTime();
            long frames = decode(flac);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            if (frames != (long) seconds * 44_100) {
                throw new IllegalStateException("decoded " + frames + " frames");
            }
        }
        double reference = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            FlacTestSupport.run(List.of("flac", "-s", "-d", "-f", "-o", "/dev/null", flac.toString()));
            reference = Math.min(reference, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("flac %s, %d s of 16-bit stereo 44.1 kHz (%d KiB):%n", level, seconds, Files.size(flac) / 1024);
        System.out.printf("  FlacReader   %.3f s  = %.0fx realtime%n", best, seconds / best);
        System.out.printf("  flac -d      %.3f s  = %.0fx realtime  (FlacReader/flac speed ratio %.2f)%n",
                reference, seconds / reference, reference / best);
    }

    private static long decode(Path flac) throws Exception {
        long total = 0;
        try (AudioReader reader = FlacReader.open(FlacTestSupport.open(flac), flac.toString())) {
            double[][] buf = new double[2][4096];
            int n;
            while ((n = reader.read(buf, 4096)) > 0) {
                total += n;
            }
        }
        return total;
    }
}

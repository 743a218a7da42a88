package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Encode speed of {@link FlacWriter} against {@code flac -5} on the same stereo 44.1 kHz
 * music-like input (16-bit unless asked for 24), measured in one run with rounds interleaved;
 * the best round of each is reported (the least disturbed by other load). Ours is timed from
 * planar doubles in memory to a finished file; flac's figure includes its process start and
 * reading the raw input from the page cache. Wall and CPU time are both printed.
 *
 * <p>Run: {@code mvn -o -q -pl shared test-compile && java -cp shared/target/classes:shared/target/test-classes
 * io.mixfarm.engine.codec.flac.FlacEncodeBenchmark [seconds] [rounds] [bits: 16 or 24]}
 */
public final class FlacEncodeBenchmark {
    private static final int RATE = 44100;
    private static final int CHUNK = 1024;

    private FlacEncodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 30;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int bits = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int[][] samples = MusicLikeSignal.generate(2, RATE, seconds, bits, 1);
        double[][] doubles = FlacTestAudio.toDoubles(samples, bits);
        Path dir = Files.createTempDirectory("flac-bench");
        Path raw = dir.resolve("in.raw");
        Files.write(raw, FlacTestAudio.toRaw(samples, bits));
        Path ours = dir.resolve("ours.flac");
        Path theirs = dir.resolve("theirs.flac");

        for (int i = 0; i < 5; i++) {
            encodeOurs(doubles, bits, ours); // JIT warm-up
        }
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            encodeOurs(doubles, bits, ours);
            best[0] = Math.min(best[0], System.nanoTime() - wall0);
            best[1] = Math.min(best[1], threads.getCurrentThreadCpuTime() - cpu0);

            long wall1 = System.nanoTime();
            String cpu = run("bash", "-c", "TIMEFORMAT='%3U %3S'; time flac -5 -f --silent "
                    + "--force-raw-format --endian=little --sign=signed --channels=2 --bps=" + bits + " --sample-rate=" + RATE
                    + " -o '" + theirs + "' '" + raw + "'").strip();
            best[2] = Math.min(best[2], System.nanoTime() - wall1);
            String[] userSys = cpu.substring(cpu.lastIndexOf('\n') + 1).split(" ");
            best[3] = Math.min(best[3], (long) ((Double.parseDouble(userSys[0]) + Double.parseDouble(userSys[1])) * 1e9));
        }
        System.out.printf("input: %.0f s of %d-bit stereo %d Hz music-like audio%n", seconds, bits, RATE);
        report("FlacWriter", best[0], best[1], seconds, Files.size(ours));
        report("flac -5   ", best[2], best[3], seconds, Files.size(theirs));
        System.out.printf("speed ours/flac: %.2f by wall time, %.2f by CPU time (>1 means we are faster)%n",
                (double) best[2] / best[0], (double) best[3] / best[1]);
        for (Path p : new Path[] {raw, ours, theirs, dir}) {
            Files.delete(p);
        }
    }

    /** Runs a command, returning its output; throws if it fails (e.g. flac is not installed). */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static void report(String name, long wallNanos, long cpuNanos, double seconds, long bytes) {
        System.out.printf("%s: %7.1f ms wall (%6.0fx realtime), %7.1f ms CPU (%6.0fx realtime), %d bytes%n",
                name, wallNanos / 1e6, seconds / (wallNanos / 1e9), cpuNanos / 1e6, seconds / (cpuNanos / 1e9), bytes);
    }

    private static void encodeOurs(double[][] doubles, int bits, Path file) throws Exception {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
        double[][] chunk = new double[2][CHUNK];
        int frames = doubles[0].length;
        try (AudioWriter writer = FlacWriter.create(channel, file.toString(),
                new WriteSpec(Container.FLAC, RATE, 2, SampleFormat.pcm(bits)))) {
            for (int done = 0; done < frames; done += CHUNK) {
                int n = Math.min(CHUNK, frames - done);
                System.arraycopy(doubles[0], done, chunk[0], 0, n);
                System.arraycopy(doubles[1], done, chunk[1], 0, n);
                writer.write(chunk, n);
            }
        }
    }
}

package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Prints WavReader's decode throughput for 24-bit stereo on a warm JVM (file in the page cache,
 * and from memory). A manual benchmark, not a test: run with
 * {@code java -cp <test classpath> io.mixfarm.engine.codec.wav.WavReadThroughput [MB]}.
 */
public final class WavReadThroughput {
    private static final int BLOCK = Integer.getInteger("block", 4096);

    private WavReadThroughput() {
    }

    public static void main(String[] args) throws IOException {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 256;
        long frames = megabytes * 1_000_000 / 6;
        Path file = Files.createTempFile("throughput-", ".wav");
        try {
            write(file, frames);
            long bytes = Files.size(file);
            byte[] inMemory = bytes < Integer.MAX_VALUE - 8 ? Files.readAllBytes(file) : null;
            for (int pass = 1; pass <= 6; pass++) {
                double fileRate = measure(() -> WavReader.open(FileChannel.open(file), "file"), bytes);
                String memory = "";
                if (inMemory != null) {
                    double memoryRate = measure(() -> WavReader.open(new ByteArrayChannel(inMemory), "memory"), bytes);
                    memory = String.format(", from memory %.0f MB/s", memoryRate);
                }
                System.out.printf("pass %d: 24-bit stereo, %d MB: from file %.0f MB/s%s%n",
                        pass, bytes / 1_000_000, fileRate, memory);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private interface Opener {
        AudioReader open() throws IOException;
    }

    /** Reads everything once; returns MB/s of file bytes. */
    private static double measure(Opener opener, long bytes) throws IOException {
        double[][] block = new double[2][BLOCK];
        double sink = 0;
        long start = System.nanoTime();
        try (AudioReader reader = opener.open()) {
            for (int n; (n = reader.read(block, BLOCK)) > 0; ) {
                sink += block[0][n - 1];
            }
        }
        long nanos = System.nanoTime() - start;
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("unreachable: keeps the decode from being optimized away");
        }
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static void write(Path file, long frames) throws IOException {
        double[][] block = new double[2][BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            block[0][i] = Math.sin(i * 0.01) * 0.9;
            block[1][i] = Math.cos(i * 0.013) * 0.9;
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try (AudioWriter writer = WavWriter.create(channel, file.toString(),
                new WriteSpec(Container.WAV, 48_000, 2, SampleFormat.PCM_24))) {
            for (long done = 0; done < frames; done += BLOCK) {
                writer.write(block, (int) Math.min(BLOCK, frames - done));
            }
        }
    }
}

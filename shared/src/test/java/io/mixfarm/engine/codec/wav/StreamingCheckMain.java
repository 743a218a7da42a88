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
 * Run in a child JVM with a small heap by {@link StreamingMemoryTest}: writes a 24-bit stereo WAV
 * several times larger than the heap, reads it back, and exits 0 only if the checksum of every
 * sample read equals the checksum of every sample written.
 *
 * <p>Arguments: the file to write, the number of frames.
 */
public final class StreamingCheckMain {
    private static final int BLOCK = 4096;
    private static final double FULL = 1 << 23;

    private StreamingCheckMain() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long frames = Long.parseLong(args[1]);
        long written = write(file, frames);
        long fileBytes = Files.size(file);
        long heap = Runtime.getRuntime().maxMemory();
        if (fileBytes < 3 * heap) {
            System.err.println("file of " + fileBytes + " bytes is not much larger than the heap of " + heap);
            System.exit(2);
        }
        long read = read(file, frames);
        System.out.println("file " + fileBytes + " bytes, heap " + heap + " bytes, checksums "
                + Long.toHexString(written) + " / " + Long.toHexString(read));
        System.exit(written == read ? 0 : 1);
    }

    private static long write(Path file, long frames) throws IOException {
        double[][] block = new double[2][BLOCK];
        long checksum = 0;
        long state = 1;
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try (AudioWriter writer = WavWriter.create(channel, file.toString(),
                new WriteSpec(Container.WAV, 96_000, 2, SampleFormat.PCM_24))) {
            for (long done = 0; done < frames; done += BLOCK) {
                int n = (int) Math.min(BLOCK, frames - done);
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < 2; c++) {
                        state = state * 6364136223846793005L + 1442695040888963407L; // LCG, fixed seed
                        int sample = (int) (state >> 40); // 24 bits, signed
                        block[c][i] = sample / FULL;
                        checksum = checksum * 31 + sample;
                    }
                }
                writer.write(block, n);
            }
        }
        return checksum;
    }

    private static long read(Path file, long frames) throws IOException {
        double[][] block = new double[2][BLOCK];
        long checksum = 0;
        long total = 0;
        try (AudioReader reader = WavReader.open(FileChannel.open(file), file.toString())) {
            if (reader.info().frames() != frames) {
                throw new IllegalStateException("header says " + reader.info().frames() + " frames");
            }
            for (int n; (n = reader.read(block, BLOCK)) > 0; total += n) {
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < 2; c++) {
                        checksum = checksum * 31 + (long) (block[c][i] * FULL);
                    }
                }
            }
        }
        if (total != frames) {
            throw new IllegalStateException("read " + total + " of " + frames + " frames");
        }
        return checksum;
    }
}

package io.mixfarm.worker;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Synthesized stems: 24-bit WAV bytes of a tone with a little seeded noise, written by the engine. */
final class StemAudio {

    private StemAudio() {
    }

    /**
     * A stem of {@code seconds} at {@code rate} Hz, a sine of {@code hz} at {@code amplitude} with
     * noise 30 dB below it.
     */
    static byte[] wav(Path dir, double seconds, int rate, int channels, double hz, double amplitude, long seed) {
        Path file = dir.resolve("stem-" + seed + "-" + System.nanoTime() + ".wav");
        SplittableRandom random = new SplittableRandom(seed);
        int block = 4096;
        double[][] buffer = new double[channels][block];
        long frames = Math.round(seconds * rate);
        try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(Container.WAV, rate, channels, SampleFormat.PCM_24))) {
            for (long done = 0; done < frames; ) {
                int n = (int) Math.min(block, frames - done);
                for (int i = 0; i < n; i++) {
                    double t = (double) (done + i) / rate;
                    double tone = amplitude * Math.sin(2 * Math.PI * hz * t);
                    for (int c = 0; c < channels; c++) {
                        buffer[c][i] = tone + amplitude * 0.03 * (random.nextDouble() * 2 - 1);
                    }
                }
                writer.write(buffer, n);
                done += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.mixfarm.render;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Writes and reads the WAV files of rendering tests. */
final class StemFiles {
    private StemFiles() {
    }

    /** Seeded noise, one array per channel, in steps of 2^-23 so that 24-bit PCM holds it exactly. */
    static double[][] noise(int channels, int frames, double amplitude, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[channels][frames];
        for (double[] ch : x) {
            for (int i = 0; i < frames; i++) {
                ch[i] = Math.rint(amplitude * (2 * random.nextDouble() - 1) * 0x1p23) * 0x1p-23;
            }
        }
        return x;
    }

    static Path write(Path file, int sampleRate, SampleFormat format, double[][] samples) throws IOException {
        Files.createDirectories(file.getParent());
        try (AudioWriter w = AudioFiles.create(file, new WriteSpec(Container.WAV, sampleRate, samples.length, format))) {
            w.write(samples, samples[0].length);
        }
        return file;
    }

    static double[][] read(Path file) throws IOException {
        try (AudioReader r = AudioFiles.open(file)) {
            int frames = (int) r.info().frames();
            double[][] out = new double[r.info().channels()][frames];
            double[][] block = new double[r.info().channels()][4096];
            int at = 0;
            for (int n; (n = r.read(block, 4096)) > 0; at += n) {
                for (int ch = 0; ch < out.length; ch++) {
                    System.arraycopy(block[ch], 0, out[ch], at, n);
                }
            }
            return out;
        }
    }
}

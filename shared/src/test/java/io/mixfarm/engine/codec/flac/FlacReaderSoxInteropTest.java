package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** FLAC files written by sox (libFLAC through libsox) decode to exactly the samples given to sox. */
class FlacReaderSoxInteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}-bit, {1} ch, {2} Hz")
    @CsvSource({"16, 2, 44100", "24, 2, 96000", "16, 1, 8000", "24, 6, 48000"})
    void readsSoxFlacBitExactly(int bits, int channels, int rate) throws Exception {
        int frames = rate / 2 + 123;
        int bytes = bits / 8;
        int[][] samples = new int[channels][frames];
        SplittableRandom random = new SplittableRandom(bits * 31L + channels);
        ByteBuffer raw = ByteBuffer.allocate(frames * channels * bytes).order(ByteOrder.LITTLE_ENDIAN);
        int max = (1 << (bits - 1)) - 1;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                double tone = 0.5 * Math.sin(2 * Math.PI * (220 + 110 * c) * i / rate);
                int v = (int) Math.round((tone + 0.01 * (random.nextDouble() - 0.5)) * max);
                samples[c][i] = v;
                raw.put((byte) v).put((byte) (v >> 8));
                if (bytes == 3) {
                    raw.put((byte) (v >> 16));
                }
            }
        }
        Path rawFile = Files.write(dir.resolve("in.raw"), raw.array());
        Path flac = dir.resolve("sox.flac");
        Process sox = new ProcessBuilder("sox", "-t", "raw", "-r", String.valueOf(rate), "-e", "signed", "-b",
                String.valueOf(bits), "-c", String.valueOf(channels), "-L", rawFile.toString(), flac.toString())
                .redirectErrorStream(true).start();
        String output = new String(sox.getInputStream().readAllBytes());
        assertEquals(0, sox.waitFor(), "sox (install it: apt-get install sox) said: " + output);

        try (AudioReader reader = AudioFiles.open(flac)) {
            assertEquals(rate, reader.info().sampleRate());
            assertEquals(channels, reader.info().channels());
            assertEquals(bits, reader.info().bitsPerSample());
            double[][] block = new double[channels][1000];
            double scale = 1 << (bits - 1);
            int done = 0;
            int n;
            while ((n = reader.read(block, 1000)) > 0) {
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < n; i++) {
                        assertEquals(samples[c][done + i], block[c][i] * scale, 0.0, "frame " + (done + i));
                    }
                }
                done += n;
            }
            assertEquals(frames, done);
        }
    }
}

package io.mixfarm.engine.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container is chosen by content, never by extension. */
class AudioFilesTest {
    @TempDir
    Path dir;

    private static double[][] ramp(int channels, int frames, int bits) {
        double[][] x = new double[channels][frames];
        double step = 1.0 / (1 << (bits - 1));
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                x[c][i] = ((i * 37 + c * 1001) % 2000 - 1000) * step;
            }
        }
        return x;
    }

    private static double[][] readAll(Path file, int channels, int frames) throws IOException {
        double[][] out = new double[channels][frames];
        try (AudioReader reader = AudioFiles.open(file)) {
            int done = 0;
            double[][] block = new double[channels][777];
            int n;
            while ((n = reader.read(block, block[0].length)) > 0) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(block[c], 0, out[c], done, n);
                }
                done += n;
            }
            assertEquals(frames, done);
        }
        return out;
    }

    @Test
    void aFlacFileNamedWavIsReadAsFlac() throws IOException {
        Path file = dir.resolve("really-flac.wav");
        double[][] x = ramp(2, 10_000, 16);
        try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(Container.FLAC, 44_100, 2, SampleFormat.PCM_16))) {
            writer.write(x, 10_000);
        }
        try (AudioReader reader = AudioFiles.open(file)) {
            assertEquals(Container.FLAC, reader.info().container());
        }
        double[][] y = readAll(file, 2, 10_000);
        assertArrayEquals(x[0], y[0]);
        assertArrayEquals(x[1], y[1]);
    }

    @Test
    void everyWritableFormatRoundTripsThroughTheFactory() throws IOException {
        for (WriteSpec spec : new WriteSpec[] {
                new WriteSpec(Container.WAV, 48_000, 2, SampleFormat.PCM_16),
                new WriteSpec(Container.WAV, 96_000, 6, SampleFormat.PCM_24),
                new WriteSpec(Container.WAV, 8_000, 1, SampleFormat.FLOAT_32),
                new WriteSpec(Container.FLAC, 384_000, 8, SampleFormat.PCM_24),
                new WriteSpec(Container.FLAC, 22_050, 1, SampleFormat.PCM_16)}) {
            Path file = dir.resolve("x-" + spec.container() + spec.format() + spec.channels());
            double[][] x = ramp(spec.channels(), 5_001, spec.format() == SampleFormat.PCM_16 ? 16 : 24);
            try (AudioWriter writer = AudioFiles.create(file, spec)) {
                writer.write(x, 5_001);
                assertEquals(5_001, writer.framesWritten());
            }
            double[][] y = readAll(file, spec.channels(), 5_001);
            for (int c = 0; c < spec.channels(); c++) {
                assertArrayEquals(x[c], y[c], spec.toString());
            }
        }
    }

    @Test
    void textNamedWavIsRejectedWithTheFileName() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.wav"), "hello, this is text");
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> AudioFiles.open(file));
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ": not a WAV, RF64, AIFF or FLAC file"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = Files.write(dir.resolve("empty.flac"), new byte[0]);
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> AudioFiles.open(file));
        assertEquals(file + ": file is empty", e.getMessage());
    }

    @Test
    void mp3IsRejectedAsNotAudioWeRead() throws IOException {
        byte[] mp3Frame = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0};
        Path file = Files.write(dir.resolve("song.mp3"), mp3Frame);
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> AudioFiles.open(file));
        assertTrue(e.reason().contains("0xfffb9064"), e.getMessage());
    }
}

package io.mixfarm.coordinator;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small audio files made by the engine's writers: a sine, at a rate and channel count. */
public final class TestAudio {

    private TestAudio() {
    }

    public static byte[] wav(int rate, int channels, double seconds) {
        return write(Container.WAV, SampleFormat.PCM_16, rate, channels, seconds);
    }

    public static byte[] flac(int rate, int channels, double seconds) {
        return write(Container.FLAC, SampleFormat.PCM_16, rate, channels, seconds);
    }

    /**
     * A WAV whose data chunk declares {@code extraBytes} more than the file holds: the header of a
     * file cut short, or one that lies.
     */
    public static byte[] wavClaimingMore(int rate, int channels, double seconds, int extraBytes) {
        byte[] bytes = wav(rate, channels, seconds);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 12; at + 8 <= bytes.length; ) {
            String id = new String(bytes, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = b.getInt(at + 4);
            if (id.equals("data")) {
                b.putInt(at + 4, size + extraBytes);
                return bytes;
            }
            at += 8 + size + (size & 1);
        }
        throw new IllegalStateException("no data chunk");
    }

    private static byte[] write(Container container, SampleFormat format, int rate, int channels, double seconds) {
        try {
            Path file = Files.createTempFile("mixfarm-test-", container == Container.FLAC ? ".flac" : ".wav");
            try {
                int frames = (int) Math.round(rate * seconds);
                double[][] block = new double[channels][frames];
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < frames; i++) {
                        block[c][i] = 0.25 * Math.sin(2 * Math.PI * 440 * i / rate);
                    }
                }
                try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(container, rate, channels, format))) {
                    writer.write(block, frames);
                }
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Signals, file helpers and comparisons shared by the codec tests. */
public final class TestAudio {
    private TestAudio() {
    }

    /**
     * Seeded noise exactly representable in {@code format}: integers on the 2^-(n-1) grid with both
     * extremes present, or floats (including overs beyond full scale, which float files keep).
     */
    public static double[][] exactSignal(SampleFormat format, int channels, int frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] signal = new double[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                signal[c][i] = exactSample(format, random);
            }
            if (frames >= 2 && !format.isFloatingPoint()) {
                long full = 1L << (format.bits() - 1);
                signal[c][0] = -1.0;
                signal[c][1] = (double) (full - 1) / full;
            }
        }
        return signal;
    }

    private static double exactSample(SampleFormat format, SplittableRandom random) {
        switch (format) {
            case FLOAT_32: return (float) (random.nextDouble(-1.25, 1.25));
            case FLOAT_64: return random.nextDouble(-1.25, 1.25);
            default:
                long full = 1L << (format.bits() - 1);
                return (double) random.nextLong(-full, full) / full;
        }
    }

    /** Reads every frame, in blocks of {@code blockFrames}, checking the count matches the header. */
    public static double[][] readAll(AudioReader reader, int blockFrames) throws IOException {
        int channels = reader.info().channels();
        long frames = reader.info().frames();
        double[][] all = new double[channels][Math.toIntExact(frames)];
        double[][] block = new double[channels][blockFrames];
        int at = 0;
        for (int n; (n = reader.read(block, blockFrames)) > 0; at += n) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(block[c], 0, all[c], at, n);
            }
        }
        assertEquals(frames, at, "frames read vs header");
        return all;
    }

    public static double[][] readWav(Path file) throws IOException {
        try (AudioReader reader = WavReader.open(FileChannel.open(file), file.toString())) {
            return readAll(reader, 1000);
        }
    }

    public static void writeWav(Path file, SampleFormat format, int rate, double[][] signal) throws IOException {
        WriteSpec spec = new WriteSpec(Container.WAV, rate, signal.length, format);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try (AudioWriter writer = WavWriter.create(channel, file.toString(), spec)) {
            writer.write(signal, signal[0].length);
        }
    }

    /** Writes the signal interleaved as raw little-endian float64, the input format of the oracles. */
    public static void writeRawF64(Path file, double[][] signal) throws IOException {
        int channels = signal.length;
        int frames = signal[0].length;
        ByteBuffer raw = ByteBuffer.allocate(channels * frames * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (double[] channel : signal) {
                raw.putDouble(channel[i]);
            }
        }
        Files.write(file, raw.array());
    }

    /** Reads raw interleaved little-endian float64 back into planar channels. */
    public static double[][] readRawF64(Path file, int channels) throws IOException {
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int frames = raw.remaining() / 8 / channels;
        double[][] signal = new double[channels][frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                signal[c][i] = raw.getDouble();
            }
        }
        return signal;
    }

    /** Asserts bit-exact equality channel by channel, naming the first difference. */
    public static void assertSamplesEqual(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": channels");
        for (int c = 0; c < expected.length; c++) {
            int channel = c;
            assertEquals(expected[c].length, actual[c].length, () -> what + ": frames of channel " + channel);
            if (!Arrays.equals(expected[c], actual[c])) {
                int i = Arrays.mismatch(expected[c], actual[c]);
                assertArrayEquals(expected[c], actual[c],
                        what + ": channel " + c + " differs first at frame " + i);
            }
        }
    }

    /** Asserts every sample is within {@code tolerance} of the expected one. */
    public static void assertSamplesClose(double[][] expected, double[][] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": channels");
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c].length, actual[c].length, what + ": frames of channel " + c);
            for (int i = 0; i < expected[c].length; i++) {
                if (!(Math.abs(expected[c][i] - actual[c][i]) <= tolerance)) {
                    assertEquals(expected[c][i], actual[c][i], tolerance, what + ": channel " + c + " frame " + i);
                }
            }
        }
    }
}

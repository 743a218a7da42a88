package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quantization, saturation and argument checks of WavWriter. */
class WavWriterTest {

    @Test
    void integerFormatsRoundToNearestStep() throws IOException {
        double step = 0x1p-15;
        double[] in = {0.4 * step, 0.6 * step, -0.4 * step, -0.6 * step, 100.49 * step, -100.51 * step};
        double[] expected = {0, step, 0, -step, 100 * step, -101 * step};
        assertArrayEquals(expected, roundTrip(SampleFormat.PCM_16, in));

        double step24 = 0x1p-23;
        assertArrayEquals(new double[] {7 * step24, -3 * step24},
                roundTrip(SampleFormat.PCM_24, new double[] {7.3 * step24, -2.7 * step24}));
    }

    @Test
    void integerFormatsSaturateBeyondFullScale() throws IOException {
        double[] in = {1.0, 1.5, Double.POSITIVE_INFINITY, -1.0, -1.0001, Double.NEGATIVE_INFINITY};
        double max16 = 1 - 0x1p-15;
        assertArrayEquals(new double[] {max16, max16, max16, -1, -1, -1}, roundTrip(SampleFormat.PCM_16, in));
        double max24 = 1 - 0x1p-23;
        assertArrayEquals(new double[] {max24, max24, max24, -1, -1, -1}, roundTrip(SampleFormat.PCM_24, in));
    }

    @Test
    void floatKeepsOversAndRoundsToNearestFloat() throws IOException {
        double tiny = 1.0 + 0x1p-30; // between two floats, nearer to 1.0
        assertArrayEquals(new double[] {1.75, -3.0, 1.0}, roundTrip(SampleFormat.FLOAT_32, new double[] {1.75, -3.0, tiny}));
    }

    @Test
    void nanInputIsRejected() {
        for (SampleFormat format : new SampleFormat[] {SampleFormat.PCM_16, SampleFormat.PCM_24, SampleFormat.FLOAT_32}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> roundTrip(format, new double[] {0.0, Double.NaN}));
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        }
    }

    @Test
    void floatRejectsValuesItCannotHold() {
        assertThrows(IllegalArgumentException.class,
                () -> roundTrip(SampleFormat.FLOAT_32, new double[] {Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> roundTrip(SampleFormat.FLOAT_32, new double[] {1e300}));
    }

    @Test
    void rejectsShortSourceArraysAndNonWavSpecs() throws IOException {
        ByteArrayChannel channel = new ByteArrayChannel();
        try (AudioWriter writer = WavWriter.create(channel, "t.wav",
                new WriteSpec(Container.WAV, 48_000, 2, SampleFormat.PCM_16))) {
            assertThrows(IllegalArgumentException.class, () -> writer.write(new double[1][10], 10));
            assertThrows(IllegalArgumentException.class, () -> writer.write(new double[2][5], 10));
            writer.write(new double[2][10], 10);
            assertEquals(10, writer.framesWritten());
        }
        assertFalse(channel.isOpen(), "close() closes the channel it owns");
        assertThrows(IllegalArgumentException.class, () -> WavWriter.create(new ByteArrayChannel(), "t.flac",
                new WriteSpec(Container.FLAC, 48_000, 2, SampleFormat.PCM_16)));
    }

    @Test
    void emptyFileIsValid() throws IOException {
        ByteArrayChannel channel = new ByteArrayChannel();
        WavWriter.create(channel, "empty.wav", new WriteSpec(Container.WAV, 44_100, 1, SampleFormat.PCM_24)).close();
        try (AudioReader reader = WavReader.open(new ByteArrayChannel(channel.toByteArray()), "empty.wav")) {
            assertEquals(0, reader.info().frames());
            assertEquals(-1, reader.read(new double[1][16], 16));
        }
    }

    /** Writes one mono block in {@code format}, reads it back. */
    private static double[] roundTrip(SampleFormat format, double[] samples) throws IOException {
        ByteArrayChannel channel = new ByteArrayChannel();
        try (AudioWriter writer = WavWriter.create(channel, "q.wav", new WriteSpec(Container.WAV, 48_000, 1, format))) {
            writer.write(new double[][] {samples}, samples.length);
        }
        try (AudioReader reader = WavReader.open(new ByteArrayChannel(channel.toByteArray()), "q.wav")) {
            return TestAudio.readAll(reader, 64)[0];
        }
    }
}

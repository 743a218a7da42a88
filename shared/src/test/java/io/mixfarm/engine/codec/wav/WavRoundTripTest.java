package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** WavWriter then WavReader returns exactly the samples written, for every writable format. */
class WavRoundTripTest {
    private static final int[] RATES = {8_000, 44_100, 48_000, 96_000, 192_000, 384_000};

    @TempDir
    Path dir;

    static Stream<Arguments> formatsChannelsRates() {
        return Stream.of(SampleFormat.PCM_16, SampleFormat.PCM_24, SampleFormat.FLOAT_32)
                .flatMap(format -> IntStream.rangeClosed(1, 8).boxed()
                        .flatMap(channels -> IntStream.of(RATES).mapToObj(rate -> Arguments.of(format, channels, rate))));
    }

    @ParameterizedTest(name = "{0} {1} ch {2} Hz")
    @MethodSource("formatsChannelsRates")
    void roundTripIsBitExact(SampleFormat format, int channels, int rate) throws IOException {
        // An odd frame count exercises the pad byte after odd-sized data (24-bit mono).
        int frames = rate / 50 + 1;
        double[][] signal = TestAudio.exactSignal(format, channels, frames, rate * 31L + channels);
        Path file = dir.resolve("rt.wav");
        TestAudio.writeWav(file, format, rate, signal);

        try (AudioReader reader = WavReader.open(FileChannel.open(file), "rt.wav")) {
            assertEquals(new AudioInfo("rt.wav", Container.WAV, rate, channels, format, format.bits(), frames),
                    reader.info());
            // A block size that does not divide the length checks the block loop's edges.
            TestAudio.assertSamplesEqual(signal, TestAudio.readAll(reader, 997), format + " " + channels + " ch");
        }
        long dataBytes = (long) frames * channels * format.bytes();
        assertEquals(headerLength(format, channels) + dataBytes + (dataBytes & 1), Files.size(file), "file size");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writableFormats")
    void longFileCrossesManyReadBuffers(SampleFormat format) throws IOException {
        int frames = 300_001;
        double[][] signal = TestAudio.exactSignal(format, 8, frames, 99);
        Path file = dir.resolve("long.wav");
        TestAudio.writeWav(file, format, 96_000, signal);
        try (AudioReader reader = WavReader.open(FileChannel.open(file), "long.wav")) {
            TestAudio.assertSamplesEqual(signal, TestAudio.readAll(reader, 65_536), "long " + format);
        }
    }

    static Stream<SampleFormat> writableFormats() {
        return Stream.of(SampleFormat.PCM_16, SampleFormat.PCM_24, SampleFormat.FLOAT_32);
    }

    @Test
    void extensibleOnlyBeyondStereoOr16Bits() throws IOException {
        assertEquals(0x0001, formatTag(SampleFormat.PCM_16, 1));
        assertEquals(0x0001, formatTag(SampleFormat.PCM_16, 2));
        assertEquals(0xFFFE, formatTag(SampleFormat.PCM_16, 3));
        assertEquals(0xFFFE, formatTag(SampleFormat.PCM_24, 2));
        assertEquals(0xFFFE, formatTag(SampleFormat.FLOAT_32, 1));
    }

    @Test
    void extensibleHeaderCarriesChannelMaskAndSubformat() throws IOException {
        ByteBuffer header = header(SampleFormat.FLOAT_32, 6);
        assertEquals(40, header.getInt(52), "fmt size");
        assertEquals(22, header.getShort(72), "cbSize");
        assertEquals(32, header.getShort(74), "valid bits");
        assertEquals(0x3F, header.getInt(76), "5.1 channel mask");
        assertEquals(0x0003, header.getShort(80), "IEEE float subformat");
        assertEquals("fact", ascii(header, 96));
        assertEquals(1000, header.getInt(104), "fact sample length");
    }

    @Test
    void reservesJunkForDs64BeforeFmt() throws IOException {
        ByteBuffer header = header(SampleFormat.PCM_16, 2);
        assertEquals("RIFF", ascii(header, 0));
        assertEquals("JUNK", ascii(header, 12));
        assertEquals(28, header.getInt(16));
        assertEquals("fmt ", ascii(header, 48));
        assertEquals("data", ascii(header, 72));
        assertEquals(4000, header.getInt(76), "data size");
        assertEquals(80 - 8 + 4000, header.getInt(4), "RIFF size");
    }

    private int formatTag(SampleFormat format, int channels) throws IOException {
        return header(format, channels).getShort(56) & 0xFFFF;
    }

    private ByteBuffer header(SampleFormat format, int channels) throws IOException {
        Path file = dir.resolve("h.wav");
        TestAudio.writeWav(file, format, 48_000, new double[channels][1000]);
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String ascii(ByteBuffer b, int at) {
        return new String(b.array(), at, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static long headerLength(SampleFormat format, int channels) {
        boolean extensible = channels > 2 || format.bits() > 16;
        return 12 + 36 + 8 + (extensible ? 40 : 16) + (format.isFloatingPoint() ? 12 : 0) + 8;
    }
}

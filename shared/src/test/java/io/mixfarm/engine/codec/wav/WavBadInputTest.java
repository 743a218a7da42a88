package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.InvalidAudioException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static io.mixfarm.engine.codec.wav.WavBytes.chunk;
import static io.mixfarm.engine.codec.wav.WavBytes.fmt;
import static io.mixfarm.engine.codec.wav.WavBytes.fmtExtensible;
import static io.mixfarm.engine.codec.wav.WavBytes.fmtPcm;
import static io.mixfarm.engine.codec.wav.WavBytes.pcm16;
import static io.mixfarm.engine.codec.wav.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per class of broken WAV: each fails with InvalidAudioException naming source and reason. */
class WavBadInputTest {
    private static final byte[] STEREO_16 = chunk("fmt ", fmtPcm(2, 44_100, 16));
    private static final byte[] SOME_DATA = chunk("data", pcm16(1, 2, 3, 4));

    @Test
    void dataChunkLongerThanTheFileIsTruncated() {
        rejectOnOpen(riff(STEREO_16, chunk("data", 4000, pcm16(1, 2, 3, 4))),
                "data chunk declares 4000 bytes but the file holds only 8 after offset 44 (truncated)");
    }

    @Test
    void fileEndingWhileReadingIsTruncated() throws IOException {
        byte[] file = riff(STEREO_16, chunk("data", new byte[400]));
        // The channel still claims the full size, like a file cut short while it is being read.
        ByteArrayChannel shrunk = new ByteArrayChannel(Arrays.copyOf(file, file.length - 10), file.length);
        try (AudioReader reader = WavReader.open(shrunk, "bad.wav")) {
            InvalidAudioException e = assertThrows(InvalidAudioException.class,
                    () -> reader.read(new double[2][1000], 1000));
            assertMessage(e, "file ends inside frame 97 of 100 (truncated)");
        }
    }

    @Test
    void missingFmtChunk() {
        rejectOnOpen(riff(chunk("LIST", new byte[6]), SOME_DATA),
                "data chunk at offset 26 comes before any fmt chunk");
        rejectOnOpen(riff(chunk("JUNK", new byte[30])), "no fmt chunk");
    }

    @Test
    void missingDataChunk() {
        rejectOnOpen(riff(STEREO_16, chunk("LIST", new byte[3])), "no data chunk");
        byte[] cutInsideDataHeader = riff(STEREO_16, SOME_DATA);
        rejectOnOpen(Arrays.copyOf(cutInsideDataHeader, 40), "no data chunk");
    }

    @Test
    void compressedFormatTagsAreNamed() {
        rejectOnOpen(riff(chunk("fmt ", fmt(0x0055, 2, 44_100, 1, 0)), SOME_DATA),
                "unsupported WAV format tag 0x0055 (MPEG Layer 3)");
        rejectOnOpen(riff(chunk("fmt ", fmt(0x0007, 1, 8_000, 1, 8)), SOME_DATA),
                "unsupported WAV format tag 0x0007 (mu-law)");
        rejectOnOpen(riff(chunk("fmt ", fmt(0x1234, 1, 8_000, 2, 16)), SOME_DATA),
                "unsupported WAV format tag 0x1234");
    }

    @Test
    void extensibleWithForeignSubformat() {
        rejectOnOpen(riff(chunk("fmt ", fmtExtensible(2, 44_100, 16, 16, 0x0055)), SOME_DATA),
                "unsupported WAV format tag 0x0055 (MPEG Layer 3)");
        byte[] foreignGuid = fmtExtensible(2, 44_100, 16, 16, 0x0001);
        foreignGuid[39] = 0x42;
        rejectOnOpen(riff(chunk("fmt ", foreignGuid), SOME_DATA),
                "unsupported WAVE_FORMAT_EXTENSIBLE subformat GUID 00000001-0000-0010-8000-00AA00389B42");
        rejectOnOpen(riff(chunk("fmt ", Arrays.copyOf(foreignGuid, 30)), SOME_DATA),
                "WAVE_FORMAT_EXTENSIBLE fmt chunk is 30 bytes; 40 needed");
    }

    @Test
    void zeroChannels() {
        rejectOnOpen(riff(chunk("fmt ", fmt(1, 0, 44_100, 0, 16)), SOME_DATA), "header declares 0 channels");
    }

    @Test
    void absurdRatesAndChannelCounts() {
        rejectOnOpen(riff(chunk("fmt ", fmtPcm(2, 0, 16)), SOME_DATA), "sample rate of 0 Hz");
        rejectOnOpen(riff(chunk("fmt ", fmtPcm(2, 4_000_000, 16)), SOME_DATA), "sample rate of 4000000 Hz");
        rejectOnOpen(riff(chunk("fmt ", fmtPcm(2, -1, 16)), SOME_DATA), "sample rate of 2147483647 Hz");
        rejectOnOpen(riff(chunk("fmt ", fmtPcm(9, 44_100, 16)), SOME_DATA), "header declares 9 channels");
        rejectOnOpen(riff(chunk("fmt ", fmt(1, 0xFFFF, 44_100, 2, 16)), SOME_DATA), "header declares 65535 channels");
    }

    @Test
    void blockAlignInconsistentWithChannelsAndBytes() {
        rejectOnOpen(riff(chunk("fmt ", fmt(1, 2, 44_100, 3, 16)), SOME_DATA),
                "block align 3 does not match 2 channels of 2 bytes (4)");
        rejectOnOpen(riff(chunk("fmt ", fmt(3, 1, 44_100, 8, 32)), SOME_DATA),
                "block align 8 does not match 1 channels of 4 bytes (4)");
    }

    @Test
    void terabyteChunkSizes() {
        rejectOnOpen(riff(STEREO_16, chunk("LIST", 0xFFFFFFF0L, new byte[4]), SOME_DATA),
                "chunk 'LIST' at offset 36 declares 4294967280 bytes, past the end of the file (64 bytes)");
        rejectOnOpen(WavBytes.rf64(1L << 40, 1L << 38, STEREO_16, chunk("data", 0xFFFFFFFFL, pcm16(1, 2))),
                "data chunk declares 1099511627776 bytes but the file holds only 4", "truncated");
        rejectOnOpen(WavBytes.rf64(-5, 0, STEREO_16, chunk("data", 0xFFFFFFFFL, pcm16(1, 2))),
                "ds64 declares a data size of 18446744073709551611 bytes");
        rejectOnOpen(WavBytes.rf64(4, 1, STEREO_16, chunk("bext", 0xFFFFFFFFL, new byte[2]), SOME_DATA),
                "chunk 'bext' has size 0xFFFFFFFF but the ds64 table gives no size for it");
    }

    @Test
    void bitsThatDoNotMatchTheFormat() {
        rejectOnOpen(riff(chunk("fmt ", fmt(3, 2, 44_100, 6, 24)), SOME_DATA),
                "IEEE float with 24 bits per sample; supported: 32, 64");
        rejectOnOpen(riff(chunk("fmt ", fmt(1, 2, 44_100, 0, 0)), SOME_DATA), "PCM with 0 bits per sample");
        rejectOnOpen(riff(chunk("fmt ", fmt(1, 1, 44_100, 5, 40)), SOME_DATA), "PCM with 40 bits per sample");
        byte[] twentyBitContainer = fmtExtensible(2, 44_100, 20, 20, 1);
        rejectOnOpen(riff(chunk("fmt ", twentyBitContainer), SOME_DATA), "PCM with 20 bits per sample");
        rejectOnOpen(riff(chunk("fmt ", fmtExtensible(2, 44_100, 24, 28, 1)), SOME_DATA),
                "valid bits per sample 28 exceed the 24-bit container");
    }

    @Test
    void nonFiniteFloatSamplesNameTheirPosition() throws IOException {
        byte[] file = riff(chunk("fmt ", fmt(3, 2, 48_000, 8, 32)),
                chunk("data", WavBytes.float32(0f, 0.5f, -0.5f, 0f, 0.25f, Float.NaN)));
        try (AudioReader reader = WavReader.open(new ByteArrayChannel(file), "bad.wav")) {
            InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> reader.read(new double[2][8], 8));
            assertMessage(e, "non-finite sample (NaN) at frame 2, channel 1");
        }
        byte[] infinite = riff(chunk("fmt ", fmt(3, 1, 48_000, 8, 64)),
                chunk("data", java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putDouble(0.1).putDouble(Double.NEGATIVE_INFINITY).array()));
        try (AudioReader reader = WavReader.open(new ByteArrayChannel(infinite), "bad.wav")) {
            assertEquals(1, reader.read(new double[1][1], 1), "the first frame is valid");
            InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> reader.read(new double[1][1], 1));
            assertMessage(e, "non-finite sample (-Infinity) at frame 1, channel 0");
        }
    }

    @Test
    void dataNotAWholeNumberOfFrames() {
        rejectOnOpen(riff(STEREO_16, chunk("data", new byte[5])), "data chunk of 5 bytes is not a whole number of 4-byte frames");
    }

    @Test
    void notAWaveFile() {
        rejectOnOpen("OggS\0\0\0\0\0\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                "not a WAV file: starts with 'OggS'");
        byte[] avi = riff(SOME_DATA);
        avi[8] = 'A';
        avi[9] = 'V';
        avi[10] = 'I';
        avi[11] = ' ';
        rejectOnOpen(avi, "RIFF form type is 'AVI ', expected 'WAVE'");
        rejectOnOpen(new byte[] {'R', 'I', 'F', 'F', 0}, "file is 5 bytes, too short for a RIFF header");
        rejectOnOpen(new byte[] {1, 2, 3, 4, 0, 0, 0, 0, 'W', 'A', 'V', 'E'}, "starts with 0x01020304");
    }

    @Test
    void malformedFmtAndDs64Chunks() {
        rejectOnOpen(riff(chunk("fmt ", new byte[14]), SOME_DATA), "fmt chunk is 14 bytes; at least 16 needed");
        rejectOnOpen(riff(STEREO_16, chunk("fmt ", fmtPcm(2, 44_100, 16)), SOME_DATA), "second fmt chunk at offset 36");
        byte[] noDs64 = riff(STEREO_16, SOME_DATA);
        noDs64[0] = 'R';
        noDs64[1] = 'F';
        noDs64[2] = '6';
        noDs64[3] = '4';
        rejectOnOpen(noDs64, "RF64 file has 'fmt ' where the ds64 chunk must be");
    }

    /** Opening must fail with these reason fragments, and close the channel it was given. */
    static void rejectOnOpen(byte[] file, String... fragments) {
        ByteArrayChannel channel = new ByteArrayChannel(file);
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> WavReader.open(channel, "bad.wav"));
        assertMessage(e, fragments);
        assertFalse(channel.isOpen(), "open() closes the channel it owns when it fails");
    }

    static void assertMessage(InvalidAudioException e, String... fragments) {
        assertEquals("bad.wav", e.source());
        assertTrue(e.getMessage().startsWith("bad.wav: "), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.reason().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        }
    }
}

package io.mixfarm.engine.codec.aiff;

import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.InvalidAudioException;
import io.mixfarm.engine.codec.wav.ByteArrayChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static io.mixfarm.engine.codec.aiff.AiffBytes.be16;
import static io.mixfarm.engine.codec.aiff.AiffBytes.chunk;
import static io.mixfarm.engine.codec.aiff.AiffBytes.comm;
import static io.mixfarm.engine.codec.aiff.AiffBytes.commC;
import static io.mixfarm.engine.codec.aiff.AiffBytes.form;
import static io.mixfarm.engine.codec.aiff.AiffBytes.ssnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per class of broken AIFF: each fails with InvalidAudioException naming source and reason. */
class AiffBadInputTest {
    private static final byte[] SOME_SSND = chunk("SSND", ssnd(0, be16(1, 2, 3, 4)));

    @Test
    void ssndHoldingFewerFramesThanCommDeclaresIsTruncated() {
        reject(form("AIFF", chunk("COMM", comm(2, 1000, 16, 44_100)), SOME_SSND),
                "COMM declares 1000 frames (4000 bytes) but the SSND chunk holds 8 bytes of samples (truncated)");
        reject(form("AIFF", chunk("COMM", comm(2, 2, 16, 44_100)), chunk("SSND", 5000, ssnd(0, be16(1, 2, 3, 4)))),
                "chunk 'SSND' at offset 38 declares 5000 bytes, past the end of the file");
    }

    @Test
    void fileEndingWhileReadingIsTruncated() throws IOException {
        byte[] file = form("AIFF", chunk("COMM", comm(1, 100, 16, 44_100)), chunk("SSND", ssnd(0, new byte[200])));
        ByteArrayChannel shrunk = new ByteArrayChannel(Arrays.copyOf(file, file.length - 21), file.length);
        try (AudioReader reader = AiffReader.open(shrunk, "bad.aiff")) {
            InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> reader.read(new double[1][100], 100));
            assertMessage(e, "file ends inside frame 89 of 100 (truncated)");
        }
    }

    @Test
    void missingCommOrSsnd() {
        reject(form("AIFF", SOME_SSND), "no COMM chunk");
        reject(form("AIFF", chunk("COMM", comm(2, 10, 16, 44_100))), "no SSND chunk, but COMM declares 10 frames");
    }

    @Test
    void unsupportedCompressionIsNamed() {
        reject(form("AIFC", chunk("COMM", commC(1, 1, 16, 8_000, "ulaw")), SOME_SSND),
                "unsupported AIFF-C compression type 'ulaw' (mu-law); supported: NONE, twos, sowt, fl32, fl64");
        reject(form("AIFC", chunk("COMM", commC(1, 1, 16, 8_000, "ima4")), SOME_SSND),
                "unsupported AIFF-C compression type 'ima4' (IMA 4:1 ADPCM)");
        reject(form("AIFC", chunk("COMM", commC(1, 1, 16, 8_000, "zzzz")), SOME_SSND),
                "unsupported AIFF-C compression type 'zzzz'; supported");
    }

    @Test
    void zeroChannels() {
        reject(form("AIFF", chunk("COMM", comm(0, 1, 16, 44_100)), SOME_SSND), "header declares 0 channels");
    }

    @Test
    void absurdRatesAndChannelCounts() {
        reject(form("AIFF", chunk("COMM", comm(1, 1, 16, 1_000_000_000)), SOME_SSND), "sample rate of 1000000000 Hz");
        reject(form("AIFF", chunk("COMM", comm(1, 1, 16, 0)), SOME_SSND), "sample rate of 0.0 Hz");
        reject(form("AIFF", chunk("COMM", comm(-2, 1, 16, 44_100)), SOME_SSND), "header declares -2 channels");
        byte[] infiniteRate = comm(1, 1, 16, 44_100);
        infiniteRate[8] = 0x7F;
        infiniteRate[9] = (byte) 0xFF;
        reject(form("AIFF", chunk("COMM", infiniteRate), SOME_SSND), "sample rate of NaN Hz");
    }

    @Test
    void sampleSizesOutOfRange() {
        reject(form("AIFF", chunk("COMM", comm(1, 1, 0, 44_100)), SOME_SSND), "COMM declares 0 bits per sample");
        reject(form("AIFC", chunk("COMM", commC(1, 1, 40, 44_100, "sowt")), SOME_SSND), "COMM declares 40 bits per sample");
    }

    @Test
    void terabyteChunkSizes() {
        reject(form("AIFF", chunk("COMM", comm(1, 1, 16, 44_100)), chunk("MARK", 0xFFFFFF00L, new byte[2]), SOME_SSND),
                "chunk 'MARK' at offset 38 declares 4294967040 bytes, past the end of the file");
        reject(form("AIFF", chunk("COMM", comm(1, 0xFFFFFFFFL, 32, 44_100)), SOME_SSND),
                "COMM declares 4294967295 frames (17179869180 bytes)");
    }

    @Test
    void malformedCommAndSsnd() {
        reject(form("AIFF", chunk("COMM", new byte[16]), SOME_SSND), "COMM chunk is 16 bytes; at least 18 needed");
        reject(form("AIFC", chunk("COMM", comm(1, 1, 16, 8_000)), SOME_SSND), "COMM chunk is 18 bytes; at least 22 needed");
        reject(form("AIFF", chunk("COMM", comm(1, 1, 16, 8_000)), chunk("SSND", new byte[6])), "SSND chunk is 6 bytes");
        byte[] badOffset = ssnd(0, be16(1, 2));
        ByteBuffer.wrap(badOffset).putInt(0, 9);
        reject(form("AIFF", chunk("COMM", comm(1, 1, 16, 8_000)), chunk("SSND", badOffset)),
                "SSND offset 9 lies beyond the chunk's 4 bytes of data");
        reject(form("AIFF", chunk("COMM", comm(1, 1, 16, 8_000)), chunk("COMM", comm(1, 1, 16, 8_000)), SOME_SSND),
                "second COMM chunk");
    }

    @Test
    void nonFiniteFloatSamplesNameTheirPosition() throws IOException {
        byte[] data = ByteBuffer.allocate(12).putFloat(0.5f).putFloat(Float.POSITIVE_INFINITY).putFloat(0).array();
        byte[] file = form("AIFC", chunk("COMM", commC(1, 3, 32, 48_000, "fl32")), chunk("SSND", ssnd(0, data)));
        try (AudioReader reader = AiffReader.open(new ByteArrayChannel(file), "bad.aiff")) {
            InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> reader.read(new double[1][3], 3));
            assertMessage(e, "non-finite sample (Infinity) at frame 1, channel 0");
        }
    }

    @Test
    void notAnAiffFile() {
        reject(new byte[] {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'A', 'V', 'E'}, "not an AIFF file: starts with 'RIFF', expected 'FORM'");
        reject(form("8SVX", chunk("COMM", comm(1, 1, 16, 8_000))), "FORM type is '8SVX', expected 'AIFF' or 'AIFC'");
        reject(new byte[] {'F', 'O', 'R', 'M'}, "file is 4 bytes, too short for a FORM header");
    }

    private static void reject(byte[] file, String... fragments) {
        ByteArrayChannel channel = new ByteArrayChannel(file);
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> AiffReader.open(channel, "bad.aiff"));
        assertMessage(e, fragments);
        assertFalse(channel.isOpen(), "open() closes the channel it owns when it fails");
    }

    private static void assertMessage(InvalidAudioException e, String... fragments) {
        assertEquals("bad.aiff", e.source());
        assertTrue(e.getMessage().startsWith("bad.aiff: "), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.reason().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        }
    }
}

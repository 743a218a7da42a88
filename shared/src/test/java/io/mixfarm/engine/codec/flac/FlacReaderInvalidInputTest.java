package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.InvalidAudioException;
import io.mixfarm.engine.codec.flac.FlacTestStream.Coding;
import io.mixfarm.engine.codec.flac.FlacTestStream.TestBits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import static io.mixfarm.engine.codec.flac.FlacTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per failure class: each must be an InvalidAudioException naming the file and the reason. */
class FlacReaderInvalidInputTest {
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    private int[][] pcm;
    private byte[] good;

    @BeforeEach
    void encode() throws Exception {
        pcm = music(2, 5 * BLOCK + 123, 16, 44_100, 77);
        Path wav = writeWav(dir.resolve("in.wav"), pcm, 16, 44_100);
        good = bytes(flacEncode(wav, dir.resolve("good.flac"), "-5", "--blocksize=" + BLOCK));
        assertSamples(pcm, 16, decode(dir.resolve("good.flac"), BLOCK), "unmodified file");
    }

    /** Opens and fully decodes {@code file}; asserts it is rejected and returns the reason. */
    private String rejected(byte[] file) throws Exception {
        Path path = Files.write(dir.resolve("bad.flac"), file);
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> {
            try (AudioReader reader = FlacReader.open(open(path), "bad.flac")) {
                readAll(reader, 1000);
            }
        });
        assertEquals("bad.flac", e.source());
        assertTrue(e.getMessage().startsWith("bad.flac: "), e.getMessage());
        return e.reason();
    }

    private void assertRejected(byte[] file, String expectedReason) throws Exception {
        String reason = rejected(file);
        assertTrue(reason.contains(expectedReason), "expected '" + expectedReason + "' in: " + reason);
    }

    @Test
    void notFlac() throws Exception {
        assertRejected(bytes(dir.resolve("in.wav")), "not a FLAC file (no fLaC marker)");
        assertRejected(new byte[0], "not a FLAC file (too short)");
        assertRejected("fLa".getBytes(), "not a FLAC file (too short)");
    }

    @Test
    void truncatedStreamInfo() throws Exception {
        for (int cut = 5; cut < 42; cut += 3) {
            String reason = rejected(Arrays.copyOf(good, cut));
            assertTrue(reason.equals("truncated STREAMINFO"), "cut at " + cut + ": " + reason);
        }
    }

    @Test
    void truncatedAnywhereIsACleanError() throws Exception {
        int[] frames = FlacFiles.frameBounds(good);
        for (int cut = 42; cut < good.length; cut += 97) {
            String reason = rejected(Arrays.copyOf(good, cut));
            boolean ok = reason.equals("truncated metadata block") || reason.startsWith("truncated at frame ")
                    || reason.startsWith("stream ends at sample ");
            assertTrue(ok, "cut at " + cut + ": " + reason);
        }
        // cut exactly between frames: no partial frame, but fewer samples than STREAMINFO says
        assertEquals("stream ends at sample " + 2 * BLOCK + " of the " + pcm[0].length + " STREAMINFO declares",
                rejected(Arrays.copyOf(good, frames[2])));
        assertEquals("truncated at frame 2 (sample " + 2 * BLOCK + ")", rejected(Arrays.copyOf(good, frames[2] + 50)));
    }

    @Test
    void damagedFrameDataFailsCrc16() throws Exception {
        int[] frames = FlacFiles.frameBounds(good);
        byte[] bad = good.clone();
        bad[(frames[1] + frames[2]) / 2] ^= 0x10;
        assertEquals("frame 1 (sample 4096): CRC-16 mismatch", rejected(bad));
    }

    @Test
    void damagedFrameHeaderFailsCrc8() throws Exception {
        int[] frames = FlacFiles.frameBounds(good);
        byte[] bad = good.clone();
        bad[frames[3] + 4] ^= 0x01; // the frame number
        assertEquals("frame 3 (sample 12288): CRC-8 mismatch in frame header", rejected(bad));
    }

    @Test
    void alteredMd5() throws Exception {
        byte[] bad = good.clone();
        bad[8 + 18 + 5] ^= 0x40;
        assertEquals("MD5 of decoded audio does not match STREAMINFO", rejected(bad));
    }

    @Test
    void reservedHeaderCodes() throws Exception {
        assertRejected(FlacFiles.rewriteHeader(good, 1, h -> h[2] &= 0x0F), "reserved block size code 0");
        assertRejected(FlacFiles.rewriteHeader(good, 1, h -> h[2] |= 0x0F), "reserved sample rate code 15");
        assertRejected(FlacFiles.rewriteHeader(good, 1, h -> h[3] = (byte) (0xB0 | h[3] & 0x0F)),
                "reserved channel assignment 11");
        assertRejected(FlacFiles.rewriteHeader(good, 1, h -> h[3] = (byte) (h[3] & 0xF1 | 3 << 1)),
                "reserved bit depth code 3");
        assertRejected(FlacFiles.rewriteHeader(good, 1, h -> h[3] |= 1), "reserved bit in frame header is set");
    }

    @Test
    void headersContradictingStreamInfo() throws Exception {
        assertRejected(FlacFiles.rewriteHeader(good, 1, h -> h[2] = (byte) (h[2] & 0xF0 | 10)),
                "sample rate 48000 Hz differs from STREAMINFO's 44100 Hz");
        assertRejected(FlacFiles.rewriteHeader(good, 1, h -> h[3] = (byte) (h[3] & 0x0F)),
                "1 channels differ from STREAMINFO's 2");
        assertRejected(FlacFiles.rewriteHeader(good, 1, h -> h[3] = (byte) (h[3] & 0xF1 | 6 << 1)),
                "24 bits per sample differ from STREAMINFO's 16");
        assertRejected(FlacFiles.rewriteHeader(good, 2, h -> h[4] = 5), "header gives frame number 5, expected 2");
        // 8192 (code 13) is more than STREAMINFO's maximum of 4096
        assertRejected(FlacFiles.rewriteHeader(good, 1, h -> h[2] = (byte) (h[2] & 0x0F | 13 << 4)),
                "block size 8192 exceeds STREAMINFO's maximum 4096");
    }

    @Test
    void sampleRateOutsideEngineLimits() throws Exception {
        for (int rate : new int[] {7_999, 400_000, 0}) {
            byte[] bad = good.clone();
            bad[18] = (byte) (rate >> 12);
            bad[19] = (byte) (rate >> 4);
            bad[20] = (byte) (rate << 4 | bad[20] & 0x0F);
            assertRejected(bad, "header declares a sample rate of " + rate + " Hz");
        }
    }

    @Test
    void impossibleStreamInfo() throws Exception {
        byte[] bad = good.clone();
        bad[10] = 0;
        bad[11] = 8; // maximum block size 8
        assertRejected(bad, "STREAMINFO maximum block size 8 is below 16");
        bad = good.clone();
        bad[7] = 33;
        assertRejected(bad, "STREAMINFO block is 33 bytes, expected 34");
        bad = good.clone();
        bad[4] = 4; // first block claims to be a VORBIS_COMMENT
        assertRejected(bad, "first metadata block is type 4, not STREAMINFO");
    }

    @Test
    void badMetadataBlocks() throws Exception {
        assertRejected(FlacFiles.insertBlock(good, 127, new byte[4]), "invalid metadata block type 127");
        assertRejected(FlacFiles.insertBlock(good, 0, Arrays.copyOfRange(good, 8, 42)), "second STREAMINFO block");
        byte[] huge = FlacFiles.insertBlock(good, 1, new byte[16]);
        huge[43] = 0x7F; // the padding block now claims 8 MiB
        assertRejected(huge, "truncated metadata block");
    }

    // ---- CRC-valid frames that break a rule, built bit by bit ----

    private byte[] stream(int blockSize, int maxBlock, Consumer<TestBits> body) throws Exception {
        FlacTestStream s = new FlacTestStream(44_100, 1, 16, maxBlock);
        s.frame(false, 0, blockSize, 0, body);
        s.addSamples(new int[1][blockSize], blockSize);
        return s.finish(true, false);
    }

    private static void subframeHeader(TestBits bits, int type) {
        bits.put(0, 1).put(type, 6).put(0, 1);
    }

    @Test
    void subframeRuleViolations() throws Exception {
        int[] ramp = new int[1000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        assertRejected(stream(1000, 4096, b -> subframeHeader(b, 2)), "reserved subframe type 2");
        assertRejected(stream(1000, 4096, b -> subframeHeader(b, 20)), "reserved subframe type 20");
        assertRejected(stream(1000, 4096, b -> b.put(1, 1).put(0, 7)), "subframe padding bit is set");
        assertRejected(stream(1000, 4096, b -> b.put(0, 1).put(0, 6).put(1, 1).unary(15).put(0, 1)),
                "16 wasted bits in a 16-bit subframe");
        assertRejected(stream(1000, 4096, b -> {
            subframeHeader(b, 10);
            b.put(0, 32).put(2, 2);
        }), "reserved residual coding method 2");
        assertRejected(stream(1000, 4096, b -> {
            subframeHeader(b, 10);
            b.put(0, 32).put(0, 2).put(4, 4); // 1000 samples do not split into 16 partitions
        }), "residual partition order 4 is impossible for block size 1000");
        assertRejected(stream(1024, 4096, b -> {
            subframeHeader(b, 12);
            b.put(0, 64).put(0, 2).put(9, 4); // 2 samples per partition cannot hold 4 warm-up samples
        }), "residual partition order 9 is impossible for block size 1024 and predictor order 4");
        assertRejected(stream(1000, 4096, b -> {
            subframeHeader(b, 32); // LPC order 1
            b.put(0, 16).put(14, 4).put(-1, 5);
        }), "negative LPC shift -1");
        assertRejected(stream(1000, 4096, b -> {
            subframeHeader(b, 32);
            b.put(0, 16).put(15, 4);
        }), "invalid LPC coefficient precision code 15");
        assertRejected(stream(10, 4096, b -> subframeHeader(b, 31 + 10)), "predictor order 10 needs a block longer than 10");
        assertRejected(stream(4096, 1024, b -> FlacTestStream.verbatim(b, new int[4096], 4096, 16)),
                "block size 4096 exceeds STREAMINFO's maximum 1024");
    }

    @Test
    void riceValueBeyond32Bits() throws Exception {
        assertRejected(stream(1000, 4096, b -> {
            subframeHeader(b, 8);
            b.put(0, 2).put(0, 4).put(14, 4).unary(300_000); // quotient * 2^14 > 2^32
        }), "Rice-coded residual does not fit in 32 bits");
    }

    @Test
    void predictionOutsideTheBitDepth() throws Exception {
        assertRejected(stream(4, 4096, b -> FlacTestStream.fixed(b, new int[] {32767, 32767, 40000, 50000}, 4, 16,
                1, 0, Coding.ESCAPE)), "predicted sample exceeds the subframe's 16 bits");
    }

    @Test
    void trailingGarbageWithoutKnownLength() throws Exception {
        FlacTestStream s = new FlacTestStream(44_100, 1, 16, 4096);
        s.frame(false, 0, 100, 0, b -> FlacTestStream.verbatim(b, new int[100], 100, 16));
        byte[] file = FlacFiles.concat(s.finish(false, false), "garbage!".getBytes());
        assertRejected(file, "frame 1 (sample 100): no frame sync code at byte ");
    }

    @Test
    void afterAnErrorEveryReadFailsTheSameWay() throws Exception {
        byte[] bad = good.clone();
        bad[FlacFiles.frameBounds(good)[1] + 30] ^= 0x55;
        Path path = Files.write(dir.resolve("bad.flac"), bad);
        try (AudioReader reader = FlacReader.open(open(path), "bad.flac")) {
            InvalidAudioException first = assertThrows(InvalidAudioException.class, () -> readAll(reader, 1000));
            InvalidAudioException again = assertThrows(InvalidAudioException.class,
                    () -> reader.read(new double[2][10], 10));
            assertEquals(first.getMessage(), again.getMessage());
        }
    }
}

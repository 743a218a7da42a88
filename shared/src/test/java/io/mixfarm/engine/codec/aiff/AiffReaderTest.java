package io.mixfarm.engine.codec.aiff;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.codec.wav.ByteArrayChannel;
import io.mixfarm.engine.codec.wav.TestAudio;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;

import static io.mixfarm.engine.codec.aiff.AiffBytes.be16;
import static io.mixfarm.engine.codec.aiff.AiffBytes.chunk;
import static io.mixfarm.engine.codec.aiff.AiffBytes.comm;
import static io.mixfarm.engine.codec.aiff.AiffBytes.commC;
import static io.mixfarm.engine.codec.aiff.AiffBytes.form;
import static io.mixfarm.engine.codec.aiff.AiffBytes.ssnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header variants AiffReader must accept, on hand-built files. */
class AiffReaderTest {

    @Test
    void extendedSampleRatesDecodeExactly() {
        // 44100 Hz as every AIFF writer stores it: 400E AC44 0000 0000 0000
        assertEquals(44_100.0, Extended80.toDouble(0x400E, 0xAC44_0000_0000_0000L));
        for (long rate : new long[] {8_000, 11_025, 22_050, 48_000, 88_200, 96_000, 176_400, 192_000, 352_800, 384_000}) {
            ByteBuffer b = ByteBuffer.wrap(AiffBytes.extended(rate));
            assertEquals((double) rate, Extended80.toDouble(b.getShort() & 0xFFFF, b.getLong()));
        }
        assertEquals(0.5, Extended80.toDouble(0x3FFE, 0x8000_0000_0000_0000L));
        assertEquals(-2.0, Extended80.toDouble(0xC000, 0x8000_0000_0000_0000L));
        assertEquals(0.0, Extended80.toDouble(0, 0));
        assertTrue(Double.isNaN(Extended80.toDouble(0x7FFF, 0x8000_0000_0000_0000L)), "infinity is no rate");
    }

    @Test
    void commAfterSsndAndOddChunksAreHandled() throws IOException {
        byte[] file = form("AIFF", chunk("NAME", new byte[5]), chunk("SSND", ssnd(0, be16(-32768, 16384, 32767))),
                chunk("ANNO", new byte[1]), chunk("COMM", comm(1, 3, 16, 44_100)));
        try (AudioReader reader = AiffReader.open(new ByteArrayChannel(file), "x.aiff")) {
            assertEquals(new AudioInfo("x.aiff", Container.AIFF, 44_100, 1, SampleFormat.PCM_16, 16, 3), reader.info());
            assertArrayEquals(new double[] {-1, 0.5, 32767 / 32768.0}, TestAudio.readAll(reader, 2)[0]);
        }
    }

    @Test
    void ssndOffsetIsHonoured() throws IOException {
        byte[] file = form("AIFF", chunk("COMM", comm(2, 1, 16, 48_000)), chunk("SSND", ssnd(6, be16(1, -1))));
        double[][] samples = readAll(file);
        assertEquals(1 / 32768.0, samples[0][0]);
        assertEquals(-1 / 32768.0, samples[1][0]);
    }

    @Test
    void twelveBitSamplesAreLeftJustifiedInTwoBytes() throws IOException {
        byte[] file = form("AIFF", chunk("COMM", comm(1, 2, 12, 8_000)), chunk("SSND", ssnd(0, be16(0x7FF0, -16))));
        try (AudioReader reader = AiffReader.open(new ByteArrayChannel(file), "x.aiff")) {
            assertEquals(12, reader.info().bitsPerSample());
            assertEquals(SampleFormat.PCM_16, reader.info().format());
            assertArrayEquals(new double[] {0x7FF0 / 32768.0, -16 / 32768.0}, TestAudio.readAll(reader, 8)[0]);
        }
    }

    @Test
    void eightBitAiffIsSigned() throws IOException {
        byte[] file = form("AIFF", chunk("COMM", comm(1, 3, 8, 8_000)), chunk("SSND", ssnd(0, new byte[] {-128, 0, 127})));
        assertArrayEquals(new double[] {-1, 0, 127 / 128.0}, readAll(file)[0]);
    }

    @Test
    void aifcCompressionTypes() throws IOException {
        assertArrayEquals(new double[] {0.5}, readAll(form("AIFC", chunk("COMM", commC(1, 1, 16, 8_000, "NONE")),
                chunk("SSND", ssnd(0, be16(0x4000)))))[0]);
        assertArrayEquals(new double[] {0.5}, readAll(form("AIFC", chunk("COMM", commC(1, 1, 16, 8_000, "twos")),
                chunk("SSND", ssnd(0, be16(0x4000)))))[0]);
        assertArrayEquals(new double[] {0.5}, readAll(form("AIFC", chunk("COMM", commC(1, 1, 16, 8_000, "sowt")),
                chunk("SSND", ssnd(0, new byte[] {0x00, 0x40}))))[0]);
        byte[] f32 = ByteBuffer.allocate(4).putFloat(-1.5f).array();
        for (String type : new String[] {"fl32", "FL32"}) {
            assertArrayEquals(new double[] {-1.5}, readAll(form("AIFC", chunk("COMM", commC(1, 1, 32, 8_000, type)),
                    chunk("SSND", ssnd(0, f32))))[0]);
        }
        byte[] f64 = ByteBuffer.allocate(8).putDouble(0.1).array();
        for (String type : new String[] {"fl64", "FL64"}) {
            assertArrayEquals(new double[] {0.1}, readAll(form("AIFC", chunk("COMM", commC(1, 1, 64, 8_000, type)),
                    chunk("SSND", ssnd(0, f64))))[0]);
        }
    }

    @Test
    void noFramesNeedNoSsnd() throws IOException {
        try (AudioReader reader = AiffReader.open(new ByteArrayChannel(form("AIFF", chunk("COMM", comm(2, 0, 16, 48_000)))), "x.aiff")) {
            assertEquals(0, reader.info().frames());
            assertEquals(-1, reader.read(new double[2][4], 4));
        }
    }

    private static double[][] readAll(byte[] file) throws IOException {
        try (AudioReader reader = AiffReader.open(new ByteArrayChannel(file), "x.aiff")) {
            return TestAudio.readAll(reader, 3);
        }
    }
}

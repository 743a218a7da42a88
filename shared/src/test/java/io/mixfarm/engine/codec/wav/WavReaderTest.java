package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static io.mixfarm.engine.codec.wav.WavBytes.chunk;
import static io.mixfarm.engine.codec.wav.WavBytes.fmt;
import static io.mixfarm.engine.codec.wav.WavBytes.fmtExtensible;
import static io.mixfarm.engine.codec.wav.WavBytes.fmtPcm;
import static io.mixfarm.engine.codec.wav.WavBytes.pcm16;
import static io.mixfarm.engine.codec.wav.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Header variants WavReader must accept, on hand-built files. */
class WavReaderTest {

    @Test
    void skipsMetadataChunksAndTheirPadBytes() throws IOException {
        byte[] file = riff(chunk("bext", new byte[602]), chunk("JUNK", new byte[3]), chunk("fmt ", fmtPcm(1, 48_000, 16)),
                chunk("LIST", new byte[17]), chunk("fact", new byte[4]), chunk("data", pcm16(-32768, 0, 16384, 32767)));
        double[][] samples = readAll(file);
        assertArrayEquals(new double[] {-1, 0, 0.5, 32767 / 32768.0}, samples[0]);
    }

    @Test
    void eightBitIsUnsignedWithSilenceAt128() throws IOException {
        byte[] file = riff(chunk("fmt ", fmtPcm(1, 8_000, 8)), chunk("data", new byte[] {0, (byte) 128, (byte) 255}));
        assertArrayEquals(new double[] {-1, 0, 127 / 128.0}, readAll(file)[0]);
    }

    @Test
    void twentyValidBitsInA24BitContainerAreReported() throws IOException {
        byte[] data = {0x10, 0x00, (byte) 0x80, (byte) 0xF0, (byte) 0xFF, 0x7F}; // -2^23 + 16, 2^23 - 16
        byte[] file = riff(chunk("fmt ", fmtExtensible(1, 96_000, 24, 20, 1)), chunk("data", data));
        try (AudioReader reader = WavReader.open(new ByteArrayChannel(file), "x.wav")) {
            assertEquals(new AudioInfo("x.wav", Container.WAV, 96_000, 1, SampleFormat.PCM_24, 20, 2), reader.info());
            double[][] out = new double[1][2];
            assertEquals(2, reader.read(out, 2));
            assertArrayEquals(new double[] {(-(1 << 23) + 16) / 0x1p23, ((1 << 23) - 16) / 0x1p23}, out[0]);
        }
    }

    @Test
    void plainPcmWithOddDepthUsesWholeBytes() throws IOException {
        byte[] file = riff(chunk("fmt ", fmt(1, 2, 44_100, 6, 20)), chunk("data", new byte[12]));
        try (AudioReader reader = WavReader.open(new ByteArrayChannel(file), "x.wav")) {
            assertEquals(SampleFormat.PCM_24, reader.info().format());
            assertEquals(20, reader.info().bitsPerSample());
            assertEquals(2, reader.info().frames());
        }
    }

    @Test
    void floatFmtWithCbSizeAndFactChunk() throws IOException {
        byte[] fmt18 = ByteBuffer.allocate(18).put(fmt(3, 1, 48_000, 4, 32)).array();
        byte[] file = riff(chunk("fmt ", fmt18), chunk("fact", new byte[4]), chunk("data", WavBytes.float32(0.25f, -2.5f)));
        assertArrayEquals(new double[] {0.25, -2.5}, readAll(file)[0]);
    }

    @Test
    void rf64TakesTheDataSizeFromDs64() throws IOException {
        for (String id : new String[] {"RF64", "BW64"}) {
            byte[] file = WavBytes.rf64(8, 2, chunk("fmt ", fmtPcm(2, 48_000, 16)),
                    chunk("data", 0xFFFFFFFFL, pcm16(1, 2, 3, 4)));
            file[0] = (byte) id.charAt(0);
            file[1] = (byte) id.charAt(1);
            file[2] = (byte) id.charAt(2);
            file[3] = (byte) id.charAt(3);
            try (AudioReader reader = WavReader.open(new ByteArrayChannel(file), "x.wav")) {
                assertEquals(Container.RF64, reader.info().container());
                assertEquals(2, reader.info().frames());
            }
        }
    }

    @Test
    void ds64TableSizesOtherChunks() throws IOException {
        ByteBuffer ds64 = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(0).putLong(4).putLong(2).putInt(1).put("LIST".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putLong(6);
        byte[] body = riff(chunk("ds64", ds64.array()), chunk("fmt ", fmtPcm(1, 8_000, 16)),
                chunk("LIST", 0xFFFFFFFFL, new byte[6]), chunk("data", pcm16(5, 6)));
        body[0] = 'R';
        body[1] = 'F';
        body[2] = '6';
        body[3] = '4';
        assertArrayEquals(new double[] {5 / 32768.0, 6 / 32768.0}, readAll(body)[0]);
    }

    @Test
    void readReturnsMinusOneAtTheEndAndChecksItsArguments() throws IOException {
        byte[] file = riff(chunk("fmt ", fmtPcm(2, 44_100, 16)), chunk("data", pcm16(1, 2, 3, 4, 5, 6)));
        ByteArrayChannel channel = new ByteArrayChannel(file);
        try (AudioReader reader = WavReader.open(channel, "x.wav")) {
            assertThrows(IllegalArgumentException.class, () -> reader.read(new double[1][4], 4));
            assertThrows(IllegalArgumentException.class, () -> reader.read(new double[2][2], 4));
            assertThrows(IllegalArgumentException.class, () -> reader.read(new double[2][2], 0));
            double[][] out = new double[2][100];
            assertEquals(2, reader.read(out, 2));
            assertEquals(1, reader.read(out, 100));
            assertEquals(5 / 32768.0, out[0][0]);
            assertEquals(-1, reader.read(out, 100));
        }
        assertFalse(channel.isOpen(), "close() closes the channel it owns");
    }

    private static double[][] readAll(byte[] file) throws IOException {
        try (AudioReader reader = WavReader.open(new ByteArrayChannel(file), "x.wav")) {
            return TestAudio.readAll(reader, 3);
        }
    }
}

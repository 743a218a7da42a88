package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Writes a real WAV file past 4 GiB: the writer must turn its reserved JUNK chunk into ds64 and
 * the header into RF64, and both WavReader and ffprobe must see every frame.
 */
@Tag("slow")
class Rf64LargeFileTest {
    private static final int CHANNELS = 8;
    private static final int BLOCK = 65_536;
    /** 2080 blocks of 8 x 32-bit float frames: 4.06 GiB of data, just past the RIFF limit. */
    private static final int BLOCKS = 2_080;
    private static final long FRAMES = (long) BLOCKS * BLOCK;

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void dataPast4GiBBecomesRf64() throws Exception {
        Path file = dir.resolve("big.wav");
        try {
            write(file);
            long dataBytes = FRAMES * CHANNELS * 4;
            assertEquals(true, dataBytes > 0xFFFFFFFFL, "the test must cross 4 GiB");
            checkHeader(file, dataBytes);
            readBack(file);
            assertEquals(Long.toString(FRAMES), ExternalTools.probe(file, "duration_ts"), "ffprobe frame count");
            assertEquals("pcm_f32le", ExternalTools.probe(file, "codec_name"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void write(Path file) throws IOException {
        double[][] block = pattern();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (AudioWriter writer = WavWriter.create(channel, file.toString(),
                new WriteSpec(Container.WAV, 48_000, CHANNELS, SampleFormat.FLOAT_32))) {
            for (int b = 0; b < BLOCKS; b++) {
                block[0][0] = blockMarker(b);
                writer.write(block, BLOCK);
            }
            assertEquals(FRAMES, writer.framesWritten());
        }
    }

    private static void checkHeader(Path file, long dataBytes) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file)) {
            channel.read(header, 0);
        }
        assertEquals("RF64", ascii(header, 0));
        assertEquals(-1, header.getInt(4), "RIFF size field must be 0xFFFFFFFF");
        assertEquals("ds64", ascii(header, 12), "reserved JUNK became ds64");
        assertEquals(28, header.getInt(16));
        assertEquals(Files.size(file) - 8, header.getLong(20), "ds64 RIFF size");
        assertEquals(dataBytes, header.getLong(28), "ds64 data size");
        assertEquals(FRAMES, header.getLong(36), "ds64 sample count");
        int dataHeader = 12 + 36 + 48 + 12;
        assertEquals("data", ascii(header, dataHeader));
        assertEquals(-1, header.getInt(dataHeader + 4), "data size field must be 0xFFFFFFFF");
        assertEquals(dataHeader + 8 + dataBytes, Files.size(file));
    }

    private static void readBack(Path file) throws IOException {
        double[][] expected = pattern();
        double[][] actual = new double[CHANNELS][BLOCK];
        try (AudioReader reader = WavReader.open(FileChannel.open(file), file.toString())) {
            assertEquals(Container.RF64, reader.info().container());
            assertEquals(FRAMES, reader.info().frames());
            for (int b = 0; b < BLOCKS; b++) {
                assertEquals(BLOCK, reader.read(actual, BLOCK), "block " + b);
                expected[0][0] = blockMarker(b);
                for (int c = 0; c < CHANNELS; c++) {
                    if (!Arrays.equals(expected[c], actual[c])) {
                        throw new AssertionError("block " + b + " channel " + c + " differs at frame "
                                + Arrays.mismatch(expected[c], actual[c]));
                    }
                }
            }
            assertEquals(-1, reader.read(actual, BLOCK));
        }
    }

    /** One block of float-exact values, distinct per channel and frame. */
    private static double[][] pattern() {
        double[][] block = new double[CHANNELS][BLOCK];
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < BLOCK; i++) {
                block[c][i] = ((i * 31 + c * 4099) % 65_536 - 32_768) / 32_768.0;
            }
        }
        return block;
    }

    /** Marks which block this is, so a skipped or repeated block cannot pass. */
    private static double blockMarker(int block) {
        return block / 4096.0;
    }

    private static String ascii(ByteBuffer b, int at) {
        return new String(b.array(), at, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }
}

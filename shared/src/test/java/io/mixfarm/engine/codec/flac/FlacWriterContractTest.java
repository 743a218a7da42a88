package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@link AudioWriter} contract as {@link FlacWriter} keeps it: quantization, misuse, ownership. */
class FlacWriterContractTest {
    @TempDir
    Path dir;

    private FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private AudioWriter create(Path file, int channels, SampleFormat format) throws IOException {
        return FlacWriter.create(open(file), "masters/" + file.getFileName(),
                new WriteSpec(Container.FLAC, 44100, channels, format));
    }

    @Test
    void nanIsRejectedNamingTheTargetAndNothingOfThatWriteIsKept() throws Exception {
        Path file = dir.resolve("nan.flac");
        try (AudioWriter writer = create(file, 2, SampleFormat.PCM_16)) {
            writer.write(new double[][] {{0.1, 0.2}, {0.3, 0.4}}, 2);
            double[][] bad = {{0.5, 0.5, 0.5}, {0.5, Double.NaN, 0.5}};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.write(bad, 3));
            assertTrue(e.getMessage().contains("masters/nan.flac"), e.getMessage());
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
            assertEquals(2, writer.framesWritten());
        }
        FlacReferenceTools.check("flac", "-t", "--silent", file.toString());
        assertEquals("2", FlacReferenceTools.check("metaflac", "--show-total-samples", file.toString()).strip());
    }

    @Test
    void writeAfterCloseIsAnIllegalStateAndCloseIsIdempotent() throws Exception {
        AudioWriter writer = create(dir.resolve("closed.flac"), 1, SampleFormat.PCM_24);
        writer.close();
        writer.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> writer.write(new double[][] {{0.0}}, 1));
        assertTrue(e.getMessage().contains("masters/closed.flac"), e.getMessage());
    }

    @Test
    void tooFewChannelsOrSamplesAreRejected() throws Exception {
        try (AudioWriter writer = create(dir.resolve("shape.flac"), 2, SampleFormat.PCM_16)) {
            assertThrows(IllegalArgumentException.class, () -> writer.write(new double[][] {{0.0}}, 1));
            assertThrows(IllegalArgumentException.class, () -> writer.write(new double[][] {{0.0}, {0.0}}, 2));
            assertThrows(IllegalArgumentException.class, () -> writer.write(new double[][] {{0.0}, {0.0}}, -1));
        }
    }

    @Test
    void wavSpecIsRejected() throws Exception {
        try (FileChannel channel = open(dir.resolve("x.wav"))) {
            assertThrows(IllegalArgumentException.class, () -> FlacWriter.create(channel, "x.wav",
                    new WriteSpec(Container.WAV, 44100, 2, SampleFormat.PCM_16)));
        }
    }

    @Test
    void closeFinishesTheFileAndClosesTheChannel() throws Exception {
        Path file = dir.resolve("owned.flac");
        FileChannel channel = open(file);
        AudioWriter writer = FlacWriter.create(channel, "owned.flac",
                new WriteSpec(Container.FLAC, 48000, 1, SampleFormat.PCM_16));
        writer.write(new double[][] {{0.25}}, 1);
        writer.close();
        assertFalse(channel.isOpen());
        FlacReferenceTools.check("flac", "-t", "--silent", file.toString());
    }

    @Test
    void quantizesByRoundingToNearestAndSaturatesBeyondFullScale() throws Exception {
        double step16 = 1.0 / 32768;
        double[] in = {1.0, -1.0, 2.0, -2.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                0.4 * step16, 0.6 * step16, -0.6 * step16, 100.4 * step16, -100.6 * step16, 32766.7 * step16};
        int[] expected16 = {32767, -32768, 32767, -32768, 32767, -32768, 0, 1, -1, 100, -101, 32767};
        assertArrayEquals(FlacTestAudio.toRaw(new int[][] {expected16}, 16), writeAndDecode(in, SampleFormat.PCM_16));

        double step24 = 1.0 / (1 << 23);
        double[] in24 = {1.0, -1.0, 3.0, 0.51 * step24, -0.49 * step24, 12345.5001 * step24};
        int[] expected24 = {(1 << 23) - 1, -(1 << 23), (1 << 23) - 1, 1, 0, 12346};
        assertArrayEquals(FlacTestAudio.toRaw(new int[][] {expected24}, 24), writeAndDecode(in24, SampleFormat.PCM_24));
    }

    private byte[] writeAndDecode(double[] samples, SampleFormat format) throws Exception {
        Path file = dir.resolve("quantized-" + format + ".flac");
        try (AudioWriter writer = create(file, 1, format)) {
            writer.write(new double[][] {samples}, samples.length);
        }
        return FlacReferenceTools.flacDecode(file, dir);
    }

    @Test
    void outputDoesNotDependOnHowWritesAreChunked() throws Exception {
        int[][] samples = MusicLikeSignal.generate(2, 44100, 1.0, 16, 21);
        Path large = dir.resolve("large-chunks.flac");
        Path tiny = dir.resolve("tiny-chunks.flac");
        FlacTestAudio.writeFlac(large, samples, 16, 44100, samples[0].length);
        FlacTestAudio.writeFlac(tiny, samples, 16, 44100, 7);
        assertArrayEquals(Files.readAllBytes(large), Files.readAllBytes(tiny));
    }

    @Test
    void streamInfoFrameSizesAreThoseOfTheFrames() throws Exception {
        Path file = dir.resolve("sizes.flac");
        FlacTestAudio.writeFlac(file, MusicLikeSignal.generate(2, 44100, 3.3, 16, 22), 16, 44100, 5000);
        // ffprobe's FLAC parser splits the stream into frames on its own
        int[] sizes = FlacReferenceTools.check("ffprobe", "-v", "error", "-show_entries", "packet=size", "-of", "csv=p=0",
                file.toString()).lines().mapToInt(Integer::parseInt).sorted().toArray();
        assertEquals(36, sizes.length); // ceil(3.3 s * 44100 / 4096)
        String info = FlacReferenceTools.check("metaflac", "--list", "--block-number=0", file.toString());
        assertTrue(info.contains("minimum framesize: " + sizes[0] + " bytes"), info);
        assertTrue(info.contains("maximum framesize: " + sizes[sizes.length - 1] + " bytes"), info);
        assertTrue(info.contains("minimum blocksize: 4096 samples"), info);
    }
}

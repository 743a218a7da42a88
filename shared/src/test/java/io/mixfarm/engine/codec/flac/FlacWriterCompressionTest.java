package io.mixfarm.engine.codec.flac;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FlacWriter} compresses within 10% of {@code flac -5} on the same samples. Sizes compare
 * the audio frames only (file size minus metadata), since the two tools write different metadata
 * (flac adds a seek table and a Vorbis comment); both figures are printed.
 */
class FlacWriterCompressionTest {
    private static final double ALLOWED_RATIO = 1.10;

    @TempDir
    Path dir;

    @Test
    void musicStereo16BitAt44100IsWithinTenPercentOfFlac5() throws Exception {
        compare("music 16-bit 44.1 kHz stereo 30 s", MusicLikeSignal.generate(2, 44100, 30, 16, 11), 16, 44100);
    }

    @Test
    void musicStereo24BitAt48000IsWithinTenPercentOfFlac5() throws Exception {
        compare("music 24-bit 48 kHz stereo 30 s", MusicLikeSignal.generate(2, 48000, 30, 24, 12), 24, 48000);
    }

    @Test
    void whiteNoiseIsWithinTenPercentOfFlac5() throws Exception {
        compare("white noise 16-bit stereo 10 s", FlacTestAudio.whiteNoise(2, 441_000, 16, 13), 16, 44100);
        compare("white noise 24-bit stereo 10 s", FlacTestAudio.whiteNoise(2, 480_000, 24, 14), 24, 48000);
    }

    @Test
    void silenceIsWithinTenPercentOfFlac5() throws Exception {
        compare("silence 16-bit stereo 10 s", FlacTestAudio.silence(2, 441_000), 16, 44100);
    }

    private void compare(String label, int[][] samples, int bits, int rate) throws Exception {
        Path raw = dir.resolve("in.raw");
        byte[] pcm = FlacTestAudio.toRaw(samples, bits);
        Files.write(raw, pcm);
        Path ours = dir.resolve("ours.flac");
        FlacTestAudio.writeFlac(ours, samples, bits, rate, 4000);
        Path theirs = FlacReferenceTools.flacEncode(raw, samples.length, bits, rate, dir.resolve("theirs.flac"));
        assertArrayEquals(pcm, FlacReferenceTools.flacDecode(ours, dir), label + ": our file does not decode to the input");

        long ourAudio = audioBytes(ours);
        long theirAudio = audioBytes(theirs);
        double ratio = (double) ourAudio / theirAudio;
        System.out.printf("%s: raw %d B; ours %d B (frames %d B, %.2f%% of raw); flac -5 %d B (frames %d B,"
                        + " %.2f%% of raw); ours/flac frames = %.4f%n",
                label, pcm.length, Files.size(ours), ourAudio, 100.0 * ourAudio / pcm.length, Files.size(theirs),
                theirAudio, 100.0 * theirAudio / pcm.length, ratio);
        assertTrue(ratio <= ALLOWED_RATIO, label + ": our frames take " + ourAudio + " bytes, flac -5's "
                + theirAudio + " (ratio " + ratio + " > " + ALLOWED_RATIO + ")");
    }

    /** File size minus the "fLaC" marker and all metadata blocks. */
    static long audioBytes(Path flac) throws IOException {
        try (FileChannel channel = FileChannel.open(flac)) {
            long pos = 4;
            ByteBuffer header = ByteBuffer.allocate(4);
            while (true) {
                header.clear();
                channel.read(header, pos);
                int word = header.getInt(0);
                pos += 4 + (word & 0xFFFFFF);
                if (word < 0) { // last-metadata-block flag
                    return channel.size() - pos;
                }
            }
        }
    }
}

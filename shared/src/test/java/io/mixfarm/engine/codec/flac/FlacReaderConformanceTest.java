package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.mixfarm.engine.codec.flac.FlacTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decodes files made by the reference encoder ({@code flac}) and by ffmpeg over the settings that
 * change the bitstream, and compares every sample bit-exactly with the synthesized source.
 */
class FlacReaderConformanceTest {

    @TempDir
    Path dir;

    /** Encodes {@code source}, decodes it with FlacReader and asserts an exact match; returns the file. */
    private Path roundTrip(int[][] source, int bps, int rate, String encoder, String... options) throws Exception {
        Path wav = writeWav(dir.resolve("in.wav"), source, bps, rate);
        Path flac = dir.resolve("out.flac");
        if (encoder.equals("flac")) {
            flacEncode(wav, flac, options);
        } else {
            ffmpegEncode(wav, flac, options);
        }
        String what = encoder + " " + String.join(" ", options) + " (" + source.length + " ch, " + bps + " bit, "
                + rate + " Hz)";
        try (AudioReader reader = FlacReader.open(open(flac), "out.flac")) {
            AudioInfo info = reader.info();
            assertEquals(Container.FLAC, info.container());
            assertEquals(rate, info.sampleRate(), what);
            assertEquals(source.length, info.channels(), what);
            assertEquals(source[0].length, info.frames(), what);
            assertSamples(source, bps, readAll(reader, 1000), what);
        }
        return flac;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void everyCompressionLevelOf16BitStereo(int level) throws Exception {
        roundTrip(music(2, 44_100, 16, 44_100, level), 16, 44_100, "flac", "-" + level);
    }

    @Test
    void exhaustiveModelAndPrecisionSearch() throws Exception {
        roundTrip(music(2, 30_000, 16, 48_000, 11), 16, 48_000, "flac", "-8", "-e", "-p");
    }

    /** Covers block size codes 1 (192), 2-5 (576..4608), 6 (8-bit), 7 (16-bit) and 8-15 (256..32768). */
    @ParameterizedTest
    @ValueSource(ints = {16, 100, 192, 256, 576, 1000, 1152, 2304, 4096, 4608, 8192, 16384, 32768, 65535})
    void blockSizes(int blockSize) throws Exception {
        int frames = Math.max(3 * blockSize + 77, 20_000); // ends with a short block
        roundTrip(music(2, frames, 16, 44_100, blockSize), 16, 44_100, "flac",
                "--lax", "-5", "--blocksize=" + blockSize);
    }

    /** Depths with their own frame header code (8, 12, 16, 20, 24, 32) and "as STREAMINFO" (4, 10, 18). */
    @ParameterizedTest
    @CsvSource({"4,1", "8,2", "10,1", "12,2", "16,1", "18,2", "20,2", "24,2", "24,1", "32,1", "32,2"})
    void bitDepths(int bps, int channels) throws Exception {
        int[][] pcm = music(channels, 30_000, bps, 48_000, bps);
        Path flac = roundTrip(pcm, bps, 48_000, "flac", "--lax", "-8");
        try (AudioReader reader = FlacReader.open(open(flac), "x")) {
            assertEquals(bps, reader.info().bitsPerSample());
            SampleFormat expected = bps <= 8 ? SampleFormat.PCM_8 : bps <= 16 ? SampleFormat.PCM_16
                    : bps <= 24 ? SampleFormat.PCM_24 : SampleFormat.PCM_32;
            assertEquals(expected, reader.info().format());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 24})
    void whiteNoiseAtFullScale(int bps) throws Exception {
        // 24-bit noise needs Rice parameters above 14: the Rice2 coding method
        roundTrip(whiteNoise(2, 20_000, bps, 3), bps, 96_000, "flac", "-5");
    }

    /** Sample rate codes 1-11, 12 (kHz byte), 13 (Hz), 14 (tens of Hz) and 0 (as STREAMINFO). */
    @ParameterizedTest
    @ValueSource(ints = {8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000,
        88_200, 96_000, 176_400, 192_000, 192_001, 384_000})
    void sampleRates(int rate) throws Exception {
        roundTrip(music(1, 12_000, 16, rate, rate), 16, rate, "flac", "--lax", "-5");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 5, 6, 7, 8})
    void channelCounts(int channels) throws Exception {
        roundTrip(music(channels, 20_000, 16, 44_100, channels), 16, 44_100, "flac", "-5", "--channel-map=none");
    }

    @ParameterizedTest
    @CsvSource({"flac,--no-mid-side", "flac,-M", "flac,-m", "ffmpeg,-ch_mode=indep"})
    void stereoModes(String encoder, String option) throws Exception {
        String[] options = option.startsWith("-ch_mode=")
                ? new String[] {"-ch_mode", option.substring(9)} : new String[] {"-5", option};
        roundTrip(music(2, 44_100, 16, 44_100, 5), 16, 44_100, encoder, options);
    }

    /** ffmpeg can force each stereo decorrelation; the frames must really use it. */
    @ParameterizedTest
    @CsvSource({"left_side,8", "right_side,9", "mid_side,10"})
    void forcedChannelAssignment(String mode, int code) throws Exception {
        for (int bps : new int[] {16, 24}) {
            Path flac = roundTrip(music(2, 20_000, bps, 44_100, code), bps, 44_100, "ffmpeg", "-ch_mode", mode);
            List<Integer> assignments = channelAssignments(bytes(flac));
            assertTrue(!assignments.isEmpty() && assignments.stream().allMatch(a -> a == code),
                    mode + " frames use channel assignments " + assignments);
        }
    }

    /** 32-bit stereo decorrelation makes a 33-bit side channel. */
    @Test
    void thirtyTwoBitSideChannels() throws Exception {
        int[][] pcm = music(2, 20_000, 32, 44_100, 32);
        pcm[1] = Arrays.copyOf(pcm[0], pcm[0].length);
        for (int i = 0; i < pcm[1].length; i += 7) {
            pcm[1][i] = -pcm[1][i] / 2; // keep the channels different but correlated
        }
        Path flac = roundTrip(pcm, 32, 44_100, "flac", "-m", "-8");
        assertTrue(channelAssignments(bytes(flac)).stream().anyMatch(a -> a >= 8),
                "expected side channels in " + channelAssignments(bytes(flac)));
    }

    @ParameterizedTest
    @CsvSource({
        "-lpc_type fixed",
        "-lpc_type levinson -compression_level 8",
        "-lpc_type cholesky -lpc_passes 3 -compression_level 12",
        "-compression_level 12 -max_prediction_order 32 -exact_rice_parameters 1",
        "-compression_level 5 -min_partition_order 0 -max_partition_order 8",
        "-compression_level 8 -lpc_coeff_precision 15",
        "-compression_level 2 -prediction_order_method search"
    })
    void ffmpegEncoderOptionsMatchFlacDecoder(String options) throws Exception {
        int[][] pcm = music(2, 40_000, 16, 44_100, options.hashCode());
        Path flac = roundTrip(pcm, 16, 44_100, "ffmpeg", options.split(" "));
        // the reference decoder agrees on the same file
        assertSamples(flacDecodeRaw(flac, dir.resolve("ref.raw"), 2, 16), 16, decode(flac, 4096), "flac -d");
    }

    @Test
    void highOrderLpcNeedsWideSums() throws Exception {
        // 24 bits + 15-bit coefficients + order 32 exceeds a 32-bit sum
        roundTrip(music(2, 30_000, 24, 96_000, 7), 24, 96_000, "flac", "--lax", "-l", "32", "-q", "15", "-8");
        roundTrip(music(1, 30_000, 24, 96_000, 8), 24, 96_000, "ffmpeg",
                "-compression_level", "12", "-max_prediction_order", "32", "-lpc_coeff_precision", "15");
    }

    @Test
    void lpcOrdersAcrossTheUnrolledRange() throws Exception {
        for (int order = 1; order <= 32; order += 3) {
            roundTrip(music(1, 8_000, 16, 44_100, order), 16, 44_100, "ffmpeg", "-compression_level", "12",
                    "-min_prediction_order", String.valueOf(order), "-max_prediction_order", String.valueOf(order));
        }
    }

    @Test
    void wastedBits16In24() throws Exception {
        int[][] pcm = music(2, 30_000, 16, 44_100, 24);
        for (int[] ch : pcm) {
            for (int i = 0; i < ch.length; i++) {
                ch[i] <<= 8;
            }
        }
        roundTrip(pcm, 24, 44_100, "flac", "-5");
    }

    @Test
    void silenceGivesConstantSubframes() throws Exception {
        int[][] pcm = new int[2][30_000];
        Arrays.fill(pcm[1], 0, 10_000, -1234); // a DC stretch is constant too
        roundTrip(pcm, 16, 44_100, "flac", "-5");
    }

    @Test
    void fullScaleSquare() throws Exception {
        roundTrip(square(2, 30_000, 16, 100), 16, 44_100, "flac", "-8");
        roundTrip(square(1, 30_000, 24, 64), 24, 44_100, "flac", "-8");
    }

    @ParameterizedTest
    @CsvSource({
        "--disable-constant-subframes --disable-fixed-subframes -l 0",
        "--disable-constant-subframes --disable-verbatim-subframes -l 0",
        "--disable-fixed-subframes -l 12",
        "-l 0 -r 0"
    })
    void singleSubframeKinds(String options) throws Exception {
        int[][] pcm = music(2, 20_000, 16, 44_100, 99);
        Arrays.fill(pcm[0], 5000, 9000, 0);
        List<String> opts = new ArrayList<>(List.of(options.split(" ")));
        roundTrip(pcm, 16, 44_100, "flac", opts.toArray(new String[0]));
    }

    @Test
    void tinyFilesEndingInShortBlocks() throws Exception {
        for (int frames : new int[] {1, 2, 15, 16, 17, 4095, 4097}) {
            roundTrip(music(2, frames, 16, 44_100, frames), 16, 44_100, "flac", "-5");
        }
    }

    @Test
    void readsInAnyBlockLength() throws Exception {
        int[][] pcm = music(2, 25_000, 16, 44_100, 1);
        Path flac = flacEncode(writeWav(dir.resolve("a.wav"), pcm, 16, 44_100), dir.resolve("a.flac"), "-5");
        for (int block : new int[] {1, 7, 4096, 100_000}) {
            assertSamples(pcm, 16, decode(flac, block), "read blocks of " + block);
        }
    }
}

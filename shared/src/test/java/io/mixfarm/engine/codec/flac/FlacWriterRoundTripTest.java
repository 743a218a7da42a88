package io.mixfarm.engine.codec.flac;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Files from {@link FlacWriter} decode bit-exactly with two independent decoders (the reference
 * {@code flac} and ffmpeg), pass {@code flac -t} (which checks the MD5), and carry the right
 * STREAMINFO facts as {@code metaflac} reads them.
 */
class FlacWriterRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        Stream<Arguments> channelCounts = IntStream.rangeClosed(1, 8).boxed().flatMap(ch -> Stream.of(
                Arguments.of("music", 16, 44100, ch, 10_000),
                Arguments.of("music", 24, 48000, ch, 10_000)));
        Stream<Arguments> rates = IntStream.of(8000, 11025, 44100, 48000, 96000, 176399, 192000, 384000).boxed()
                .flatMap(rate -> Stream.of(
                        Arguments.of("music", 16, rate, 2, 9_000),
                        Arguments.of("music", 24, rate, 2, 9_000)));
        Stream<Arguments> lengths = IntStream.of(0, 1, 2, 15, 4095, 4096, 4097, 2 * 4096 + 300).boxed()
                .flatMap(frames -> Stream.of(
                        Arguments.of("music", 16, 44100, 2, frames),
                        Arguments.of("noise", 24, 48000, 1, frames)));
        Stream<Arguments> signals = Stream.of("silence", "noise", "square", "quiet", "wasted", "gaps", "music").flatMap(
                signal -> Stream.of(
                        Arguments.of(signal, 16, 44100, 2, 3 * 4096 + 5),
                        Arguments.of(signal, 24, 96000, 2, 3 * 4096 + 5),
                        Arguments.of(signal, 16, 48000, 3, 4096)));
        return Stream.of(channelCounts, rates, lengths, signals).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} {1}-bit {2} Hz {3} ch {4} frames")
    @MethodSource("cases")
    void decodesBitExactlyWithReferenceDecoders(String signal, int bits, int rate, int channels, int frames)
            throws Exception {
        int[][] samples = signal(signal, channels, frames, bits, rate);
        byte[] expected = FlacTestAudio.toRaw(samples, bits);
        Path flac = dir.resolve("out.flac");
        FlacTestAudio.writeFlac(flac, samples, bits, rate, 5000);

        FlacReferenceTools.check("flac", "-t", "--silent", flac.toString());
        assertArrayEquals(expected, FlacReferenceTools.flacDecode(flac, dir), "flac -d output differs");
        if (frames > 0) { // ffmpeg writes no output file for an empty stream
            assertArrayEquals(expected, FlacReferenceTools.ffmpegDecode(flac, dir, bits), "ffmpeg output differs");
        }
        String info = FlacReferenceTools.check("metaflac", "--show-md5sum", "--show-total-samples",
                "--show-sample-rate", "--show-channels", "--show-bps", flac.toString());
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(expected));
        assertEquals(String.join("\n", md5, String.valueOf(frames), String.valueOf(rate),
                String.valueOf(channels), String.valueOf(bits)), info.strip());
    }

    static int[][] signal(String name, int channels, int frames, int bits, int rate) {
        switch (name) {
            case "silence":
                return FlacTestAudio.silence(channels, frames);
            case "noise":
                return FlacTestAudio.whiteNoise(channels, frames, bits, 7);
            case "square":
                return FlacTestAudio.fullScaleSquare(channels, frames, bits);
            case "quiet": // a few LSBs: tiny residuals, partitions of zeros
                return scaled(MusicLikeSignal.generate(channels, rate, frames / (double) rate, bits, 3), 1 << (bits - 3));
            case "wasted": // low 4 bits always zero
                return shiftedLeft(scaled(MusicLikeSignal.generate(channels, rate, frames / (double) rate, bits, 4), 16), 4);
            case "gaps": // digital silence and full-scale noise bursts: escaped partitions, raw width 0 too
                return gapsAndBursts(MusicLikeSignal.generate(channels, rate, frames / (double) rate, bits, 6), bits);
            default:
                return MusicLikeSignal.generate(channels, rate, frames / (double) rate, bits, 5);
        }
    }

    private static int[][] gapsAndBursts(int[][] samples, int bits) {
        java.util.Random random = new java.util.Random(3);
        for (int[] channel : samples) {
            for (int i = 0; i < channel.length; i++) {
                int phase = i % 3000;
                if (phase > 1500) {
                    channel[i] = 0;
                } else if (phase < 150) {
                    channel[i] = random.nextInt(1 << bits) - (1 << (bits - 1));
                } else {
                    channel[i] /= 64;
                }
            }
        }
        return samples;
    }

    private static int[][] scaled(int[][] samples, int divisor) {
        for (int[] channel : samples) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] /= divisor;
            }
        }
        return samples;
    }

    private static int[][] shiftedLeft(int[][] samples, int bits) {
        for (int[] channel : samples) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] <<= bits;
            }
        }
        return samples;
    }
}

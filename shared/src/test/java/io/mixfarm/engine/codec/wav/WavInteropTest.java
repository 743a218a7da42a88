package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ffmpeg and sox as independent oracles: WavReader decodes their files to exactly the signal
 * they were given, and they decode ours to exactly the samples we wrote. Each signal lies on
 * the target format's grid, so every conversion is lossless and comparisons are exact.
 */
class WavInteropTest {
    @TempDir
    Path dir;

    /** One file made by an external tool: how, and what the reader must report. */
    record Made(String tool, String codecOrEncoding, SampleFormat format, int bits, int channels, int rate,
                Container container, int formatTag, List<String> extraArgs) {
        @Override
        public String toString() {
            return tool + " " + codecOrEncoding + " " + channels + " ch " + rate + " Hz" + (extraArgs.isEmpty() ? "" : " " + extraArgs);
        }
    }

    static Stream<Arguments> externalFiles() {
        return Stream.of(
                ffmpeg("pcm_u8", SampleFormat.PCM_8, 1, 8_000, 0x0001),
                ffmpeg("pcm_s16le", SampleFormat.PCM_16, 2, 44_100, 0x0001),
                ffmpeg("pcm_s24le", SampleFormat.PCM_24, 2, 48_000, 0xFFFE),
                ffmpeg("pcm_s32le", SampleFormat.PCM_32, 2, 96_000, 0xFFFE),
                ffmpeg("pcm_f32le", SampleFormat.FLOAT_32, 2, 44_100, 0xFFFE),
                ffmpeg("pcm_f64le", SampleFormat.FLOAT_64, 1, 384_000, 0xFFFE),
                ffmpeg("pcm_s16le", SampleFormat.PCM_16, 6, 48_000, 0xFFFE),
                ffmpeg("pcm_s24le", SampleFormat.PCM_24, 8, 192_000, 0xFFFE),
                // bext and LIST/INFO chunks between fmt and data must be skipped
                new Made("ffmpeg", "pcm_s16le", SampleFormat.PCM_16, 16, 2, 44_100, Container.WAV, 0x0001,
                        List.of("-write_bext", "1", "-metadata", "title=odd length title", "-metadata", "artist=a")),
                new Made("ffmpeg", "pcm_s24le", SampleFormat.PCM_24, 24, 2, 48_000, Container.RF64, 0xFFFE,
                        List.of("-rf64", "always")),
                new Made("ffmpeg", "pcm_f32le", SampleFormat.FLOAT_32, 32, 3, 88_200, Container.RF64, 0xFFFE,
                        List.of("-rf64", "always", "-write_bext", "1")),
                sox("unsigned", SampleFormat.PCM_8, 2, 22_050),
                sox("signed", SampleFormat.PCM_16, 1, 44_100),
                sox("signed", SampleFormat.PCM_24, 2, 96_000),
                sox("signed", SampleFormat.PCM_32, 2, 48_000),
                // sox writes plain WAVE_FORMAT_IEEE_FLOAT (fmt of 18 bytes) plus a fact chunk
                new Made("sox", "floating-point", SampleFormat.FLOAT_32, 32, 2, 44_100, Container.WAV, 0x0003, List.of()),
                sox("floating-point", SampleFormat.FLOAT_64, 2, 48_000),
                sox("signed", SampleFormat.PCM_16, 6, 48_000)
        ).map(Arguments::of);
    }

    private static Made ffmpeg(String codec, SampleFormat format, int channels, int rate, int tag) {
        return new Made("ffmpeg", codec, format, format.bits(), channels, rate, Container.WAV, tag, List.of());
    }

    private static Made sox(String encoding, SampleFormat format, int channels, int rate) {
        return new Made("sox", encoding, format, format.bits(), channels, rate, Container.WAV, -1, List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("externalFiles")
    void readsFilesWrittenByExternalTools(Made made) throws Exception {
        int frames = 3001;
        double[][] signal = oracleSignal(made, frames);
        Path raw = dir.resolve("in.f64");
        TestAudio.writeRawF64(raw, signal);
        Path wav = dir.resolve("made.wav");
        ExternalTools.run(60, command(made, raw, wav));
        if (made.formatTag() >= 0) {
            assertEquals(made.formatTag(), fmtTag(wav), "fmt tag ffmpeg chose");
        }

        try (AudioReader reader = WavReader.open(FileChannel.open(wav), "made.wav")) {
            assertEquals(new AudioInfo("made.wav", made.container(), made.rate(), made.channels(), made.format(),
                    made.bits(), frames), reader.info());
            TestAudio.assertSamplesEqual(signal, TestAudio.readAll(reader, 1024), made.toString());
        }
    }

    /** A signal the tool converts losslessly: on the format's grid; sox holds samples as 32-bit ints. */
    private static double[][] oracleSignal(Made made, int frames) {
        SampleFormat grid = made.tool().equals("sox") && made.format() == SampleFormat.FLOAT_64 ? SampleFormat.PCM_32
                : made.tool().equals("sox") && made.format() == SampleFormat.FLOAT_32 ? SampleFormat.PCM_24
                : made.format();
        return TestAudio.exactSignal(grid, made.channels(), frames, made.hashCode());
    }

    private static String[] command(Made made, Path raw, Path out) {
        List<String> command = new ArrayList<>();
        String rate = Integer.toString(made.rate());
        String channels = Integer.toString(made.channels());
        if (made.tool().equals("ffmpeg")) {
            command.addAll(List.of("ffmpeg", "-v", "error", "-y", "-f", "f64le", "-ar", rate, "-ac", channels,
                    "-i", raw.toString(), "-c:a", made.codecOrEncoding()));
        } else {
            // -D: no dither, so sox's conversion stays exact
            command.addAll(List.of("sox", "-t", "raw", "-e", "floating-point", "-b", "64", "-r", rate, "-c", channels,
                    raw.toString(), "-D", "-e", made.codecOrEncoding(), "-b", Integer.toString(made.format().bits())));
        }
        command.addAll(made.extraArgs());
        command.add(out.toString());
        return command.toArray(new String[0]);
    }

    private static int fmtTag(Path wav) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 12; at + 8 <= bytes.limit(); at += 8 + ((bytes.getInt(at + 4) + 1) & ~1)) {
            if (bytes.getInt(at) == 0x20746D66) { // "fmt " little-endian
                return bytes.getShort(at + 8) & 0xFFFF;
            }
        }
        throw new AssertionError("no fmt chunk in " + wav);
    }

    static Stream<Arguments> ourFiles() {
        List<Arguments> cases = new ArrayList<>();
        for (SampleFormat format : List.of(SampleFormat.PCM_16, SampleFormat.PCM_24, SampleFormat.FLOAT_32)) {
            for (int channels : new int[] {1, 2, 6, 8}) {
                cases.add(Arguments.of(format, channels));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} ch")
    @MethodSource("ourFiles")
    void externalToolsReadOurFiles(SampleFormat format, int channels) throws Exception {
        int rate = channels == 8 ? 192_000 : 48_000;
        int frames = 2501;
        double[][] signal = TestAudio.exactSignal(format, channels, frames, 7L * channels + format.ordinal());
        Path wav = dir.resolve("ours.wav");
        TestAudio.writeWav(wav, format, rate, signal);

        String codec = format == SampleFormat.PCM_16 ? "pcm_s16le" : format == SampleFormat.PCM_24 ? "pcm_s24le" : "pcm_f32le";
        assertEquals(codec + "\n" + rate + "\n" + channels + "\n" + frames,
                ExternalTools.run(30, "ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                        "stream=codec_name,sample_rate,channels,duration_ts", "-of", "default=nw=1:nk=1",
                        wav.toString()).trim());

        Path ffmpegRaw = dir.resolve("ffmpeg.f64");
        ExternalTools.run(60, "ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-f", "f64le", "-c:a", "pcm_f64le",
                ffmpegRaw.toString());
        TestAudio.assertSamplesEqual(signal, TestAudio.readRawF64(ffmpegRaw, channels), "ffmpeg decode");

        Path soxRaw = dir.resolve("sox.f64");
        ExternalTools.run(60, "sox", "-V1", wav.toString(), "-t", "raw", "-e", "floating-point", "-b", "64",
                soxRaw.toString());
        double[][] soxSignal = TestAudio.readRawF64(soxRaw, channels);
        if (format == SampleFormat.FLOAT_32) {
            // sox holds samples as 32-bit ints: overs clip, the rest lands within one 2^-31 step
            TestAudio.assertSamplesClose(clip(signal, 1.0 - 0x1p-31), soxSignal, 0x1p-31, "sox decode");
        } else {
            TestAudio.assertSamplesEqual(signal, soxSignal, "sox decode");
        }
    }

    private static double[][] clip(double[][] signal, double max) {
        double[][] clipped = new double[signal.length][];
        for (int c = 0; c < signal.length; c++) {
            clipped[c] = signal[c].clone();
            for (int i = 0; i < clipped[c].length; i++) {
                clipped[c][i] = Math.max(-1.0, Math.min(max, clipped[c][i]));
            }
        }
        return clipped;
    }
}

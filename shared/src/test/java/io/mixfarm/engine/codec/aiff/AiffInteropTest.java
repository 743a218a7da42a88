package io.mixfarm.engine.codec.aiff;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.codec.wav.ExternalTools;
import io.mixfarm.engine.codec.wav.TestAudio;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AiffReader decodes AIFF and AIFF-C files written by ffmpeg and sox to exactly the signal they
 * were given (signals lie on each format's grid, so the tools convert losslessly).
 */
class AiffInteropTest {
    @TempDir
    Path dir;

    /**
     * One external file: the tool's output options, the grid the signal lies on, what the reader
     * must report, and the form type plus compression id the file must contain.
     */
    record Made(String tool, List<String> outputArgs, SampleFormat grid, SampleFormat format, int bits, int channels,
                int rate, String formAndCompression) {
        @Override
        public String toString() {
            return tool + " " + String.join(" ", outputArgs) + " " + channels + " ch " + rate + " Hz";
        }
    }

    static Stream<Arguments> externalFiles() {
        return Stream.of(
                ffmpeg("pcm_s16be", SampleFormat.PCM_16, SampleFormat.PCM_16, 2, 44_100, "AIFF"),
                ffmpeg("pcm_s8", SampleFormat.PCM_8, SampleFormat.PCM_8, 1, 8_000, "AIFF"),
                ffmpeg("pcm_s24be", SampleFormat.PCM_24, SampleFormat.PCM_24, 2, 96_000, "AIFF"),
                ffmpeg("pcm_s32be", SampleFormat.PCM_32, SampleFormat.PCM_32, 2, 48_000, "AIFF"),
                ffmpeg("pcm_s16be", SampleFormat.PCM_16, SampleFormat.PCM_16, 6, 48_000, "AIFF"),
                ffmpeg("pcm_f32be", SampleFormat.FLOAT_32, SampleFormat.FLOAT_32, 2, 44_100, "fl32"),
                ffmpeg("pcm_f64be", SampleFormat.FLOAT_64, SampleFormat.FLOAT_64, 1, 384_000, "fl64"),
                ffmpeg("pcm_s16le", SampleFormat.PCM_16, SampleFormat.PCM_16, 2, 48_000, "sowt"),
                sox("aiff", "signed", 8, SampleFormat.PCM_8, SampleFormat.PCM_8, 2, 22_050, "AIFF"),
                sox("aiff", "signed", 24, SampleFormat.PCM_24, SampleFormat.PCM_24, 2, 48_000, "AIFF"),
                sox("aifc", "signed", 16, SampleFormat.PCM_16, SampleFormat.PCM_16, 1, 44_100, "NONE"),
                sox("aifc", "floating-point", 32, SampleFormat.PCM_24, SampleFormat.FLOAT_32, 2, 96_000, "fl32"),
                sox("aifc", "floating-point", 64, SampleFormat.PCM_32, SampleFormat.FLOAT_64, 2, 48_000, "fl64")
        ).map(Arguments::of);
    }

    private static Made ffmpeg(String codec, SampleFormat grid, SampleFormat format, int channels, int rate, String id) {
        return new Made("ffmpeg", List.of("-c:a", codec, "-f", "aiff"), grid, format, format.bits(), channels, rate, id);
    }

    private static Made sox(String type, String encoding, int bits, SampleFormat grid, SampleFormat format,
                            int channels, int rate, String id) {
        // -D: no dither, so the conversion stays exact
        return new Made("sox", List.of("-D", "-t", type, "-e", encoding, "-b", Integer.toString(bits)),
                grid, format, bits, channels, rate, id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("externalFiles")
    void readsFilesWrittenByExternalTools(Made made) throws Exception {
        int frames = 2999;
        double[][] signal = TestAudio.exactSignal(made.grid(), made.channels(), frames, made.toString().hashCode());
        Path raw = dir.resolve("in.f64");
        TestAudio.writeRawF64(raw, signal);
        Path aiff = dir.resolve("made.aif");
        ExternalTools.run(60, command(made, raw, aiff));
        String header = new String(Files.readAllBytes(aiff), 0, 64, StandardCharsets.ISO_8859_1);
        assertTrue(header.contains(made.formAndCompression()), () -> "expected " + made.formAndCompression() + " in " + header);

        try (AudioReader reader = AiffReader.open(FileChannel.open(aiff), "made.aif")) {
            assertEquals(new AudioInfo("made.aif", Container.AIFF, made.rate(), made.channels(), made.format(),
                    made.bits(), frames), reader.info());
            TestAudio.assertSamplesEqual(signal, TestAudio.readAll(reader, 1000), made.toString());
        }
    }

    private static String[] command(Made made, Path raw, Path out) {
        List<String> command = new ArrayList<>();
        String rate = Integer.toString(made.rate());
        String channels = Integer.toString(made.channels());
        if (made.tool().equals("ffmpeg")) {
            command.addAll(List.of("ffmpeg", "-v", "error", "-y", "-f", "f64le", "-ar", rate, "-ac", channels,
                    "-i", raw.toString()));
        } else {
            command.addAll(List.of("sox", "-t", "raw", "-e", "floating-point", "-b", "64", "-r", rate, "-c", channels,
                    raw.toString()));
        }
        command.addAll(made.outputArgs());
        command.add(out.toString());
        return command.toArray(new String[0]);
    }
}

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    private void roundTrip(int[][] source, int bps, int rate, String encoder, String... options) throws Exception {
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
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void everyCompressionLevelOf16BitStereo(int level) throws Exception {
        roundTrip(music(2, 44_100, 16, 44_100, level), 16, 44_100, "flac", "-" + level);
    }

    @Test
    void exhaustiveSearchWithPrecisionSearch() throws Exception {
        roundTrip(music(2, 30_000, 16, 48_000, 11), 16, 48_000, "flac", "-8", "-e", "-p");
    }
}

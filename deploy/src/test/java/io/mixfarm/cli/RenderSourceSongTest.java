package io.mixfarm.cli;

import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code farm render} of a song with a finished source: no mixing, the source resampled and mastered. */
class RenderSourceSongTest {

    @TempDir
    Path dir;

    @Test
    void aLocalSourceIsMasteredToTheTarget() throws Exception {
        int rate = 44_100;
        double[][] audio = new double[2][rate * 4];
        for (int i = 0; i < audio[0].length; i++) {
            audio[0][i] = 0.05 * Math.sin(2 * Math.PI * 330 * i / rate);
            audio[1][i] = 0.05 * Math.sin(2 * Math.PI * 550 * i / rate);
        }
        try (AudioWriter writer = AudioFiles.create(dir.resolve("finished.wav"),
                new WriteSpec(Container.WAV, rate, 2, SampleFormat.PCM_24))) {
            writer.write(audio, audio[0].length);
        }
        Path manifest = Files.writeString(dir.resolve("album.yaml"), """
                apiVersion: mixfarm/v1
                kind: Session
                id: relevel
                title: Re-level
                artist: Someone
                sampleRate: 48000
                output: out/
                songs:
                  - {id: one, title: One, source: finished.wav}
                """);
        Path out = dir.resolve("out");
        int code = FarmCli.run("render", manifest.toString(), "--out", out.toString());
        assertEquals(0, code);
        LoudnessMeasurement master = LoudnessAnalyzer.measure(out.resolve("one/one-24bit-48000hz.wav"));
        assertEquals(48_000, master.info().sampleRate());
        assertEquals(-14.0, master.integratedLufs(), 0.1);
        assertTrue(master.truePeakDbtp() <= -1.0, "under the ceiling: " + master.truePeakDbtp());
    }
}

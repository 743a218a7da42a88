package io.mixfarm.cli;

import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.manifest.ManifestLoader;
import io.mixfarm.manifest.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first command, end to end on a short album. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAValidAlbumRendersAndMastersEverySongAndMeasuresIt() throws Exception {
        assertEquals(0, FarmCli.run("demo", "--dir", dir.toString(), "--seconds", "4"));
        Session session = ManifestLoader.load(dir.resolve("album.yaml"));
        assertEquals(3, session.songs().size());
        for (var song : session.songs()) {
            Path mix = dir.resolve("render").resolve(song.id()).resolve("mix.wav");
            assertTrue(Files.isRegularFile(mix), mix.toString());
            LoudnessMeasurement m = LoudnessAnalyzer.measure(mix);
            assertTrue(m.durationSeconds() >= 4, "the mix is at least as long as its stems: " + m.durationSeconds());
            assertTrue(m.integratedLufs() > -30 && m.integratedLufs() < -8, "a plausible mix level: " + m.integratedLufs());
            Path master = dir.resolve("render").resolve(song.id()).resolve(song.id() + "-24bit-48000hz.wav");
            assertTrue(Files.isRegularFile(master), master.toString());
            assertTrue(LoudnessAnalyzer.measure(master).truePeakDbtp() <= -1.0, "master under the streaming ceiling");
        }
        assertTrue(Files.isRegularFile(dir.resolve("render").resolve("album-report.json")));
    }
}

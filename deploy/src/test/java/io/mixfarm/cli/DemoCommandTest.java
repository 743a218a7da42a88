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
    void runsTheExampleAlbumThroughTheFarmAndDownloadsMeasuredMasters() throws Exception {
        assertEquals(0, FarmCli.run("demo", "--dir", dir.toString(), "--seconds", "4"));
        Session session = ManifestLoader.load(dir.resolve("album.yaml"));
        assertEquals(3, session.songs().size());
        Path masters = dir.resolve("masters");
        for (var song : session.songs()) {
            Path songDir = masters.resolve(song.id());
            Path wav = songDir.resolve(song.id() + "-24bit-48000hz.wav");
            Path flac = songDir.resolve(song.id() + "-16bit-44100hz.flac");
            assertTrue(Files.isRegularFile(wav), wav.toString());
            assertTrue(Files.isRegularFile(flac), flac.toString());
            assertTrue(Files.isRegularFile(songDir.resolve("report.json")), "report of " + song.id());
            LoudnessMeasurement m = LoudnessAnalyzer.measure(wav);
            assertTrue(m.durationSeconds() >= 4, "the master is at least as long as its stems: " + m.durationSeconds());
            assertTrue(m.truePeakDbtp() <= -1.0, "master under the streaming ceiling: " + m.truePeakDbtp());
            assertTrue(Math.abs(m.integratedLufs() + 14) < 1.5, "near the streaming target: " + m.integratedLufs());
        }
        assertTrue(Files.isRegularFile(masters.resolve("album-report.json")));
    }
}

package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.engine.loudness.LoudnessMeter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlbumMasteringTest {

    private static final int FS = 48_000;

    @Test
    void withoutLimitingTheSongsKeepTheirRelativeLoudnessAndTheAlbumHitsTheTarget() throws Exception {
        // broadcast target −23: quiet songs, no song reaches the ceiling
        double[] levelsDb = {0, -4, -9};
        Album album = album(MasteringSettings.of(Preset.BROADCAST), levelsDb, TestMaterial.Kind.DENSE, -12);
        AlbumReport report = album.report;
        assertEquals(MasteringOutcome.TARGET_REACHED, report.outcome());
        for (int i = 1; i < levelsDb.length; i++) {
            double inputDifference = report.songs().get(i).input().integratedLufs() - report.songs().get(0).input().integratedLufs();
            double outputDifference = album.measured.get(i) - album.measured.get(0);
            assertEquals(inputDifference, outputDifference, 0.1, "song " + i + " relative to song 0");
            assertEquals(0.0, report.songs().get(i).limiterMaxReductionDb(), 1e-9, "no limiting");
        }
        assertEquals(-23.0, album.pooledLufs, 0.1, "album loudness after mastering, pooled");
        assertEquals(report.outputAlbumLufs(), album.pooledLufs, 1e-6);
    }

    @Test
    void withLimitingTheAlbumStillHitsTheTargetAndEverySongHoldsTheCeiling() throws Exception {
        double[] levelsDb = {0, -3, -8};
        MasteringSettings streaming = MasteringSettings.of(Preset.STREAMING).withLimits(12, UnreachablePolicy.LIMIT);
        Album album = album(streaming, levelsDb, TestMaterial.Kind.SPARSE_PERCUSSIVE, -20);
        assertEquals(MasteringOutcome.TARGET_REACHED, album.report.outcome());
        assertEquals(-14.0, album.pooledLufs, 0.1);
        assertTrue(album.report.songs().get(0).limiterMaxReductionDb() > 3, "the loudest song is limited");
        for (double peak : album.truePeaks) {
            assertTrue(peak <= -1.0, "true peak " + peak);
        }
    }

    @Test
    void theSongNeedingTheMostLimitingCapsTheAlbumGain() throws Exception {
        MasteringSettings settings = MasteringSettings.of(Preset.STREAMING).withLimits(2, UnreachablePolicy.LIMIT);
        Album album = album(settings, new double[] {0, -10}, TestMaterial.Kind.SPARSE_PERCUSSIVE, -26);
        AlbumReport report = album.report;
        assertEquals(MasteringOutcome.LIMITED_SHORT_OF_TARGET, report.outcome());
        assertTrue(album.pooledLufs < -14.1, "short of the target: " + album.pooledLufs);
        for (SongReport song : report.songs()) {
            // the allowance counts against the meter's true peak; the limiter's finer detection may see a little more
            assertTrue(song.limiterMaxReductionDb() <= 2.1, "limiting " + song.limiterMaxReductionDb());
            assertEquals(MasteringOutcome.LIMITED_SHORT_OF_TARGET, song.outcome());
        }
    }

    private record Album(AlbumReport report, List<Double> measured, List<Double> truePeaks, double pooledLufs) {
    }

    private static Album album(MasteringSettings settings, double[] levelsDb, TestMaterial.Kind kind, double baseDb)
            throws Exception {
        List<AlbumMastering.Song> songs = new ArrayList<>();
        List<MemoryAudio.Capture> captures = new ArrayList<>();
        for (int i = 0; i < levelsDb.length; i++) {
            double[][] audio = TestMaterial.make(kind, FS, 12, 100 + i);
            double g = Math.pow(10, (levelsDb[i] + baseDb + 12) / 20);
            for (double[] ch : audio) {
                for (int k = 0; k < ch.length; k++) {
                    ch[k] *= g;
                }
            }
            MemoryAudio.Capture capture = new MemoryAudio.Capture();
            captures.add(capture);
            songs.add(new AlbumMastering.Song(MemoryAudio.source("song" + i, FS, audio), settings, capture));
        }
        AlbumReport report = new AlbumMastering(settings).master(songs);
        List<Double> measured = new ArrayList<>();
        List<Double> peaks = new ArrayList<>();
        List<GatingBlocks> blocks = new ArrayList<>();
        for (MemoryAudio.Capture c : captures) {
            LoudnessMeter meter = new LoudnessMeter(FS, 2);
            meter.process(c.audio, c.audio[0].length);
            measured.add(meter.integratedLufs());
            peaks.add(meter.truePeakDbtp());
            blocks.add(meter.gatingBlocks());
        }
        return new Album(report, measured, peaks, Loudness.albumIntegratedLufs(blocks));
    }
}

package io.mixfarm.worker.render;

import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SongSpec;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.manifest.Job;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Songs with a finished source: mastered only (at the session rate, to a mirrored key), or measured as they are. */
class SourceSongRendererTest {

    private static final int SESSION_RATE = 48_000;
    private static final int SOURCE_RATE = 44_100;
    private static final String OUT = "s3://bucket-a/reports/p1/";
    private static final String SOURCE_URI = "s3://bucket-a/catalogue/Artist/Album/01 Song.flac";

    @TempDir
    Path dir;

    private final EngineSongRenderer renderer = new EngineSongRenderer(1);

    @Test
    void aFullTaskMastersTheSourceToTheTargetAtItsDeliverToKey() throws IOException {
        LocalStem source = source();
        RenderedSong rendered = renderer.render(task(Phase.FULL, null, source), List.of(source),
                Files.createDirectory(dir.resolve("w")), (s, f) -> { });
        RenderedFile master = rendered.files().get(0);
        assertEquals("s3://out/mirror/Artist/Album/01 Song.wav", master.target().toString());
        LoudnessMeasurement measured = LoudnessAnalyzer.measure(master.file());
        assertEquals(SESSION_RATE, measured.info().sampleRate(), "mastered at the session rate");
        assertEquals(-14.0, measured.integratedLufs(), 0.1);
        assertTrue(measured.truePeakDbtp() <= -1.0, "under the ceiling: " + measured.truePeakDbtp());
        assertEquals(OUT + "song-1/report.json", rendered.files().get(rendered.files().size() - 1).target().toString(),
                "the report stays in the song's folder");
    }

    @Test
    void aMeasureTaskMeasuresTheSourceAsItIsAndWritesNothing() throws IOException {
        LocalStem source = source();
        RenderedSong rendered = renderer.render(task(Phase.MEASURE, Job.ANALYZE, source), List.of(source),
                Files.createDirectory(dir.resolve("w")), (s, f) -> { });
        LoudnessMeasurement reference = LoudnessAnalyzer.measure(source.file());
        assertEquals(List.of(), rendered.files());
        assertEquals(reference.integratedLufs(), rendered.analysis().integratedLufs(), 1e-9);
        assertEquals(reference.loudnessRangeLu(), rendered.analysis().loudnessRangeLu(), 1e-9);
        assertEquals(reference.truePeakDbtp(), rendered.analysis().truePeakDbtp(), 1e-9);
        assertEquals(reference.samplePeakDbfs(), rendered.analysis().samplePeakDbfs(), 1e-9);
        assertEquals(reference.integratedLufs(), Loudness.integratedLufs(rendered.analysis().gating().toGatingBlocks()),
                1e-9, "the blocks pool into the album figures");
        assertEquals(SOURCE_RATE, rendered.report().path("sourceSampleRate").asInt(), rendered.report().toString());
        assertEquals(SOURCE_URI, rendered.report().path("source").asText());
        assertEquals("measure", rendered.report().path("phase").asText());
    }

    private LocalStem source() throws IOException {
        Path file = Files.createDirectories(dir.resolve("in")).resolve("stem-000");
        int frames = SOURCE_RATE * 5;
        double[][] audio = new double[2][frames];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < frames; i++) {
            double level = (i / SOURCE_RATE) % 2 == 0 ? 0.3 : 0.1;
            audio[0][i] = level * Math.sin(2 * Math.PI * 440 * i / SOURCE_RATE) + 0.02 * (random.nextDouble() - 0.5);
            audio[1][i] = level * Math.sin(2 * Math.PI * 660 * i / SOURCE_RATE);
        }
        try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(Container.FLAC, SOURCE_RATE, 2,
                SampleFormat.PCM_16))) {
            writer.write(audio, frames);
        }
        return new LocalStem(new StemLocation(RenderTask.SOURCE_ID, SOURCE_URI, null, null), file);
    }

    private static RenderTask task(Phase phase, Job job, LocalStem source) {
        Song song = new Song("song-1", "Song One", null, null, null, SOURCE_URI, "s3://out/mirror/Artist/Album/01 Song",
                null, null);
        Session session = new Session(Session.API_VERSION, Session.KIND, "p1", "Catalogue", "Various", SESSION_RATE,
                OUT, Mastering.UNSET, List.of(), List.of(song), job);
        return RenderTask.of("p1", 1, phase, Priority.NORMAL, Instant.EPOCH, SongSpec.of(session, song, OUT),
                List.of(source.location()), null);
    }
}

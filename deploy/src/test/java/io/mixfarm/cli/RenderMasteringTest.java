package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixfarm.cli.demo.ExampleAlbum;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.manifest.Deliverable;
import io.mixfarm.manifest.ManifestLoader;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code farm render} end to end on the example album (synthesized stems): every deliverable is
 * written, decodes, measures on target by our meter and by ffmpeg, stays under the ceiling and
 * carries its tags; the reports and plots are there.
 */
class RenderMasteringTest {

    private static final double TARGET = -14.0;   // the example album's preset: streaming
    /**
     * The album-mode test masters to −16 LUFS (apple): the example's mixes need about +0.3 dB
     * there, so the limiter barely acts and the songs' relative loudness must survive within
     * 0.1 LU; at −14 the limiter takes up to 2.7 dB off some peaks and shifts it by ~0.1 LU.
     */
    private static final double ALBUM_TARGET = -16.0;
    private static final double CEILING = -1.0;
    /** ffmpeg prints loudness and peak with one decimal: its rounding on top of the tolerance. */
    private static final double FFMPEG_ROUNDING = 0.05;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void albumModeKeepsTheSongsRelativeLoudnessAndPutsTheAlbumOnTarget() throws Exception {
        Path manifest = ExampleAlbum.write(dir, 6);
        Files.writeString(manifest, Files.readString(manifest).replace("preset: streaming", "preset: apple"));
        Path out = dir.resolve("render");
        assertEquals(0, FarmCli.run("render", manifest.toString(), "--out", out.toString()));
        Session session = ManifestLoader.load(manifest);

        List<GatingBlocks> masters = new ArrayList<>();
        List<Double> in = new ArrayList<>();
        List<Double> master = new ArrayList<>();
        for (Song song : session.songs()) {
            JsonNode report = JSON.readTree(out.resolve(song.id()).resolve(OutputKeys.SONG_REPORT).toFile());
            checkReport(report);
            for (Path file : checkDeliverables(session, song, out, report)) {
                LoudnessMeasurement m = LoudnessAnalyzer.measure(file);
                if (m.info().sampleRate() == session.sampleRate()) {
                    masters.add(m.gatingBlocks());
                    master.add(m.integratedLufs());
                    in.add(report.path("input").path("integratedLufs").asDouble());
                }
            }
            checkPlot(out.resolve(song.id()).resolve("loudness.png"));
        }
        assertEquals(ALBUM_TARGET, Loudness.albumIntegratedLufs(masters), 0.1, "album loudness of the masters, pooled");
        for (int i = 1; i < master.size(); i++) {
            assertEquals(in.get(i) - in.get(0), master.get(i) - master.get(0), 0.1,
                    "loudness of song " + (i + 1) + " relative to song 1 is kept (one gain)");
        }
        JsonNode album = JSON.readTree(out.resolve(OutputKeys.ALBUM_REPORT).toFile());
        assertTrue(album.path("albumMode").asBoolean(), album.toString());
        assertEquals(ALBUM_TARGET, album.path("outputAlbumLufs").asDouble(), 0.1);
        assertEquals(3, album.path("songs").size());
        assertTrue(album.path("gainDb").isNumber(), "one album gain: " + album.path("gainDb"));
    }

    @Test
    void withoutAlbumModeEverySongMeetsItsOwnTarget() throws Exception {
        Path manifest = ExampleAlbum.write(dir, 6);
        Files.writeString(manifest, Files.readString(manifest).replace("albumMode: true", "albumMode: false"));
        Path out = dir.resolve("render");
        assertEquals(0, FarmCli.run("render", manifest.toString(), "--out", out.toString()));
        Session session = ManifestLoader.load(manifest);
        for (Song song : session.songs()) {
            JsonNode report = JSON.readTree(out.resolve(song.id()).resolve(OutputKeys.SONG_REPORT).toFile());
            for (Path file : checkDeliverables(session, song, out, report)) {
                LoudnessMeasurement m = LoudnessAnalyzer.measure(file);
                if (m.info().sampleRate() == session.sampleRate()) {
                    assertEquals(TARGET, m.integratedLufs(), 0.1, file + " on its own target");
                }
            }
        }
        JsonNode album = JSON.readTree(out.resolve(OutputKeys.ALBUM_REPORT).toFile());
        assertTrue(!album.path("albumMode").asBoolean() && album.path("gainDb").isNull(), album.toString());
    }

    @Test
    void aSongThatFailsToMixIsReportedAndTheOthersAreMastered() throws Exception {
        Path manifest = ExampleAlbum.write(dir, 3);
        Session session = ManifestLoader.load(manifest);
        Files.delete(dir.resolve("stems").resolve("02-ballad").resolve("bass.flac"));
        Path out = dir.resolve("render");
        assertEquals(1, FarmCli.run("render", manifest.toString(), "--out", out.toString()));
        assertTrue(Files.notExists(out.resolve("02-ballad").resolve(OutputKeys.SONG_REPORT)));
        for (String id : List.of("01-opening", "03-finale")) {
            Song song = session.songs().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
            for (Deliverable d : session.masteringFor(song).deliverables()) {
                Path file = out.resolve(id).resolve(OutputKeys.deliverableFile(id, d, session.sampleRate()));
                assertTrue(Files.isRegularFile(file), file.toString());
            }
        }
        JsonNode album = JSON.readTree(out.resolve(OutputKeys.ALBUM_REPORT).toFile());
        assertEquals(2, album.path("songs").size(), "the album of the songs that mixed");
    }

    /** Every deliverable of the manifest exists, decodes, is measured as reported, stays under the ceiling and is tagged. */
    private List<Path> checkDeliverables(Session session, Song song, Path out, JsonNode report) throws Exception {
        List<Deliverable> wanted = session.masteringFor(song).deliverables();
        JsonNode files = report.path("deliverables");
        assertEquals(wanted.size(), files.size(), "report lists every deliverable: " + files);
        List<Path> paths = new ArrayList<>();
        for (int k = 0; k < wanted.size(); k++) {
            Deliverable d = wanted.get(k);
            String name = OutputKeys.deliverableFile(song.id(), d, session.sampleRate());
            Path file = out.resolve(song.id()).resolve(name);
            assertTrue(Files.isRegularFile(file), file.toString());
            paths.add(file);
            LoudnessMeasurement ours = LoudnessAnalyzer.measure(file);
            assertEquals((int) d.sampleRate(), ours.info().sampleRate(), name);
            assertTrue(ours.durationSeconds() >= 3, name + " decodes: " + ours.durationSeconds() + " s");
            JsonNode reported = files.get(k);
            assertEquals(name, reported.path("file").asText());
            assertEquals(reported.path("integratedLufs").asDouble(), ours.integratedLufs(), 0.01, name + " as reported");
            assertTrue(ours.truePeakDbtp() <= CEILING, name + " true peak (our meter) " + ours.truePeakDbtp());
            assertTrue(reported.path("interSamplePeakDbtp").asDouble() <= CEILING, name + " " + reported);
            Oracles.Ebur128 ffmpeg = Oracles.ebur128(file);
            assertEquals(ours.integratedLufs(), ffmpeg.integratedLufs(), 0.1 + FFMPEG_ROUNDING, name + " ffmpeg I");
            assertTrue(ffmpeg.truePeakDbtp() <= CEILING + FFMPEG_ROUNDING, name + " ffmpeg true peak " + ffmpeg);
            checkTags(session, song, file, d);
        }
        return paths;
    }

    private static void checkTags(Session session, Song song, Path file, Deliverable d) throws Exception {
        String tags = Oracles.ffprobeTags(file).toLowerCase(java.util.Locale.ROOT);
        String isrc = song.isrc().replace("-", "").toLowerCase(java.util.Locale.ROOT);
        int track = session.songs().indexOf(song) + 1;
        assertTrue(tags.contains("tag:title=" + song.title().toLowerCase(java.util.Locale.ROOT)), tags);
        assertTrue(tags.contains("isrc=" + isrc), tags);
        assertTrue(tags.contains("tag:track=" + track), tags);
        if (d.format() == Deliverable.Format.FLAC) {
            String comments = Oracles.metaflacTags(file);
            for (String key : List.of("REPLAYGAIN_TRACK_GAIN=", "REPLAYGAIN_TRACK_PEAK=", "REPLAYGAIN_ALBUM_GAIN=",
                    "REPLAYGAIN_ALBUM_PEAK=")) {
                assertTrue(comments.contains(key), key + " in\n" + comments);
            }
            assertTrue(comments.contains("TRACKTOTAL=" + session.songs().size()), comments);
        }
    }

    /** The fields issue 4 lists for a song's report. */
    private static void checkReport(JsonNode r) {
        for (String side : List.of("input", "output")) {
            for (String field : List.of("integratedLufs", "loudnessRangeLu", "truePeakDbtp", "samplePeakDbfs", "plrDb")) {
                assertTrue(r.path(side).path(field).isNumber(), side + "." + field + " in " + r);
            }
        }
        assertTrue(r.path("gainDb").isNumber());
        assertTrue(r.path("limiter").path("maxGainReductionDb").isNumber());
        assertTrue(r.path("limiter").path("meanGainReductionDb").isNumber());
        assertEquals(0.1, r.path("shortTermLufs").path("stepSeconds").asDouble());
        double seconds = r.path("durationSeconds").asDouble();
        int expected = (int) Math.round((seconds - 3.0) / 0.1);
        assertEquals(expected, r.path("shortTermLufs").path("values").size(), 2, "10 Hz curve over " + seconds + " s");
        assertTrue(r.path("replayGain").path("track").path("gainDb").isNumber(), r.path("replayGain").toString());
        assertTrue(r.path("replayGain").path("album").path("gainDb").isNumber(), r.path("replayGain").toString());
    }

    private static void checkPlot(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " decodes");
        assertTrue(image.getWidth() >= 800 && image.getHeight() >= 300, image.getWidth() + "x" + image.getHeight());
    }
}

package io.mixfarm.worker.render;

import io.mixfarm.contract.AlbumLoudness;
import io.mixfarm.contract.LimiterLoss;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.contract.SongSpec;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.InvalidAudioException;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.manifest.Deliverable;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import io.mixfarm.manifest.Stem;
import io.mixfarm.manifest.Strip;
import io.mixfarm.worker.storage.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine behind the seam, on local files: what each phase produces, determinism, errors by S3 name. */
class EngineSongRendererTest {

    private static final int RATE = 48_000;
    private static final String OUT = "s3://bucket-a/out/s1";

    @TempDir
    Path dir;

    private final EngineSongRenderer renderer = new EngineSongRenderer(1);

    @Test
    void aFullTaskDeliversEveryFileWithDeterministicBytes() throws IOException {
        List<LocalStem> stems = List.of(stem("bass", 0.3, 1, 6), stem("keys", 0.2, 2, 6));
        RenderTask task = task(Phase.FULL, null, stems, Strip.NEUTRAL);
        RenderedSong first = renderer.render(task, stems, Files.createDirectory(dir.resolve("w1")), (s, f) -> { });
        RenderedSong second = renderer.render(task, stems, Files.createDirectory(dir.resolve("w2")), (s, f) -> { });
        List<String> keys = first.files().stream().map(f -> f.target().toString()).toList();
        assertEquals(List.of(OUT + "/song-1/song-1-24bit-48000hz.wav", OUT + "/song-1/song-1-16bit-44100hz.flac",
                OUT + "/song-1/loudness.png", OUT + "/song-1/report.json"), keys);
        for (int i = 0; i < first.files().size(); i++) {
            assertEquals(Sha256.of(first.files().get(i).bytes()), Sha256.of(second.files().get(i).bytes()),
                    "same task, same bytes: " + first.files().get(i).name());
        }
        for (int i = 0; i < 2; i++) {
            var measured = LoudnessAnalyzer.measure(first.files().get(i).file());
            assertEquals(-14.0, measured.integratedLufs(), 0.1, "streaming preset: " + first.files().get(i).name());
            assertTrue(measured.truePeakDbtp() <= -1.0, "under the ceiling: " + measured.truePeakDbtp());
        }
        assertEquals("target-reached", first.report().at("/outcome").asText());
        assertEquals("mix of song-1", first.report().at("/source").asText(), "no local path in the report");
        assertEquals(first.report(), second.report());
        assertEquals(LoudnessAnalyzer.measure(first.files().get(0).file()).integratedLufs(),
                first.analysis().integratedLufs(), 0.01, "the completion measures the master");
        assertEquals(first.analysis().integratedLufs(),
                io.mixfarm.engine.loudness.Loudness.integratedLufs(first.analysis().gating().toGatingBlocks()), 1e-9);
        assertEquals(first.analysis().loudnessRangeLu(),
                io.mixfarm.engine.loudness.Loudness.loudnessRangeLu(first.analysis().shortTerm().toGatingBlocks()), 0.01);
        assertEquals(GatingBlocks.Window.GATING_400_MS, first.analysis().gating().window());
    }

    @Test
    void anAnalyzeTaskMeasuresTheMixAndWritesNothing() throws IOException {
        List<LocalStem> stems = List.of(stem("bass", 0.3, 1, 8));
        RenderedSong song = renderer.render(task(Phase.ANALYZE, null, stems, Strip.NEUTRAL), stems,
                Files.createDirectory(dir.resolve("w")), (s, f) -> { });
        assertTrue(song.files().isEmpty());
        SongAnalysis analysis = song.analysis();
        assertNotNull(analysis);
        assertEquals(GatingBlocks.Window.GATING_400_MS, analysis.gating().window());
        assertEquals(GatingBlocks.Window.SHORT_TERM_3_S, analysis.shortTerm().window());
        assertEquals(77, analysis.gating().count(), "400 ms blocks every 100 ms over 8 s");
        double mono = LoudnessAnalyzer.measure(stems.get(0).file()).integratedLufs();
        // A centred mono stem on both sides of the stereo mix (pan law aside) reads louder than the mono file.
        assertTrue(analysis.integratedLufs() > mono - 3.5 && analysis.integratedLufs() < mono + 3.5,
                analysis.integratedLufs() + " vs mono " + mono);
        assertEquals(analysis.integratedLufs(), song.report().at("/mix/integratedLufs").asDouble(), 0.001);
    }

    @Test
    void anAnalyzeTaskPredictsTheLimiterLossAgainstTheGain() throws IOException {
        List<LocalStem> stems = List.of(stem("bass", 0.3, 1, 8));
        SongAnalysis analysis = renderer.render(task(Phase.ANALYZE, null, stems, Strip.NEUTRAL), stems,
                Files.createDirectory(dir.resolve("w")), (s, f) -> { }).analysis();
        LimiterLoss loss = analysis.limiterLoss();
        assertNotNull(loss, "ANALYZE sends the limiter loss");
        double[] curve = loss.lossDb();
        assertEquals(EngineSongRenderer.LOSS_POINTS, curve.length);
        for (int i = 0; i < curve.length; i++) {
            assertTrue(curve[i] <= 0, "loss at point " + i + " is " + curve[i]);
            if (i > 0) {
                assertTrue(curve[i] <= curve[i - 1] + 1e-9, "loss rises at point " + i + ": " + curve[i - 1] + " -> "
                        + curve[i]);
            }
        }
        // The mix peaks near -13 dBTP: up to about +11 dB nothing is limited; then a sine loses what the
        // gain adds (a brick wall), so +30 dB squashes it hard.
        assertEquals(-13.2, analysis.truePeakDbtp(), 0.5);
        assertEquals(0.0, loss.at(-24), 1e-12);
        assertEquals(0.0, loss.at(0), 1e-12);
        assertEquals(0.0, loss.at(10), 0.01);
        assertTrue(loss.at(30) < -10, "loss at +30 dB: " + loss.at(30));

        // The prediction holds for a real MASTER render with a gain that limits by several dB.
        double gain = 18;
        RenderedSong mastered = renderer.render(task(Phase.MASTER, gain, stems, Strip.NEUTRAL), stems,
                Files.createDirectory(dir.resolve("m")), (s, f) -> { });
        double predicted = analysis.integratedLufs() + gain + loss.at(gain);
        assertTrue(loss.at(gain) < -2, "loss at +" + gain + " dB: " + loss.at(gain));
        assertEquals(predicted, mastered.analysis().integratedLufs(), 0.2, "master vs predicted loudness");
    }

    @Test
    void theStemsStripIsApplied() throws IOException {
        List<LocalStem> stems = List.of(stem("bass", 0.3, 1, 6));
        Strip down6 = new Strip(null, null, null, null, null, null, null, null, null, -6.0, null, null, null);
        double neutral = renderer.render(task(Phase.ANALYZE, null, stems, Strip.NEUTRAL), stems,
                Files.createDirectory(dir.resolve("a")), (s, f) -> { }).analysis().integratedLufs();
        double faded = renderer.render(task(Phase.ANALYZE, null, stems, down6), stems,
                Files.createDirectory(dir.resolve("b")), (s, f) -> { }).analysis().integratedLufs();
        assertEquals(-6.0, faded - neutral, 0.01);
    }

    @Test
    void aMasterTaskAppliesTheAlbumGain() throws IOException {
        List<LocalStem> stems = List.of(stem("bass", 0.3, 1, 6));
        RenderedSong analyzed = renderer.render(task(Phase.ANALYZE, null, stems, Strip.NEUTRAL), stems,
                Files.createDirectory(dir.resolve("a")), (s, f) -> { });
        double gain = -20 - analyzed.analysis().integratedLufs();
        RenderedSong mastered = renderer.render(task(Phase.MASTER, gain, stems, Strip.NEUTRAL), stems,
                Files.createDirectory(dir.resolve("m")), (s, f) -> { });
        assertEquals(-20.0, LoudnessAnalyzer.measure(mastered.files().get(0).file()).integratedLufs(), 0.1,
                "the album gain, not the song's own target (-14)");
    }

    @Test
    void aMasterFromTheAnalyzedMixIsBitIdenticalToAMasterFromTheStems() throws IOException {
        List<LocalStem> stems = List.of(stem("bass", 0.3, 1, 6), stem("keys", 0.2, 2, 6));
        RenderedSong analyzed = renderer.render(task(Phase.ANALYZE, null, stems, Strip.NEUTRAL), stems,
                Files.createDirectory(dir.resolve("a")), (s, f) -> { });
        assertNotNull(analyzed.mix(), "ANALYZE hands its mix over for MASTER");
        // The mix travels through S3 as a file: a copy elsewhere stands in for the download.
        Path copy = Files.copy(analyzed.mix(), Files.createDirectory(dir.resolve("fetched")).resolve("mix.wav"));
        RenderTask master = task(Phase.MASTER, -3.0, stems, Strip.NEUTRAL);
        RenderedSong fresh = renderer.render(master, stems, Files.createDirectory(dir.resolve("m1")), (s, f) -> { });
        RenderedSong reused = renderer.renderFromMix(master, copy, Files.createDirectory(dir.resolve("m2")),
                (s, f) -> { });
        assertEquals(fresh.files().size(), reused.files().size());
        for (int i = 0; i < fresh.files().size(); i++) {
            assertEquals(fresh.files().get(i).target(), reused.files().get(i).target());
            assertEquals(Sha256.of(fresh.files().get(i).bytes()), Sha256.of(reused.files().get(i).bytes()),
                    "reused mix, same bytes: " + fresh.files().get(i).name());
        }
        assertEquals(fresh.report(), reused.report());
        assertEquals(fresh.analysis(), reused.analysis());
    }

    @Test
    void deliverablesCarryTheMastersTrackReplayGainAndTheAlbumsInAlbumMode() throws IOException, InterruptedException {
        List<LocalStem> stems = List.of(stem("bass", 0.3, 1, 6));
        RenderedSong full = renderer.render(task(Phase.FULL, null, stems, Strip.NEUTRAL), stems,
                Files.createDirectory(dir.resolve("f")), (s, f) -> { });
        TrackMetadata.ReplayGain track = TrackMetadata.ReplayGain.of(full.report().at("/output/integratedLufs").asDouble(),
                full.report().at("/output/truePeakDbtp").asDouble());
        Map<String, String> tags = flacTags(full.files().get(1).file());
        // The report's figures are rounded (0.01 dB): the tags, from the unrounded master, agree to that.
        assertEquals(track.gainDb(), Double.parseDouble(tags.get("REPLAYGAIN_TRACK_GAIN").replace(" dB", "")), 0.011,
                "-18 LUFS less the master's loudness: " + tags);
        assertEquals(track.peak(), Double.parseDouble(tags.get("REPLAYGAIN_TRACK_PEAK")), track.peak() * 0.0013,
                "the master's true peak, linear: " + tags);
        assertFalse(tags.containsKey("REPLAYGAIN_ALBUM_GAIN"), "no album values outside album mode: " + tags);
        assertTrue(contains(full.files().get(0).file(), "REPLAYGAIN_TRACK_GAIN=" + tags.get("REPLAYGAIN_TRACK_GAIN"))
                || contains(full.files().get(0).file(), tags.get("REPLAYGAIN_TRACK_GAIN")), "the WAV deliverable is tagged too");
        assertEquals(Double.parseDouble(tags.get("REPLAYGAIN_TRACK_GAIN").replace(" dB", "")),
                full.report().at("/replayGain/track/gainDb").asDouble(), 0.005, "report.json lists the tag's value");

        RenderTask plain = task(Phase.MASTER, -2.0, stems, Strip.NEUTRAL);
        RenderTask master = RenderTask.of(plain.sessionId(), 1, Phase.MASTER, Priority.NORMAL, Instant.EPOCH,
                plain.spec(), plain.stems(), -2.0, null, new AlbumLoudness(-14.5, -1.25));
        RenderedSong album = renderer.render(master, stems, Files.createDirectory(dir.resolve("m")), (s, f) -> { });
        Map<String, String> albumTags = flacTags(album.files().get(1).file());
        assertEquals("-3.50 dB", albumTags.get("REPLAYGAIN_ALBUM_GAIN"), albumTags.toString());
        assertEquals(TrackMetadata.ReplayGain.of(-14.5, -1.25).peakText(), albumTags.get("REPLAYGAIN_ALBUM_PEAK"));
        assertTrue(albumTags.containsKey("REPLAYGAIN_TRACK_GAIN"), albumTags.toString());
    }

    /** The FLAC's Vorbis comments as metaflac, an independent reader, lists them. */
    private static Map<String, String> flacTags(Path flac) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/metaflac")),
                "metaflac is needed as an independent tag reader (apt-get install flac)");
        Process p = new ProcessBuilder("/usr/bin/metaflac", "--export-tags-to=-", flac.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Map<String, String> tags = new java.util.TreeMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                tags.put(line.substring(0, eq).toUpperCase(java.util.Locale.ROOT), line.substring(eq + 1));
            }
        }
        return tags;
    }

    private static boolean contains(Path file, String text) throws IOException {
        return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
    }

    @Test
    void albumModeKeepsTheSongsRelativeLoudness() throws IOException {
        double[] amplitudes = {0.05, 0.1, 0.2};
        List<List<LocalStem>> songs = new ArrayList<>();
        List<GatingBlocks> blocks = new ArrayList<>();
        double[] analyzed = new double[amplitudes.length];
        for (int i = 0; i < amplitudes.length; i++) {
            List<LocalStem> stems = List.of(stem("s" + i, amplitudes[i], 10 + i, 6));
            songs.add(stems);
            SongAnalysis a = renderer.render(task(Phase.ANALYZE, null, stems, Strip.NEUTRAL), stems,
                    Files.createDirectory(dir.resolve("a" + i)), (s, f) -> { }).analysis();
            analyzed[i] = a.integratedLufs();
            blocks.add(a.gating().toGatingBlocks());
        }
        // As the coordinator computes it: pooled blocks to the album target (-14, streaming).
        double gain = -14 - io.mixfarm.engine.loudness.Loudness.albumIntegratedLufs(blocks);
        double[] mastered = new double[amplitudes.length];
        for (int i = 0; i < amplitudes.length; i++) {
            RenderedSong song = renderer.render(task(Phase.MASTER, gain, songs.get(i), Strip.NEUTRAL), songs.get(i),
                    Files.createDirectory(dir.resolve("m" + i)), (s, f) -> { });
            mastered[i] = song.analysis().integratedLufs();
        }
        for (int i = 1; i < amplitudes.length; i++) {
            assertEquals(analyzed[i] - analyzed[0], mastered[i] - mastered[0], 0.1, "song " + i + " relative to song 0");
        }
    }

    @Test
    void anUnreachableTargetWithPolicyReportFailsTheSongWithTheShortfall() throws IOException {
        List<LocalStem> stems = List.of(stem("bass", 0.3, 1, 6));
        RenderTask task = task(Phase.FULL, null, stems, Strip.NEUTRAL);
        Mastering loud = new Mastering(Mastering.Preset.CUSTOM, -1.0, -1.0, null, 0.5,
                Mastering.WhenUnreachable.REPORT, null, null, null, null, null).resolved(RATE);
        SongSpec spec = task.spec();
        RenderTask unreachable = RenderTask.of("s1", 1, Phase.FULL, Priority.NORMAL, Instant.EPOCH,
                new SongSpec(spec.sampleRate(), spec.outputPrefix(), spec.album(), spec.song(), spec.buses(), loud),
                task.stems(), null);
        PermanentException e = assertThrows(PermanentException.class, () -> renderer.render(unreachable, stems,
                Files.createDirectory(dir.resolve("w")), (s, f) -> { }));
        assertTrue(e.getMessage().contains("song-1 not delivered") && e.getMessage().contains("-1.0 LUFS")
                && e.getMessage().contains("0.5 dB of limiting"), e.getMessage());
    }

    @Test
    void unusableStemsAreReportedByTheirS3Location() throws IOException {
        Path text = Files.writeString(dir.resolve("stem-000"), "not audio at all");
        List<LocalStem> stems = List.of(new LocalStem(new StemLocation("vox", "s3://bucket-a/stems/vox.wav", null, null),
                text));
        PermanentException e = assertThrows(PermanentException.class, () -> renderer.render(
                task(Phase.FULL, null, stems, Strip.NEUTRAL), stems, Files.createDirectory(dir.resolve("w")),
                (s, f) -> { }));
        assertTrue(e.getMessage().contains("s3://bucket-a/stems/vox.wav is not usable audio"), e.getMessage());
        assertTrue(!e.getMessage().contains("stem-000"), e.getMessage());

        // A float stem whose header is fine but which holds a NaN 4 s in: found while mixing.
        Path nan = Files.createDirectories(dir.resolve("nan")).resolve("stem-000");
        try (AudioWriter writer = AudioFiles.create(nan, new WriteSpec(Container.WAV, RATE, 1, SampleFormat.FLOAT_32))) {
            writer.write(new double[][] {new double[RATE * 6]}, RATE * 6);
        }
        byte[] bytes = Files.readAllBytes(nan);
        int data = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("data") + 8;
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(data + 4 * RATE * 4, 0x7FC00000);
        Files.write(nan, bytes);
        List<LocalStem> cut = List.of(new LocalStem(new StemLocation("vox", "s3://bucket-a/stems/nan.wav", null, null),
                nan));
        InvalidAudioException invalid = assertThrows(InvalidAudioException.class, () -> renderer.render(
                task(Phase.FULL, null, cut, Strip.NEUTRAL), cut, Files.createDirectory(dir.resolve("w2")),
                (s, f) -> { }));
        assertEquals("s3://bucket-a/stems/nan.wav", invalid.source(), invalid.getMessage());
    }

    private LocalStem stem(String id, double amplitude, long seed, double seconds) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("stems-" + id + "-" + seed + "-" + (long) seconds));
        Path file = folder.resolve(String.format("stem-%03d", 0));
        try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(Container.WAV, RATE, 1, SampleFormat.PCM_24))) {
            double[][] block = new double[1][RATE];
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            for (int s = 0; s < seconds; s++) {
                for (int i = 0; i < RATE; i++) {
                    block[0][i] = amplitude * Math.sin(2 * Math.PI * 220 * (s * RATE + i) / RATE)
                            + 0.01 * (random.nextDouble() - 0.5);
                }
                writer.write(block, RATE);
            }
        }
        return new LocalStem(new StemLocation(id, "s3://bucket-a/stems/" + id + ".wav", null, null), file);
    }

    private static RenderTask task(Phase phase, Double albumGain, List<LocalStem> stems, Strip strip) {
        List<Stem> manifestStems = new ArrayList<>();
        for (LocalStem s : stems) {
            manifestStems.add(new Stem(s.location().stemId(), s.location().uri(), strip, null, null));
        }
        Song song = new Song("song-1", "Song One", "GB-ABC-26-00001", null, manifestStems);
        Mastering album = new Mastering(null, null, null, null, null, null, null, null, null, null,
                List.of(new Deliverable(Deliverable.Format.WAV, 24, null, null),
                        new Deliverable(Deliverable.Format.FLAC, 16, 44_100, null)));
        Session session = new Session(Session.API_VERSION, Session.KIND, "s1", "Album", "Artist", RATE, OUT, album,
                List.of(), List.of(song));
        return RenderTask.of("s1", 1, phase, Priority.NORMAL, Instant.EPOCH, SongSpec.of(session, song, OUT),
                stems.stream().map(LocalStem::location).toList(), albumGain);
    }
}

package io.mixfarm.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.manifest.ManifestParser;
import io.mixfarm.manifest.ManifestValidator;
import io.mixfarm.manifest.Session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One fixed instance of every contract message, built from a small album manifest. The golden
 * files under {@code contract/golden/} are these instances as JSON; changing either is a change
 * of the wire format.
 */
final class ContractFixtures {

    static final String MANIFEST = """
            apiVersion: mixfarm/v1
            kind: Session
            id: night-drive
            title: Night Drive
            artist: The Late Arrivals
            sampleRate: 48000
            output: s3://masters/night-drive/
            mastering:
              preset: streaming
              albumMode: true
              maxLimitingDb: 4
              eq: [{type: lowShelf, freqHz: 80, gainDb: 1.0}]
              deliverables:
                - {format: wav, bitDepth: 24}
                - {format: flac, bitDepth: 16, sampleRate: 44100, dither: tpdf-shaped}
            buses:
              - id: room
                type: reverb
                reverb: {decaySeconds: 1.8, preDelayMs: 20, damping: 0.6, size: 0.7}
            songs:
              - id: 01-headlights
                title: Headlights
                isrc: GB-LTA-24-00001
                stems:
                  - id: kick
                    uri: s3://stems/night-drive/headlights/kick.wav
                    strip: {highPass: {freqHz: 30, slope: 24}, faderDb: -2}
                  - id: vocal
                    uri: s3://stems/night-drive/headlights/vocal.flac
                    strip: {compressor: {thresholdDb: -18, ratio: 3, attackMs: 5, releaseMs: 80}}
                    sends: [{bus: room, levelDb: -12}]
              - id: 02-overpass
                title: Overpass
                mastering: {stereoWidth: 0.9}
                stems:
                  - {id: mix, uri: "s3://stems/sha256/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}
            """;

    static final String OUTPUT = "s3://masters/night-drive/";
    static final String MEASURE_MANIFEST = """
            apiVersion: mixfarm/v1
            kind: Session
            id: catalogue-p1
            title: Catalogue
            artist: Various
            sampleRate: 44100
            output: s3://reports/catalogue/
            job: analyze
            songs:
              - {id: a-01, title: "01", source: "s3://catalogue/albums/a/01.flac", album: albums/a}
            """;
    static final Instant T0 = Instant.parse("2025-03-14T09:26:53.589Z");
    static final String WORKER = "mixfarm-worker-7c9d-0";
    static final String INPUT_HASH = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    private ContractFixtures() {
    }

    static Session session() {
        Session session = ManifestParser.parse(MANIFEST, "golden.yaml");
        if (!ManifestValidator.validate(session).isEmpty()) {
            throw new AssertionError("fixture manifest is invalid: " + ManifestValidator.validate(session));
        }
        return session;
    }

    static List<StemLocation> stemsOfFirstSong() {
        return List.of(
                new StemLocation("kick", "s3://stems/night-drive/headlights/kick.wav", 23_040_044L,
                        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"),
                new StemLocation("vocal", "s3://stems/night-drive/headlights/vocal.flac", null, null));
    }

    static RenderTask analyzeTask() {
        Session s = session();
        return RenderTask.of("night-drive", 1, Phase.ANALYZE, Priority.NORMAL, T0,
                SongSpec.of(s, s.songs().get(0), OUTPUT), stemsOfFirstSong(), null);
    }

    static RenderTask masterTask() {
        Session s = session();
        return RenderTask.of("night-drive", 2, Phase.MASTER, Priority.URGENT, T0.plusSeconds(95),
                SongSpec.of(s, s.songs().get(0), OUTPUT), stemsOfFirstSong(), -2.375, INPUT_HASH,
                new AlbumLoudness(-14.0625, -1.125));
    }

    /** An analyze job's MEASURE task for a song with a finished source (its one location). */
    static RenderTask measureSourceTask() {
        Session s = ManifestParser.parse(MEASURE_MANIFEST, "golden-measure.yaml");
        return RenderTask.of("catalogue-p1", 1, Phase.MEASURE, Priority.NORMAL, T0,
                SongSpec.of(s, s.songs().get(0), "s3://reports/catalogue/"),
                List.of(new StemLocation(RenderTask.SOURCE_ID, "s3://catalogue/albums/a/01.flac", 31_337L, null)), null);
    }

    static TaskEvent measureCompleted() {
        GatingBlocks gating = GatingBlocks.of(GatingBlocks.Window.GATING_400_MS, new double[] {0.0125, 0.25}, 2);
        GatingBlocks shortTerm = GatingBlocks.of(GatingBlocks.Window.SHORT_TERM_3_S, new double[] {0.02}, 1);
        SongAnalysis analysis = new SongAnalysis(-9.5, 4.25, 0.375, BlockEnergies.of(gating),
                BlockEnergies.of(shortTerm), null, -0.125);
        return TaskEvent.completed(measureSourceTask(), WORKER, T0.plusSeconds(4),
                new Completion(List.of(), report(), analysis));
    }

    static TaskEvent accepted() {
        return TaskEvent.accepted(analyzeTask(), WORKER, T0.plusMillis(250));
    }

    static TaskEvent progress() {
        return TaskEvent.progress(analyzeTask(), WORKER, T0.plusSeconds(3), new Progress(Progress.Stage.MIX, 0.625));
    }

    static TaskEvent analyzeCompleted() {
        GatingBlocks gating = GatingBlocks.of(GatingBlocks.Window.GATING_400_MS,
                new double[] {0.0125, 0.031_25, 1.0 / 3.0, 0.0}, 4);
        GatingBlocks shortTerm = GatingBlocks.of(GatingBlocks.Window.SHORT_TERM_3_S, new double[] {0.02, 1e-12}, 2);
        SongAnalysis analysis = new SongAnalysis(-12.75, 6.5, -0.4, BlockEnergies.of(gating), BlockEnergies.of(shortTerm),
                new LimiterLoss(-0.5, 0.5, new double[] {0.0, -0.125, -0.375}));
        Output mix = new Output("mix", "s3://masters/night-drive/.work/01-headlights/mix-"
                + "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c.wav", 23_040_080L,
                "7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730");
        return TaskEvent.completed(analyzeTask(), WORKER, T0.plusSeconds(41),
                new Completion(List.of(mix), report(), analysis));
    }

    static TaskEvent masterCompleted() {
        List<Output> outputs = List.of(
                new Output("01-headlights-24bit-48000hz.wav",
                        "s3://masters/night-drive/01-headlights/01-headlights-24bit-48000hz.wav", 60_480_044L,
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                new Output("report", "s3://masters/night-drive/01-headlights/report.json", 2_311L,
                        "a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3"));
        return TaskEvent.completed(masterTask(), WORKER, T0.plusSeconds(140), new Completion(outputs, report(), null));
    }

    static TaskEvent failed() {
        return TaskEvent.failed(analyzeTask(), WORKER, T0.plusSeconds(2), new Failure(Failure.ReasonClass.PERMANENT,
                "s3://stems/night-drive/headlights/vocal.flac: FLAC STREAMINFO block is missing"));
    }

    static SessionRecord sessionRecord() {
        ObjectNode manifest = ContractJson.mapper().createObjectNode();
        manifest.put("apiVersion", "mixfarm/v1").put("kind", "Session").put("id", "night-drive");
        manifest.putArray("songs").addObject().put("id", "01-headlights").put("title", "Headlights");
        return new SessionRecord(1, "night-drive", SessionRecord.State.RUNNING, Priority.NORMAL, T0,
                T0.plusSeconds(95), manifest, OUTPUT, true, -2.375, null);
    }

    static SongRecord songRecord() {
        return new SongRecord(1, "night-drive", "01-headlights", "night-drive/01-headlights/master/2", Phase.MASTER, 2,
                T0.plusSeconds(95), T0.plusSeconds(140), SongRecord.Status.COMPLETED,
                masterCompleted().completion().outputs(), null);
    }

    static SongRecord songRecordUnchanged() {
        return new SongRecord(1, "night-drive-2", "01-headlights", null, Phase.MASTER, 1, null, T0.plusSeconds(200),
                SongRecord.Status.COMPLETED, masterCompleted().completion().outputs(), null, true);
    }

    static DoneMarker doneMarker() {
        return new DoneMarker(1, "night-drive", "01-headlights", INPUT_HASH, "night-drive/01-headlights/master/2",
                T0.plusSeconds(139), -2.375, masterCompleted().completion());
    }

    static DeadLetter deadLetter() {
        return new DeadLetter(1, "night-drive/02-overpass", null, null, null, 1, WORKER, T0.plusSeconds(7),
                Failure.ReasonClass.POISON, "the RenderTask is not JSON: Unexpected character ('<')",
                "<not json>");
    }

    /** Every fixture by its golden file's name. */
    static Map<String, ContractMessage> all() {
        return Map.ofEntries(
                Map.entry("render-task-measure-source", measureSourceTask()),
                Map.entry("task-event-completed-measure", measureCompleted()),
                Map.entry("render-task-analyze", analyzeTask()),
                Map.entry("render-task-master", masterTask()),
                Map.entry("task-event-accepted", accepted()),
                Map.entry("task-event-progress", progress()),
                Map.entry("task-event-completed-analyze", analyzeCompleted()),
                Map.entry("task-event-completed-master", masterCompleted()),
                Map.entry("task-event-failed", failed()),
                Map.entry("session-record", sessionRecord()),
                Map.entry("song-record", songRecord()),
                Map.entry("song-record-unchanged", songRecordUnchanged()),
                Map.entry("done-marker", doneMarker()),
                Map.entry("dead-letter", deadLetter()));
    }

    private static ObjectNode report() {
        ObjectNode report = ContractJson.mapper().createObjectNode();
        report.put("songId", "01-headlights");
        report.put("integratedLufs", -14.02);
        report.putArray("warnings").add("limited 3.1 dB");
        return report;
    }
}

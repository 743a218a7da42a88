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
    static final Instant T0 = Instant.parse("2025-03-14T09:26:53.589Z");
    static final String WORKER = "mixfarm-worker-7c9d-0";

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
                SongSpec.of(s, s.songs().get(0), OUTPUT), stemsOfFirstSong(), -2.375);
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
        return TaskEvent.completed(analyzeTask(), WORKER, T0.plusSeconds(41),
                new Completion(List.of(), report(), analysis));
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

    static DeadLetter deadLetter() {
        return new DeadLetter(1, "night-drive/02-overpass", null, null, null, 1, WORKER, T0.plusSeconds(7),
                Failure.ReasonClass.POISON, "the RenderTask is not JSON: Unexpected character ('<')",
                "<not json>");
    }

    /** Every fixture by its golden file's name. */
    static Map<String, ContractMessage> all() {
        return Map.of(
                "render-task-analyze", analyzeTask(),
                "render-task-master", masterTask(),
                "task-event-accepted", accepted(),
                "task-event-progress", progress(),
                "task-event-completed-analyze", analyzeCompleted(),
                "task-event-completed-master", masterCompleted(),
                "task-event-failed", failed(),
                "session-record", sessionRecord(),
                "song-record", songRecord(),
                "dead-letter", deadLetter());
    }

    private static ObjectNode report() {
        ObjectNode report = ContractJson.mapper().createObjectNode();
        report.put("songId", "01-headlights");
        report.put("integratedLufs", -14.02);
        report.putArray("warnings").add("limited 3.1 dB");
        return report;
    }
}

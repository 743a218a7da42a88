package io.mixfarm.coordinator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mixfarm.contract.BlockEnergies;
import io.mixfarm.contract.Completion;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.planning.RetryPolicy;
import io.mixfarm.coordinator.planning.SessionPlan;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.manifest.ManifestParser;
import io.mixfarm.manifest.Session;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An analyze session through the state machine: MEASURE tasks, then analysis.csv and analysis.json per album. */
class AnalysisReportsTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private final SessionMachine machine = new SessionMachine(new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofMinutes(1)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static SessionPlan plan() {
        Session session = ManifestParser.parse("""
                apiVersion: mixfarm/v1
                kind: Session
                id: cat
                title: Catalogue
                artist: Various
                sampleRate: 48000
                output: s3://out/an/
                job: analyze
                songs:
                  - {id: a1, title: "One, two", source: "s3://inb/a/1.wav", album: A, isrc: GB-A1B-24-00001}
                  - {id: a2, title: Two, source: "s3://inb/a/2.wav", album: A}
                  - {id: b1, title: Silent, source: "s3://inb/b/1.wav", album: B}
                """, "m.yaml");
        List<List<StemLocation>> locations = session.songs().stream()
                .map(s -> List.of(new StemLocation(RenderTask.SOURCE_ID, s.source(), 10L, null))).toList();
        return new SessionPlan("cat-1", session, S3Uri.parse("s3://out/an/"), locations, Priority.NORMAL);
    }

    /** Steady programme: {@code blocks} 400 ms blocks at {@code lufs}. */
    private static SongAnalysis steady(double lufs, int blocks, double truePeak, double samplePeak) {
        double[] energies = new double[blocks];
        Arrays.fill(energies, lufs == Double.NEGATIVE_INFINITY ? 0.0 : Loudness.energy(lufs));
        GatingBlocks gating = GatingBlocks.of(GatingBlocks.Window.GATING_400_MS, energies, blocks);
        GatingBlocks shortTerm = GatingBlocks.of(GatingBlocks.Window.SHORT_TERM_3_S, energies, blocks);
        return new SongAnalysis(lufs, 0.0, truePeak, BlockEnergies.of(gating), BlockEnergies.of(shortTerm), null,
                samplePeak);
    }

    @Test
    void measuredSongsEndTheSessionWithCsvAndJsonPerAlbum() throws Exception {
        Effects admitted = new Effects(Topics.defaults());
        SessionState s = machine.admit(plan(), admitted);
        List<SongAnalysis> measured = List.of(steady(-10, 40, -0.5, -0.7), steady(-20, 10, -6, -6.2),
                steady(Double.NEGATIVE_INFINITY, 10, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
        for (int i = 0; i < 3; i++) {
            RenderTask task = s.plan.task(i, Phase.MEASURE, 1, null, NOW);
            assertEquals(Phase.MEASURE, task.phase());
            Effects fx = new Effects(Topics.defaults());
            machine.onEvent(s, TaskEvent.completed(task, "w", NOW, new Completion(List.of(),
                    JsonNodeFactory.instance.objectNode(), measured.get(i))), fx, true);
            assertEquals(i == 2 ? 1 : 0, fx.reports.size(), "the report is due once every song is measured");
        }
        AlbumReports.Draft draft = AlbumReports.draft(s, NOW);
        assertEquals(List.of("s3://out/an/analysis.csv", "s3://out/an/analysis.json"),
                draft.attachments().stream().map(a -> a.target().toString()).toList());

        List<String> csv = new String(draft.attachments().get(0).bytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(String.join(",", AnalysisReports.COLUMNS), csv.get(0));
        double albumA = Loudness.albumIntegratedLufs(List.of(measured.get(0).gating().toGatingBlocks(),
                measured.get(1).gating().toGatingBlocks()));
        assertEquals(-10.0 + 10 * Math.log10(0.8 + 0.2 * 0.1), albumA, 1e-9, "blocks pooled: 40 at -10, 10 at -20");
        String albumGain = String.format(java.util.Locale.ROOT, "%.2f", -18 - albumA);
        assertEquals("a1,\"One, two\",Various,GB-A1B-24-00001,A,s3://inb/a/1.wav,COMPLETED,-10.00,0.00,-0.50,-0.70,"
                + "-8.00,0.944061," + String.format(java.util.Locale.ROOT, "%.2f", albumA) + "," + albumGain
                + ",0.944061,", csv.get(1));
        assertEquals("b1,Silent,Various,,B,s3://inb/b/1.wav,COMPLETED,,0.00,,,,0.000000,,,0.000000,", csv.get(3),
                "silence has no loudness or gain");

        JsonNode json = ContractJson.mapper().readTree(draft.attachments().get(1).bytes());
        assertEquals(3, json.path("songs").size());
        assertEquals(-8.0, json.path("songs").get(0).path("replayGain").path("trackGainDb").asDouble(), 1e-9);
        JsonNode a = json.path("albums").get(0);
        assertEquals("A", a.path("album").asText());
        assertEquals(2, a.path("songs").asInt());
        assertEquals(albumA, a.path("integratedLufs").asDouble(), 1e-9);
        assertEquals(-18 - albumA, a.path("replayGain").path("albumGainDb").asDouble(), 1e-9);
        assertEquals(-0.5, a.path("truePeakDbtp").asDouble(), 1e-9);
        assertEquals(-0.7, a.path("samplePeakDbfs").asDouble(), 1e-9);
        assertTrue(json.path("albums").get(1).path("integratedLufs").isNull(), json.toString());
    }
}

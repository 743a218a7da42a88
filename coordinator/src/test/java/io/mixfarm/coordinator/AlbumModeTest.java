package io.mixfarm.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.mixfarm.coordinator.SessionFlowTest.path;
import static io.mixfarm.coordinator.SessionFlowTest.song;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Album mode in two phases over the real topics: ANALYZE for every song, then — once every
 * song's measurements are in — MASTER tasks carrying one gain computed from the pooled gating
 * blocks.
 */
class AlbumModeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Songs of steady loudness -20, -10 and -35 LUFS, 100 blocks each. Pooled, the relative gate
     * (10 LU under the mean energy of 1 + 10 + 0.03 units: 0.37 units) drops the -35 song's blocks,
     * so the album is the mean of the other two: -20 + 10·log10(5.5) = -12.596 LUFS, and the gain to
     * the streaming target -14 LUFS is -1.404 dB. (Averaging the songs' loudness would give -21.7.)
     */
    static final double EXPECTED_ALBUM_LUFS = -20 + 10 * Math.log10(5.5);
    static final double EXPECTED_GAIN_DB = -14 - EXPECTED_ALBUM_LUFS;

    private static TestFarm farm;
    private static Coordinator coordinator;
    private static ApiClient api;
    private static WorkerSide worker;

    @BeforeAll
    static void start() throws Exception {
        farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "album/a.wav", TestAudio.wav(48000, 2, 0.2));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix());
        coordinator = TestFarm.startReady(settings);
        api = new ApiClient(coordinator.url());
        worker = new WorkerSide(farm, settings.kafka().topics());
    }

    @AfterAll
    static void stop() {
        worker.close();
        coordinator.close();
    }

    @Test
    void masterTasksCarryTheGainOfThePooledBlocksOnceEverySongIsAnalysed() {
        ApiClient.Answer answer = api.submitYaml(Manifests.yaml("album", true, "s3://masters/album/",
                List.of(List.of("s3://stems/album/a.wav"), List.of("s3://stems/album/a.wav"), List.of("s3://stems/album/a.wav"))));
        assertEquals(202, answer.status(), answer.toString());
        String id = answer.body().get("sessionId").asText();
        assertTrue(answer.body().get("albumMode").asBoolean());

        List<RenderTask> analyze = await(id, Phase.ANALYZE, 3);
        analyze.forEach(t -> assertNull(t.albumGainDb(), "ANALYZE carries no gain"));
        worker.accepted(analyze.get(0));
        api.await(path(id), s -> s.get("state").asText().equals("ANALYZING"), WAIT);

        worker.send(worker.analysis(SessionFlowTest.song(analyze, "song-1"), WorkerSide.steady(-20, 100, -18)));
        worker.send(worker.analysis(SessionFlowTest.song(analyze, "song-2"), WorkerSide.steady(-10, 100, -8)));
        JsonNode partial = api.await(path(id), s -> song(s, "song-2").get("state").asText().equals("WAITING"), WAIT);
        assertEquals("MASTER", song(partial, "song-1").get("phase").asText(), "waiting for the master phase");
        assertEquals(-20.0, song(partial, "song-1").get("analysis").get("integratedLufs").asDouble(), 1e-12);
        assertTrue(tasks(id, Phase.MASTER, Duration.ofMillis(300)).isEmpty(), "no MASTER before every song is analysed");

        worker.send(worker.analysis(SessionFlowTest.song(analyze, "song-3"), WorkerSide.steady(-35, 100, -33)));
        List<RenderTask> master = await(id, Phase.MASTER, 3);
        for (RenderTask t : master) {
            assertEquals(EXPECTED_GAIN_DB, t.albumGainDb(), 1e-9, t.songId());
            assertEquals(id + "/" + t.songId() + "/master/1", t.taskId());
            assertEquals(analyze.get(0).stems(), t.stems());
        }
        JsonNode rendering = api.await(path(id), s -> s.get("state").asText().equals("RENDERING"), WAIT);
        assertEquals(EXPECTED_GAIN_DB, rendering.get("album").get("gainDb").asDouble(), 1e-9);
        assertEquals(EXPECTED_ALBUM_LUFS, rendering.get("album").get("albumLufs").asDouble(), 1e-9);
        assertTrue(rendering.get("album").get("reachable").asBoolean());

        worker.send(worker.analysis(SessionFlowTest.song(analyze, "song-1"), WorkerSide.steady(-20, 100, -18)));
        assertEquals(3, tasks(id, Phase.MASTER, Duration.ofMillis(300)).size(), "a late duplicate analysis changes nothing");

        double[] outputs = {-20 + EXPECTED_GAIN_DB, -10 + EXPECTED_GAIN_DB, -35 + EXPECTED_GAIN_DB};
        for (int i = 0; i < 3; i++) {
            RenderTask t = SessionFlowTest.song(master, "song-" + (i + 1));
            worker.send(worker.completion(t, WorkerSide.steady(outputs[i], 100, -2)));
        }
        api.await(path(id), s -> s.get("state").asText().equals("COMPLETED"), WAIT);
        JsonNode report = json(farm.get(TestFarm.MASTERS, "album/album-report.json").orElseThrow());
        assertEquals(EXPECTED_GAIN_DB, report.get("album").get("gainDb").asDouble(), 1e-9);
        assertEquals(EXPECTED_ALBUM_LUFS, report.get("album").get("inputLufs").asDouble(), 1e-9);
        assertEquals(-14.0, report.get("album").get("outputLufs").asDouble(), 1e-9, "pooled masters on target");
        assertEquals(3, report.get("songs").size());
    }

    private List<RenderTask> await(String id, Phase phase, int count) {
        Instant deadline = Instant.now().plus(WAIT);
        List<RenderTask> found = List.of();
        while (Instant.now().isBefore(deadline) && found.size() < count) {
            found = tasks(id, phase, Duration.ofMillis(100));
        }
        assertEquals(count, found.size(), phase + " tasks of " + id);
        return found;
    }

    private static List<RenderTask> tasks(String id, Phase phase, Duration quiet) {
        return worker.tasksAfter(quiet).stream().filter(t -> t.sessionId().equals(id) && t.phase() == phase).toList();
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return ContractJson.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

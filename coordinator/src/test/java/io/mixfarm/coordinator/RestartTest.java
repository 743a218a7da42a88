package io.mixfarm.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.mixfarm.coordinator.SessionFlowTest.path;
import static io.mixfarm.coordinator.SessionFlowTest.song;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coordinator stopped mid-session and a new one started on the same broker: the state and the
 * progress come back from Kafka, events sent while no coordinator ran are applied, nothing
 * completed is published again, and a second coordinator fences the first.
 */
class RestartTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aNewCoordinatorRebuildsStateAndProgressAndRepublishesNothing() throws Exception {
        TestFarm farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "restart/a.wav", TestAudio.wav(48000, 2, 0.2));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix());
        List<List<String>> three = List.of(List.of("s3://stems/restart/a.wav"), List.of("s3://stems/restart/a.wav"),
                List.of("s3://stems/restart/a.wav"));
        String album;
        String single;
        List<RenderTask> analyze;
        List<RenderTask> full;
        Coordinator first = Coordinator.start(settings);
        try (WorkerSide worker = new WorkerSide(farm, settings.kafka().topics())) {
            try (first) {
                assertTrue(first.awaitReady(Duration.ofSeconds(30)));
                ApiClient api = new ApiClient(first.url());
                album = submit(api, Manifests.yaml("album", true, "s3://masters/restart/album/", three));
                single = submit(api, Manifests.yaml("single", false, "s3://masters/restart/single/", three.subList(0, 2)));
                analyze = awaitTasks(worker, album, Phase.ANALYZE, 3);
                full = awaitTasks(worker, single, Phase.FULL, 2);

                worker.accepted(song(analyze, "song-1"));
                worker.send(worker.analysis(song(analyze, "song-1"), WorkerSide.steady(-20, 100, -18)));
                worker.send(worker.analysis(song(analyze, "song-2"), WorkerSide.steady(-10, 100, -8)));
                worker.send(worker.completion(song(full, "song-1"), null));
                api.await(path(album), s -> song(s, "song-2").get("state").asText().equals("WAITING"), WAIT);
                api.await(path(single), s -> song(s, "song-1").get("state").asText().equals("COMPLETED"), WAIT);
            }
            // While no coordinator runs: the third analysis arrives.
            worker.send(worker.analysis(song(analyze, "song-3"), WorkerSide.steady(-35, 100, -33)));

            try (Coordinator second = Coordinator.start(settings)) {
                assertTrue(second.awaitReady(Duration.ofSeconds(30)));
                ApiClient api = new ApiClient(second.url());
                JsonNode singleNow = api.get(path(single)).body();
                assertEquals("RENDERING", singleNow.get("state").asText(), singleNow.toString());
                assertEquals("COMPLETED", song(singleNow, "song-1").get("state").asText());
                assertEquals("QUEUED", song(singleNow, "song-2").get("state").asText());

                List<RenderTask> master = awaitTasks(worker, album, Phase.MASTER, 3);
                for (RenderTask t : master) {
                    assertEquals(AlbumModeTest.EXPECTED_GAIN_DB, t.albumGainDb(), 1e-9,
                            "the gain pools the analyses from before the restart with the one sent while down");
                }
                JsonNode albumNow = api.await(path(album), s -> s.get("state").asText().equals("RENDERING"), WAIT);
                assertEquals(AlbumModeTest.EXPECTED_GAIN_DB, albumNow.get("album").get("gainDb").asDouble(), 1e-9);

                List<RenderTask> all = worker.tasksAfter(Duration.ofSeconds(1));
                assertEquals(3, count(all, album, Phase.ANALYZE), "no ANALYZE published again");
                assertEquals(3, count(all, album, Phase.MASTER));
                assertEquals(2, count(all, single, Phase.FULL), "the completed song is not published again");

                worker.send(worker.completion(song(full, "song-1"), null)); // a duplicate from before the restart
                worker.send(worker.completion(song(full, "song-2"), null));
                JsonNode done = api.await(path(single), s -> s.get("state").asText().equals("COMPLETED"), WAIT);
                assertEquals("song-1", song(done, "song-1").get("report").get("song").asText(),
                        "the report of a song completed before the restart is back");
                assertEquals(1, worker.sessionsTopic(m -> m instanceof SongRecord r && r.sessionId().equals(single)
                        && r.songId().equals("song-1") && r.status() == SongRecord.Status.COMPLETED).size(),
                        "recorded COMPLETED once across both coordinators");
            }
        }
    }

    @Test
    void aSecondCoordinatorFencesTheFirst() throws Exception {
        TestFarm farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "restart/b.wav", TestAudio.wav(48000, 1, 0.1));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix());
        String manifest = Manifests.yaml("fence", false, "s3://masters/restart/fence/", List.of(List.of("s3://stems/restart/b.wav")));
        try (Coordinator first = Coordinator.start(settings)) {
            assertTrue(first.awaitReady(Duration.ofSeconds(30)));
            ApiClient firstApi = new ApiClient(first.url());
            try (Coordinator second = Coordinator.start(settings)) {
                assertTrue(second.awaitReady(Duration.ofSeconds(30)));
                ApiClient.Answer refused = firstApi.post("/api/v1/sessions", "application/yaml",
                        manifest.getBytes(StandardCharsets.UTF_8));
                assertEquals(503, refused.status(), "the fenced coordinator stores nothing: " + refused);
                assertEquals(503, firstApi.get("/health/live").status(), "and says it needs a restart");
                assertFalse(first.ready());
                assertEquals(202, new ApiClient(second.url()).post("/api/v1/sessions", "application/yaml",
                        manifest.getBytes(StandardCharsets.UTF_8)).status());
            }
        }
    }

    private static String submit(ApiClient api, String manifest) {
        ApiClient.Answer answer = api.submitYaml(manifest);
        assertEquals(202, answer.status(), answer.toString());
        return answer.body().get("sessionId").asText();
    }

    private static List<RenderTask> awaitTasks(WorkerSide worker, String id, Phase phase, int count) {
        Instant deadline = Instant.now().plus(WAIT);
        List<RenderTask> found = List.of();
        while (Instant.now().isBefore(deadline) && found.size() < count) {
            found = worker.tasksAfter(Duration.ofMillis(100)).stream()
                    .filter(t -> t.sessionId().equals(id) && t.phase() == phase).toList();
        }
        assertEquals(count, found.size(), phase + " tasks of " + id);
        return found;
    }

    private static long count(List<RenderTask> tasks, String id, Phase phase) {
        return tasks.stream().filter(t -> t.sessionId().equals(id) && t.phase() == phase).count();
    }
}

package io.mixfarm.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Failure;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Task events, produced to the real events topic as a worker would, drive the session state
 * machine: completions (duplicates recorded once), retriable failures re-published with the next
 * attempt, permanent failures, retry of failed songs, cancel, and the album report at the end.
 */
class SessionFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OUT = "s3://" + TestFarm.MASTERS + "/flow/";
    private static TestFarm farm;
    private static Coordinator coordinator;
    private static ApiClient api;
    private static WorkerSide worker;

    @BeforeAll
    static void start() throws Exception {
        farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "flow/a.wav", TestAudio.wav(48000, 2, 0.2));
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
    void completionsEndTheSessionOnceAndTheAlbumReportIsWritten() {
        String id = submit("done", 2, false);
        List<RenderTask> tasks = tasksOf(id, 2);
        RenderTask first = song(tasks, "song-1");
        RenderTask second = song(tasks, "song-2");

        worker.accepted(first);
        JsonNode running = api.await(path(id), s -> s.get("state").asText().equals("RENDERING"), WAIT);
        assertEquals("RUNNING", song(running, "song-1").get("state").asText());
        assertEquals(WorkerSide.WORKER, song(running, "song-1").get("workerId").asText());

        worker.send(worker.completion(first, null));
        worker.send(worker.completion(first, null)); // delivered twice: recorded once
        api.await(path(id), s -> song(s, "song-1").get("state").asText().equals("COMPLETED"), WAIT);

        worker.send(worker.failure(second, Failure.ReasonClass.RETRIABLE, "S3 answered 503"));
        RenderTask retry = awaitTask(id, "song-2", 2);
        assertEquals(id + "/song-2/full/2", retry.taskId());
        assertEquals(second.spec(), retry.spec(), "the same song, settings and stems");
        worker.send(worker.completion(retry, null));

        JsonNode done = api.await(path(id), s -> s.get("state").asText().equals("COMPLETED"), WAIT);
        assertEquals(2, song(done, "song-2").get("attempt").asInt());
        assertEquals(2, song(done, "song-1").get("outputs").size());
        assertEquals("song-1", song(done, "song-1").get("report").get("song").asText());
        String reportUri = done.get("albumReport").asText();
        assertEquals(OUT + "done/album-report.json", reportUri);

        JsonNode report = readJson(reportUri);
        assertEquals(id, report.get("sessionId").asText());
        assertEquals(2, report.get("songs").size());
        assertEquals("COMPLETED", report.get("songs").get(0).get("state").asText());
        assertEquals("song-1", report.get("songs").get(0).get("report").get("song").asText());
        assertEquals(2, report.get("songs").get(1).get("attempts").asInt());

        assertEquals(1, completedRecords(id, "song-1"), "song-1 recorded COMPLETED exactly once");
        assertEquals(1, completedRecords(id, "song-2"));
        worker.send(worker.completion(first, null)); // very late duplicate
        assertEquals(2, worker.tasksAfter(Duration.ofMillis(500)).stream()
                .filter(t -> t.sessionId().equals(id) && t.songId().equals("song-2")).count(), "no third task");
        assertEquals(1, completedRecords(id, "song-1"));
    }

    @Test
    void aPermanentFailureFailsTheSessionAndRetryRunsOnlyTheFailedSong() {
        String id = submit("perm", 2, false);
        List<RenderTask> tasks = tasksOf(id, 2);
        worker.send(worker.completion(song(tasks, "song-1"), null));
        worker.send(worker.failure(song(tasks, "song-2"), Failure.ReasonClass.PERMANENT, "stem-1: header declares 0 channels"));

        JsonNode failed = api.await(path(id), s -> s.get("state").asText().equals("FAILED"), WAIT);
        assertTrue(song(failed, "song-2").get("error").asText().contains("header declares 0 channels"), failed.toString());
        assertTrue(failed.get("message").asText().contains("1 of 2 songs"), failed.toString());
        assertTrue(farm.get(TestFarm.MASTERS, "flow/perm/album-report.json").isPresent(), "a failed session is reported too");

        ApiClient.Answer retried = api.post(path(id) + "/retry");
        assertEquals(200, retried.status(), retried.toString());
        assertEquals(List.of("song-2"), List.of(retried.body().get("songs").get(0).asText()));
        RenderTask again = awaitTask(id, "song-2", 2);
        assertEquals(1, worker.tasks().stream().filter(t -> t.sessionId().equals(id) && t.songId().equals("song-1")).count(),
                "the completed song is not rendered again");
        worker.send(worker.completion(again, null));
        api.await(path(id), s -> s.get("state").asText().equals("COMPLETED"), WAIT);

        ApiClient.Answer nothing = api.post(path(id) + "/retry");
        assertEquals(409, nothing.status(), nothing.toString());
    }

    @Test
    void attemptsRunOutAfterMaxAttempts() {
        String id = submit("flaky", 1, false);
        RenderTask task = tasksOf(id, 1).get(0);
        int max = coordinator.settings().maxAttempts();
        for (int attempt = 1; attempt < max; attempt++) {
            worker.send(worker.failure(task, Failure.ReasonClass.RETRIABLE, "throttled"));
            task = awaitTask(id, "song-1", attempt + 1);
        }
        worker.send(worker.failure(task, Failure.ReasonClass.RETRIABLE, "throttled"));
        JsonNode failed = api.await(path(id), s -> s.get("state").asText().equals("FAILED"), WAIT);
        assertTrue(song(failed, "song-1").get("error").asText().contains("attempts ran out"), failed.toString());
        assertEquals(max, worker.tasks().stream().filter(t -> t.sessionId().equals(id)).count());
    }

    @Test
    void aDeadLetteredTaskFailsItsSongWithTheReason() {
        String id = submit("poison", 1, false);
        RenderTask task = tasksOf(id, 1).get(0);
        worker.send(worker.failure(task, Failure.ReasonClass.DEAD_LETTERED, "renderer crashed"));
        JsonNode failed = api.await(path(id), s -> s.get("state").asText().equals("FAILED"), WAIT);
        String error = song(failed, "song-1").get("error").asText();
        assertTrue(error.contains("dead-lettered") && error.contains("renderer crashed"), error);
    }

    @Test
    void cancelStopsASessionAndLaterEventsChangeNothing() {
        String id = submit("cancel", 2, false);
        List<RenderTask> tasks = tasksOf(id, 2);
        worker.send(worker.completion(song(tasks, "song-1"), null));
        api.await(path(id), s -> song(s, "song-1").get("state").asText().equals("COMPLETED"), WAIT);

        ApiClient.Answer cancelled = api.post(path(id) + "/cancel");
        assertEquals(200, cancelled.status(), cancelled.toString());
        assertEquals("CANCELLED", cancelled.body().get("session").get("state").asText());
        worker.send(worker.completion(song(tasks, "song-2"), null));
        JsonNode after = api.await(path(id), s -> s.get("state").asText().equals("CANCELLED"), WAIT);
        assertEquals("COMPLETED", song(after, "song-1").get("state").asText());
        assertEquals("CANCELLED", song(after, "song-2").get("state").asText());
        assertEquals(409, api.post(path(id) + "/cancel").status());
        assertEquals(409, api.post(path(id) + "/retry").status());
        assertEquals(404, api.post("/api/v1/sessions/nope/cancel").status());
        assertFalse(farm.get(TestFarm.MASTERS, "flow/cancel/album-report.json").isPresent());
    }

    private String submit(String name, int songs, boolean album) {
        List<List<String>> stems = java.util.stream.IntStream.range(0, songs)
                .mapToObj(i -> List.of("s3://stems/flow/a.wav")).toList();
        ApiClient.Answer answer = api.submitYaml(Manifests.yaml(name, album, OUT + name + "/", stems));
        assertEquals(202, answer.status(), answer.toString());
        return answer.body().get("sessionId").asText();
    }

    static String path(String id) {
        return "/api/v1/sessions/" + id;
    }

    private List<RenderTask> tasksOf(String id, int count) {
        java.time.Instant deadline = java.time.Instant.now().plus(WAIT);
        while (true) {
            List<RenderTask> mine = worker.tasksAfter(Duration.ofMillis(100)).stream()
                    .filter(t -> t.sessionId().equals(id)).toList();
            if (mine.size() >= count || java.time.Instant.now().isAfter(deadline)) {
                assertEquals(count, mine.size(), "tasks of " + id);
                return mine;
            }
        }
    }

    private RenderTask awaitTask(String id, String songId, int attempt) {
        java.time.Instant deadline = java.time.Instant.now().plus(WAIT);
        while (java.time.Instant.now().isBefore(deadline)) {
            for (RenderTask t : worker.tasksAfter(Duration.ofMillis(100))) {
                if (t.sessionId().equals(id) && t.songId().equals(songId) && t.attempt() == attempt) {
                    return t;
                }
            }
        }
        throw new AssertionError("no attempt " + attempt + " of " + id + "/" + songId);
    }

    static RenderTask song(List<RenderTask> tasks, String songId) {
        return tasks.stream().filter(t -> t.songId().equals(songId)).findFirst().orElseThrow();
    }

    static JsonNode song(JsonNode session, String songId) {
        for (JsonNode s : session.get("songs")) {
            if (s.get("songId").asText().equals(songId)) {
                return s;
            }
        }
        throw new AssertionError("no song " + songId + " in " + session);
    }

    private long completedRecords(String id, String songId) {
        return worker.sessionsTopic(m -> m instanceof SongRecord r && r.sessionId().equals(id) && r.songId().equals(songId)
                && r.status() == SongRecord.Status.COMPLETED).size();
    }

    private JsonNode readJson(String uri) {
        io.mixfarm.contract.S3Uri s3 = io.mixfarm.contract.S3Uri.parseObject(uri);
        byte[] bytes = farm.get(s3.bucket(), s3.key()).orElseThrow(() -> new AssertionError("no object " + uri));
        try {
            return ContractJson.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unused")
    private static boolean isPhase(RenderTask t, Phase p) {
        return t.phase() == p;
    }
}

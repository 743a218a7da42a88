package io.mixfarm.coordinator;

import io.mixfarm.contract.Failure;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coordinator's /metrics on its own port, driven by a worker side on the real topics: a
 * urgent session's songs are pending until their events arrive; one completes, one is
 * dead-lettered; refused submissions are counted by reason.
 */
class CoordinatorMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OUT = "s3://" + TestFarm.MASTERS + "/metrics/";
    private static Coordinator coordinator;
    private static ApiClient api;
    private static WorkerSide worker;

    @BeforeAll
    static void start() throws Exception {
        TestFarm farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "metrics/a.wav", TestAudio.wav(48000, 2, 0.2));
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
    void songsPendingByPriorityAndSongOutcomesAreCounted() throws Exception {
        assertTrue(coordinator.metricsPort() != coordinator.httpPort());
        String yaml = Manifests.yaml("urgent", false, OUT + "urgent/",
                List.of(List.of("s3://stems/metrics/a.wav"), List.of("s3://stems/metrics/a.wav")));
        ApiClient.Answer answer = api.post("/api/v1/sessions?priority=high", "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, answer.status(), answer.toString());
        String id = answer.body().get("sessionId").asText();
        List<RenderTask> tasks = tasksOf(id);

        String running = scrape();
        assertEquals(2, value(running, "mixfarm_songs_pending{application=\"coordinator\",priority=\"urgent\"}"));
        assertEquals(0, value(running, "mixfarm_songs_pending{application=\"coordinator\",priority=\"normal\"}"));
        assertEquals(1, value(running, "mixfarm_sessions{application=\"coordinator\",state=\"accepted\"}"));
        assertEquals(1, value(running, "mixfarm_sessions_submitted_total{application=\"coordinator\"}"));

        worker.send(worker.completion(tasks.get(0), null));
        worker.send(worker.completion(tasks.get(0), null)); // a duplicate counts once
        worker.send(worker.failure(tasks.get(1), Failure.ReasonClass.DEAD_LETTERED, "renderer crashed"));
        api.await("/api/v1/sessions/" + id, s -> s.get("state").asText().equals("FAILED"), WAIT);

        String ended = scrape();
        assertEquals(0, value(ended, "mixfarm_songs_pending{application=\"coordinator\",priority=\"urgent\"}"));
        assertEquals(1, value(ended, "mixfarm_sessions{application=\"coordinator\",state=\"failed\"}"));
        assertEquals(0, value(ended, "mixfarm_sessions{application=\"coordinator\",state=\"accepted\"}"));
        assertEquals(1, value(ended, "mixfarm_songs_completed_total{application=\"coordinator\"}"));
        assertEquals(1, value(ended, "mixfarm_songs_failed_total{application=\"coordinator\"}"));
        assertEquals(1, value(ended, "mixfarm_songs_dead_lettered_total{application=\"coordinator\"}"));
    }

    @Test
    void refusedSubmissionsAreCountedByReason() throws Exception {
        String invalid = Manifests.yaml("bad id!", false, OUT + "bad/", List.of(List.of("s3://stems/metrics/a.wav")));
        assertEquals(422, api.submitYaml(invalid).status());
        assertEquals(415, api.post("/api/v1/sessions", "image/png", new byte[] {1, 2, 3}).status());
        String text = scrape();
        assertEquals(1, value(text, "mixfarm_sessions_rejected_total{application=\"coordinator\",reason=\"invalid\"}"));
        assertEquals(1, value(text,
                "mixfarm_sessions_rejected_total{application=\"coordinator\",reason=\"unsupported_media_type\"}"));
    }

    private static String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(coordinator.metricsUrl()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(URI.create("http://127.0.0.1:" + coordinator.metricsPort() + "/metrics"), coordinator.metricsUrl());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        return r.body();
    }

    private static double value(String text, String series) {
        return text.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " not in\n" + text));
    }

    private static List<RenderTask> tasksOf(String id) {
        List<RenderTask> mine = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (mine.size() < 2 && System.nanoTime() < deadline) {
            worker.tasksAfter(Duration.ofMillis(100)).stream().filter(t -> t.sessionId().equals(id)).forEach(mine::add);
        }
        assertEquals(2, mine.size(), "tasks of " + id);
        return mine;
    }
}

package io.mixfarm.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.Completion;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.Output;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.TaskEvent;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the web dashboard needs from the coordinator: its static files (public), the farm view and
 * the songs' loudness plots (behind the API token), driven by a fake worker side.
 */
class DashboardApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "dashboard-api-token-0123456789";
    private static final String OUT = "s3://" + TestFarm.MASTERS + "/dashboard/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestFarm farm;
    private static Coordinator coordinator;
    private static ApiClient api;
    private static WorkerSide worker;

    @BeforeAll
    static void start() throws Exception {
        farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "dashboard/a.wav", TestAudio.wav(48000, 2, 0.2));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix(),
                Map.of("api-token", TOKEN, "kafka.worker-group-id", "dashboard-test-workers"));
        coordinator = TestFarm.startReady(settings);
        api = new ApiClient(coordinator.url(), TOKEN);
        worker = new WorkerSide(farm, settings.kafka().topics());
    }

    @AfterAll
    static void stop() {
        worker.close();
        coordinator.close();
    }

    @Test
    void theDashboardIsServedFromTheJarWithoutTheToken() throws Exception {
        HttpResponse<String> page = raw("/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("<title>Mixfarm</title>") && page.body().contains("/dashboard/app.js"), page.body());
        HttpResponse<String> script = raw("/dashboard/app.js", null);
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"), script.headers().toString());
        assertTrue(script.body().contains("sessionStorage"), "the token is kept per tab");
        assertEquals(200, raw("/dashboard/style.css", null).statusCode());
        assertEquals(404, raw("/dashboard/missing.js", null).statusCode());
        // no external assets: everything the page loads comes from the coordinator
        assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), page.body());
    }

    @Test
    void theFarmViewAndPlotsNeedTheToken() throws Exception {
        assertEquals(401, raw("/api/v1/farm", null).statusCode());
        assertEquals(401, raw("/api/v1/farm", "wrong-token-0123456789").statusCode());
        assertEquals(401, raw("/api/v1/sessions/x/songs/y/plot", null).statusCode());
        assertEquals(200, raw("/api/v1/farm", TOKEN).statusCode());
    }

    @Test
    void theFarmViewCountsBusySlotsQueuedTasksLagAndThroughputAndPlotsAreServedFromS3() throws Exception {
        String id = submit();
        List<RenderTask> tasks = tasksOf(id);
        RenderTask first = tasks.stream().filter(t -> t.songId().equals("song-1")).findFirst().orElseThrow();
        worker.accepted(first);
        JsonNode busy = awaitFarm(f -> f.path("stats").path("slotsBusy").asInt() == 1
                && f.path("stats").path("songsQueued").asInt() == 1);
        assertEquals(1, busy.path("stats").path("sessionsRunning").asInt(), busy.toString());
        assertEquals(1, busy.path("stats").path("activeWorkers").asInt(), busy.toString());
        // the test's worker group never committed: both tasks are behind
        assertEquals(2, busy.path("lag").asInt(), busy.toString());

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 42};
        S3Uri plot = OutputKeys.songPlot(S3Uri.parse(first.spec().outputPrefix()), "song-1", "loudness");
        farm.put(plot.bucket(), plot.key(), png);
        ObjectNode report = JsonNodeFactory.instance.objectNode().put("durationSeconds", 90.0);
        worker.send(TaskEvent.completed(first, WorkerSide.WORKER, Instant.now(), new Completion(
                List.of(new Output("plot", plot.toString(), png.length, "ab".repeat(32))), report, null)));
        JsonNode done = awaitFarm(f -> f.path("stats").path("songsCompletedInWindow").asInt() == 1);
        JsonNode stats = done.path("stats");
        assertEquals(0, stats.path("slotsBusy").asInt(), done.toString());
        double window = stats.path("windowSeconds").asDouble();
        assertEquals(60.0 / window, stats.path("songsPerMinute").asDouble(), 1e-6, done.toString());
        assertEquals(90.0 / window, stats.path("realtimeFactor").asDouble(), 1e-6, done.toString());

        HttpResponse<byte[]> image = HTTP.send(request("/api/v1/sessions/" + id + "/songs/song-1/plot", TOKEN),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, image.statusCode());
        assertEquals("image/png", image.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(png, image.body());
        HttpResponse<String> none = raw("/api/v1/sessions/" + id + "/songs/song-2/plot", TOKEN);
        assertEquals(404, none.statusCode());
        assertTrue(none.body().contains("no plot yet"), none.body());
        assertEquals(404, raw("/api/v1/sessions/" + id + "/songs/song-9/plot", TOKEN).statusCode());
        assertEquals(404, raw("/api/v1/sessions/nope/songs/song-1/plot", TOKEN).statusCode());
    }

    private static String submit() {
        ApiClient.Answer answer = api.submitYaml(Manifests.yaml("dash", false, OUT + "dash/",
                List.of(List.of("s3://stems/dashboard/a.wav"), List.of("s3://stems/dashboard/a.wav"))));
        assertEquals(202, answer.status(), answer.toString());
        return answer.body().get("sessionId").asText();
    }

    private static List<RenderTask> tasksOf(String id) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            List<RenderTask> mine = worker.tasksAfter(Duration.ofMillis(100)).stream()
                    .filter(t -> t.sessionId().equals(id)).toList();
            if (mine.size() >= 2 || Instant.now().isAfter(deadline)) {
                assertEquals(2, mine.size(), "tasks of " + id);
                return mine;
            }
        }
    }

    private static JsonNode awaitFarm(java.util.function.Predicate<JsonNode> until) {
        return api.await("/api/v1/farm", until, WAIT);
    }

    private static HttpRequest request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(coordinator.url() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static HttpResponse<String> raw(String path, String token) throws Exception {
        return HTTP.send(request(path, token), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}

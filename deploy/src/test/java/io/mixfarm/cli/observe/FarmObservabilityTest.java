package io.mixfarm.cli.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixfarm.cli.demo.ExampleAlbum;
import io.mixfarm.cli.standalone.StandaloneFarm;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.cli.submit.SessionSubmitter;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metrics and logs of a whole farm in this JVM (Kafka, S3Proxy, coordinator, two workers of one
 * slot each) rendering the three-song example album in album mode (ANALYZE then MASTER per song):
 * both kinds of endpoint are scraped before and after, and every counter and histogram moves by
 * exactly what the album implies; the logs, switched to JSON, are one parseable object per line
 * and the render's lines carry its session and song ids.
 */
@Timeout(240)
class FarmObservabilityTest {

    private static final int SONGS = 3;

    @TempDir
    static Path farmDir;
    @TempDir
    static Path albumDir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private static PrintStream originalErr;
    private static StandaloneFarm farm;
    private static String sessionId;
    private static JsonNode session;
    private static PromText coordinatorBefore;
    private static PromText coordinatorAfter;
    private static List<PromText> workersBefore;
    private static List<PromText> workersAfter;

    @BeforeAll
    static void renderTheAlbumWithJsonLogs() throws Exception {
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, logs), true, StandardCharsets.UTF_8));
        System.setProperty("mixfarm.log.format", "json");
        System.setProperty("mixfarm.log.level", "INFO");
        Configurator.reconfigure();

        farm = StandaloneFarm.start(new StandaloneFarm.Options(2, farmDir, 0, "127.0.0.1", 1));
        Path manifest = ExampleAlbum.write(albumDir, 2);
        coordinatorBefore = PromText.scrape(farm.coordinatorMetricsUrl());
        workersBefore = scrapeWorkers();
        assertEquals(400, postGarbage(), "an unreadable manifest is refused");

        CoordinatorClient coordinator = new CoordinatorClient(farm.coordinatorUrl(), farm.apiToken());
        try (S3Client s3 = farm.s3Client()) {
            sessionId = SessionSubmitter.submit(manifest, s3, StandaloneFarm.STEMS_BUCKET,
                    StandaloneFarm.MASTERS_BUCKET, coordinator, new PrintStream(OutputStream.nullOutputStream()));
        }
        session = awaitEnded(coordinator, sessionId);
        coordinatorAfter = PromText.scrape(farm.coordinatorMetricsUrl());
        workersAfter = scrapeWorkers();
    }

    @AfterAll
    static void stopFarmAndRestoreLogging() {
        try {
            if (farm != null) {
                farm.close();
            }
        } finally {
            System.clearProperty("mixfarm.log.format");
            System.clearProperty("mixfarm.log.level");
            System.setErr(originalErr);
            Configurator.reconfigure();
        }
    }

    @Test
    void workerCountersAndHistogramsMoveByExactlyTheAlbum() throws IOException {
        assertEquals("COMPLETED", session.path("state").asText(), session.toPrettyString());
        for (String phase : new String[] {"analyze", "master"}) {
            assertEquals(SONGS, workerDelta("mixfarm_tasks_started_total", "phase", phase), phase + " started");
            assertEquals(SONGS, workerDelta("mixfarm_tasks_completed_total", "phase", phase), phase + " completed");
            assertEquals(SONGS, workerDelta("mixfarm_task_duration_seconds_count", "phase", phase), phase + " timed");
            assertEquals(SONGS, workerDelta("mixfarm_task_duration_seconds_bucket", "phase", phase, "le", "+Inf"));
        }
        assertEquals(0, workerDelta("mixfarm_tasks_started_total", "phase", "full"));
        assertEquals(0, workerDelta("mixfarm_tasks_failed_total"), "no attempt failed");
        assertEquals(0, workerDelta("mixfarm_tasks_dead_lettered_total"));
        // Album mode mixes once: ANALYZE fetches, decodes, mixes, measures and uploads (its float mix
        // for MASTER); MASTER fetches that mix, masters, encodes and uploads.
        for (String stage : new String[] {"fetch", "master", "upload"}) {
            assertEquals(2 * SONGS, workerDelta("mixfarm_render_stage_seconds_count", "stage", stage), stage);
            assertEquals(2 * SONGS, workerDelta("mixfarm_render_stage_seconds_bucket", "stage", stage, "le", "+Inf"));
            assertTrue(workerDelta("mixfarm_render_stage_seconds_sum", "stage", stage) > 0, stage + " took time");
        }
        for (String stage : new String[] {"decode", "mix", "encode"}) {
            assertEquals(SONGS, workerDelta("mixfarm_render_stage_seconds_count", "stage", stage), stage);
        }

        double songSeconds = 0;
        long outputBytes = 0;
        for (JsonNode song : session.path("songs")) {
            songSeconds += song.path("report").path("durationSeconds").asDouble(Double.NaN);
            for (JsonNode output : song.path("outputs")) {
                outputBytes += output.path("bytes").asLong();
            }
        }
        assertEquals(songSeconds, workerDelta("mixfarm_audio_rendered_seconds_total"), SONGS * 0.0005,
                "audio seconds: the songs' durations as reported (rounded to 1 ms), each mixed once");
        assertTrue(outputBytes > 0);
        double mixBytes = workerDelta("mixfarm_s3_read_bytes_total") - stemBytes();
        assertTrue(mixBytes > 8 * 8000 * songSeconds, "bytes read: the stems once, then each song's "
                + "32-bit stereo float mix (at least 8 kHz): " + mixBytes);
        assertEquals(outputBytes + mixBytes + doneMarkerBytes(), workerDelta("mixfarm_s3_written_bytes_total"), 0.0,
                "bytes written: every output the songs list, the mixes MASTER read back and the done markers");
    }

    @Test
    void workerGaugesShowIdleSlotsAndTheLagOfEveryPartition() throws Exception {
        for (PromText after : workersAfter) {
            assertEquals(1, after.sum("mixfarm_render_slots"), after.text());
            assertEquals(0, after.sum("mixfarm_render_slots_busy"), "slots free again");
            assertEquals(0, after.sum("mixfarm_renders_in_flight_active_count"));
            assertEquals(0, after.sum("mixfarm_renders_in_flight_duration_seconds"));
            assertTrue(after.sum("jvm_memory_used_bytes", "application", "worker", "area", "heap") > 0);
            assertTrue(after.has("jvm_gc_pause_seconds_count") || after.has("jvm_gc_memory_allocated_bytes_total"));
            assertTrue(after.has("process_cpu_usage") && after.has("process_uptime_seconds"), "process binders");
        }
        for (URI url : farm.workerMetricsUrls().values()) {
            for (String probe : new String[] {"/health/live", "/health/ready"}) {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(url.resolve(probe)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), url.resolve(probe) + ": " + answer.body());
            }
        }
        // the lag is measured every 5 s: wait for a measurement covering every partition, all caught up
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Set<String> partitions = new HashSet<>();
            double lag = 0;
            for (PromText w : scrapeWorkers()) {
                for (PromText.Sample s : w.matching("mixfarm_task_consumer_lag")) {
                    assertTrue(partitions.add(s.labels().get("topic") + "-" + s.labels().get("partition")),
                            "each partition on one worker: " + s);
                    lag += s.value();
                }
            }
            // 12 partitions of each priority class's task topic
            if ((partitions.size() == 36 && lag == 0) || System.nanoTime() > deadline) {
                assertEquals(36, partitions.size(), "lag reported for every task partition: " + partitions);
                assertEquals(0, lag, "nothing left behind");
                break;
            }
            Thread.sleep(500);
        }
    }

    @Test
    void coordinatorCountsTheSessionItsSongsAndTheRefusal() {
        assertEquals(1, coordinatorDelta("mixfarm_sessions_submitted_total"));
        assertEquals(1, coordinatorDelta("mixfarm_sessions_rejected_total", "reason", "unreadable"));
        assertEquals(1, coordinatorDelta("mixfarm_sessions_rejected_total"), "one refusal in all");
        assertEquals(SONGS, coordinatorDelta("mixfarm_songs_completed_total"));
        assertEquals(0, coordinatorDelta("mixfarm_songs_failed_total"));
        assertEquals(0, coordinatorDelta("mixfarm_songs_dead_lettered_total"));
        assertEquals(1, coordinatorDelta("mixfarm_sessions", "state", "completed"));
        for (String state : new String[] {"accepted", "analyzing", "measuring", "rendering", "failed", "cancelled"}) {
            assertEquals(0, coordinatorAfter.sum("mixfarm_sessions", "state", state), state);
        }
        for (String priority : new String[] {"urgent", "normal", "backfill"}) {
            assertEquals(0, coordinatorAfter.sum("mixfarm_songs_pending", "priority", priority), priority);
        }
        assertTrue(coordinatorAfter.sum("jvm_memory_used_bytes", "application", "coordinator") > 0);
        for (PromText.Sample s : coordinatorAfter.matching("mixfarm_sessions")) {
            assertEquals(Set.of("application", "state"), s.labels().keySet(), "no ids as tags: " + s);
        }
    }

    @Test
    void renderLogLinesAreJsonObjectsCarryingTheSessionAndSongIds() throws IOException {
        Set<String> songIds = new HashSet<>();
        session.path("songs").forEach(song -> songIds.add(song.path("songId").asText()));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line)); // throws on a line that is not one JSON object
            }
        }
        assertFalse(lines.isEmpty(), "JSON log lines written");
        for (JsonNode line : lines) {
            for (String field : new String[] {"time", "level", "logger", "thread", "message"}) {
                assertTrue(line.hasNonNull(field), field + " in " + line);
            }
        }
        Set<String> renderedSongs = new HashSet<>();
        int actorLines = 0;
        for (JsonNode line : lines) {
            if (!sessionId.equals(line.path("sessionId").asText())) {
                continue;
            }
            assertTrue(songIds.contains(line.path("songId").asText()), "a song of the session: " + line);
            assertTrue(line.path("message").asText().contains(line.path("taskId").asText()),
                    "the line is about its task: " + line);
            if (line.path("logger").asText().endsWith("RenderPipeline")) {
                assertTrue(line.path("thread").asText().contains("blocking-dispatcher"), line.toString());
                renderedSongs.add(line.path("songId").asText() + "/" + line.path("taskId").asText());
            } else if (line.path("logger").asText().endsWith("RenderTaskActor")) {
                actorLines++;
            }
        }
        assertEquals(2 * SONGS, renderedSongs.size(), "a line of each render, on the dispatcher, with its ids");
        assertEquals(2 * SONGS, actorLines, "each task actor's completion line with its ids");
        String all = logs.toString(StandardCharsets.UTF_8);
        assertFalse(all.contains(farm.s3SecretKey()), "the S3 secret key is never logged");
    }

    private static double workerDelta(String name, String... labels) {
        double delta = 0;
        for (int i = 0; i < workersAfter.size(); i++) {
            delta += workersAfter.get(i).sum(name, labels) - workersBefore.get(i).sum(name, labels);
        }
        return delta;
    }

    private static double coordinatorDelta(String name, String... labels) {
        return coordinatorAfter.sum(name, labels) - coordinatorBefore.sum(name, labels);
    }

    private static List<PromText> scrapeWorkers() throws IOException, InterruptedException {
        List<PromText> scrapes = new ArrayList<>();
        for (URI url : farm.workerMetricsUrls().values()) {
            scrapes.add(PromText.scrape(url));
        }
        return scrapes;
    }

    /** The songs' done markers (the only objects besides the outputs and mixes a render writes). */
    private static long doneMarkerBytes() {
        try (S3Client s3 = farm.s3Client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(StandaloneFarm.MASTERS_BUCKET)).contents().stream()
                    .filter(o -> o.key().endsWith("/.mixfarm-done.json")).mapToLong(o -> o.size()).sum();
        }
    }

    private static long stemBytes() throws IOException {
        try (Stream<Path> files = Files.walk(albumDir.resolve("stems"))) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static int postGarbage() throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(farm.coordinatorUrl().resolve("/api/v1/sessions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + farm.apiToken())
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build();
        return HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static JsonNode awaitEnded(CoordinatorClient coordinator, String id) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            JsonNode view = coordinator.session(id);
            String state = view.path("state").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED") || state.equals("CANCELLED")
                    || System.nanoTime() > deadline) {
                return view;
            }
            Thread.sleep(200);
        }
    }

    /** Writes to both streams (the log lines stay visible in the test output). */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}

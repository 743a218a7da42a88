package io.mixfarm.worker.metrics;

import io.mixfarm.contract.Failure;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Progress;
import io.mixfarm.worker.task.TaskMetrics;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's meters under the Prometheus names the dashboards and alerts use, served over HTTP. */
class WorkerMetricsTest {

    @Test
    void metersAreExposedUnderTheContractNamesWithTheApplicationTag() {
        try (WorkerMetrics metrics = new WorkerMetrics(3)) {
            metrics.attemptStarted(Phase.MASTER);
            metrics.attemptCompleted(Phase.MASTER, Duration.ofMillis(700));
            metrics.attemptFailed(Failure.ReasonClass.PERMANENT);
            metrics.deadLettered();
            metrics.stageTimes(Map.of(Progress.Stage.MIX, Duration.ofSeconds(3)));
            metrics.audioRendered(2.5);
            metrics.read(1000);
            metrics.written(250);
            metrics.slotsBusy(2);
            metrics.hit(300);
            metrics.hit(200);
            metrics.miss(700);
            metrics.evicted(700);
            metrics.size(500);
            metrics.lag(Map.of(new org.apache.kafka.common.TopicPartition("mixfarm.render-tasks", 4), 7L));
            TaskMetrics.InFlight render = metrics.renderStarted();
            String text = metrics.scrape();
            render.close();
            String after = metrics.scrape();

            assertSample(text, "mixfarm_tasks_started_total{application=\"worker\",phase=\"master\"}", 1);
            assertSample(text, "mixfarm_tasks_completed_total{application=\"worker\",phase=\"master\"}", 1);
            assertSample(text, "mixfarm_tasks_completed_total{application=\"worker\",phase=\"analyze\"}", 0);
            assertSample(text, "mixfarm_tasks_failed_total{application=\"worker\",reason=\"permanent\"}", 1);
            assertSample(text, "mixfarm_tasks_dead_lettered_total{application=\"worker\"}", 1);
            assertSample(text, "mixfarm_task_duration_seconds_count{application=\"worker\",phase=\"master\"}", 1);
            assertSample(text, "mixfarm_task_duration_seconds_bucket{application=\"worker\",phase=\"master\",le=\"0.5\"}", 0);
            assertSample(text, "mixfarm_task_duration_seconds_bucket{application=\"worker\",phase=\"master\",le=\"1.0\"}", 1);
            assertSample(text, "mixfarm_render_stage_seconds_count{application=\"worker\",stage=\"mix\"}", 1);
            assertSample(text, "mixfarm_render_stage_seconds_sum{application=\"worker\",stage=\"mix\"}", 3);
            assertSample(text, "mixfarm_render_stage_seconds_bucket{application=\"worker\",stage=\"mix\",le=\"1800.0\"}", 1);
            assertSample(text, "mixfarm_audio_rendered_seconds_total{application=\"worker\"}", 2.5);
            assertSample(text, "mixfarm_s3_read_bytes_total{application=\"worker\"}", 1000);
            assertSample(text, "mixfarm_s3_written_bytes_total{application=\"worker\"}", 250);
            assertSample(text, "mixfarm_stem_cache_hits_total{application=\"worker\"}", 2);
            assertSample(text, "mixfarm_stem_cache_served_bytes_total{application=\"worker\"}", 500);
            assertSample(text, "mixfarm_stem_cache_misses_total{application=\"worker\"}", 1);
            assertSample(text, "mixfarm_stem_cache_evictions_total{application=\"worker\"}", 1);
            assertSample(text, "mixfarm_stem_cache_size_bytes{application=\"worker\"}", 500);
            assertSample(text, "mixfarm_render_slots_busy{application=\"worker\"}", 2);
            assertSample(text, "mixfarm_render_slots{application=\"worker\"}", 3);
            assertSample(text, "mixfarm_task_consumer_lag{application=\"worker\",partition=\"4\",topic=\"mixfarm.render-tasks\"}", 7);
            assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM memory bound");
            assertTrue(text.contains("process_uptime_seconds{"), "uptime bound");
            assertSample(text, "mixfarm_renders_in_flight_active_count{application=\"worker\"}", 1);
            assertSample(after, "mixfarm_renders_in_flight_active_count{application=\"worker\"}", 0);
            assertTrue(text.contains("mixfarm_renders_in_flight_duration_seconds{application=\"worker\"}"), text);
        }
    }

    @Test
    void theServerAnswersMetricsAndProbesOnAnEphemeralPort() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (MetricsServer server = MetricsServer.start(0, "/metrics", () -> "a_metric 1\n", () -> true, ready::get)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> metrics = get(http, base + "/metrics");
            assertEquals(200, metrics.statusCode());
            assertEquals("a_metric 1\n", metrics.body());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            assertEquals(200, get(http, base + "/health/live").statusCode());
            assertEquals(503, get(http, base + "/health/ready").statusCode());
            ready.set(true);
            assertEquals(200, get(http, base + "/health/ready").statusCode());
            assertEquals(404, get(http, base + "/metricsx").statusCode());
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSample(String text, String series, double expected) {
        String line = text.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(series + " not exposed in:\n" + text));
        assertEquals(expected, Double.parseDouble(line.substring(series.length() + 1).trim()), 1e-9, line);
    }
}

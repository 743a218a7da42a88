package io.mixfarm.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.cli.submit.FarmS3;
import io.mixfarm.cli.submit.SessionSubmitter;
import io.mixfarm.coordinator.Coordinator;
import io.mixfarm.coordinator.CoordinatorMain;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.embedded.EmbeddedKafka;
import io.mixfarm.embedded.EmbeddedS3;
import io.mixfarm.worker.Worker;
import io.mixfarm.worker.WorkerMain;
import io.mixfarm.worker.render.EngineSongRenderer;
import io.mixfarm.worker.render.SongRenderer;
import io.mixfarm.worker.settings.WorkerSettings;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A farm for fault tests: a real Kafka broker and S3 endpoint in this JVM, and coordinators and
 * workers started either here or as separate JVMs (so they can be killed). Workers use short
 * consumer session timeouts (a killed worker's partitions move on within seconds) and short
 * retry backoff.
 */
final class Rig implements AutoCloseable {

    static final String STEMS = "stems";
    static final String MASTERS = "masters";
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;
    private final List<AutoCloseable> started = new ArrayList<>();

    private Rig(Path dir, EmbeddedKafka kafka, EmbeddedS3 s3) {
        this.dir = dir;
        this.kafka = kafka;
        this.s3 = s3;
    }

    static Rig start(Path dir) {
        EmbeddedKafka kafka = EmbeddedKafka.startIn(dir.resolve("kafka"), 0);
        EmbeddedS3 s3;
        try {
            s3 = EmbeddedS3.startIn(dir.resolve("s3"), 0, "rig", "rig-secret-key");
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        try (S3Client client = FarmS3.client(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey())) {
            client.createBucket(b -> b.bucket(STEMS));
            client.createBucket(b -> b.bucket(MASTERS));
        }
        return new Rig(dir, kafka, s3);
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    EmbeddedS3 s3() {
        return s3;
    }

    Path dir() {
        return dir;
    }

    Path scratchDir(String workerId) {
        return dir.resolve("scratch").resolve(workerId);
    }

    S3Client s3Client() {
        return FarmS3.client(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey());
    }

    // ---- settings ----

    private Map<String, Object> s3Settings(URI endpoint) {
        Map<String, Object> c = new HashMap<>();
        c.put("s3.endpoint", endpoint.toString());
        c.put("s3.region", s3.region());
        c.put("s3.path-style", true);
        c.put("s3.access-key", s3.accessKey());
        c.put("s3.secret-key", s3.secretKey());
        return c;
    }

    Map<String, Object> coordinatorSettings(int httpPort) {
        Map<String, Object> c = s3Settings(s3.endpoint());
        c.put("http.host", "127.0.0.1");
        c.put("http.port", httpPort);
        c.put("auth.disabled", true); // the rig talks to its own coordinator on loopback
        c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        c.put("s3.output-base", "s3://" + MASTERS + "/");
        c.put("retry-base-delay", "200ms");
        c.put("metrics.port", 0); // several coordinators and workers on one host: any free port
        return c;
    }

    /** A worker with one render slot, its S3 requests to {@code s3Endpoint} (the endpoint or a proxy). */
    Map<String, Object> workerSettings(String id, URI s3Endpoint) {
        Map<String, Object> w = s3Settings(s3Endpoint);
        w.put("id", id);
        w.put("slots", 1);
        w.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        w.put("kafka.consumer.session.timeout.ms", SESSION_TIMEOUT.toMillis());
        w.put("kafka.consumer.heartbeat.interval.ms", 1000);
        w.put("scratch-dir", dir.resolve("scratch").toString());
        w.put("retry-backoff.initial", "200ms");
        w.put("retry-backoff.max", "2s");
        w.put("drain-deadline", "60s");
        w.put("metrics.port", 0);
        return w;
    }

    // ---- components in this JVM ----

    Coordinator startCoordinator() throws InterruptedException {
        Coordinator coordinator = Coordinator.start(CoordinatorSettings.withOverrides(coordinatorSettings(0)));
        started.add(coordinator);
        if (!coordinator.awaitReady(Duration.ofSeconds(120))) {
            throw new IllegalStateException("the coordinator was not ready within 120 s");
        }
        return coordinator;
    }

    Worker startWorker(String id) {
        return startWorker(id, s3.endpoint(), null);
    }

    /** A worker here; {@code renderer} null means the engine's. */
    Worker startWorker(String id, URI s3Endpoint, SongRenderer renderer) {
        return startWorker(id, s3Endpoint, renderer, Map.of());
    }

    /** A worker here with {@code extra} settings laid over the rig's. */
    Worker startWorker(String id, URI s3Endpoint, SongRenderer renderer, Map<String, ?> extra) {
        Map<String, Object> overrides = workerSettings(id, s3Endpoint);
        overrides.putAll(extra);
        WorkerSettings settings = WorkerSettings.load(overrides);
        Worker worker = Worker.start(settings, renderer != null ? renderer
                : new EngineSongRenderer(settings.renderThreads()), Clock.systemUTC());
        started.add(() -> worker.stop().toCompletableFuture().get(120, TimeUnit.SECONDS));
        return worker;
    }

    // ---- components in their own JVMs ----

    ChildJvm startWorkerProcess(String id, String maxHeap) {
        ChildJvm child = ChildJvm.start(id, WorkerMain.class.getName(), WorkerSettings.PATH,
                workerSettings(id, s3.endpoint()), dir.resolve("logs"), maxHeap);
        started.add(child);
        return child;
    }

    /** A coordinator JVM on {@code port}; returns once its API answers ready. */
    ChildJvm startCoordinatorProcess(int port, String maxHeap) throws InterruptedException {
        ChildJvm child = ChildJvm.start("coordinator", CoordinatorMain.class.getName(), CoordinatorSettings.PATH,
                coordinatorSettings(port), dir.resolve("logs"), maxHeap);
        started.add(child);
        URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
        HttpClient http = HttpClient.newHttpClient();
        await("the coordinator process answers ready", Duration.ofSeconds(120), () -> {
            if (!child.isAlive()) {
                throw new AssertionError("the coordinator process exited:\n" + child.logText());
            }
            try {
                return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return child;
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- sessions ----

    /** Uploads the manifest's stems and submits it; returns the session id. */
    String submit(Path manifest, URI coordinator) throws IOException, InterruptedException {
        try (S3Client client = s3Client()) {
            return SessionSubmitter.submit(manifest, client, STEMS, MASTERS, new CoordinatorClient(coordinator),
                    new PrintStream(OutputStream.nullOutputStream()));
        }
    }

    /** Polls the session until it is no longer running; returns its final view. */
    static JsonNode awaitEnd(URI coordinator, String sessionId, Duration timeout) throws InterruptedException {
        CoordinatorClient client = new CoordinatorClient(coordinator);
        JsonNode[] last = new JsonNode[1];
        await("session " + sessionId + " ends", timeout, () -> {
            try {
                last[0] = client.session(sessionId);
            } catch (IOException e) {
                return false;
            }
            return Set.of("COMPLETED", "FAILED", "CANCELLED").contains(last[0].path("state").asText());
        });
        return last[0];
    }

    /** Polls {@code condition} every 200 ms until true; fails after {@code timeout}. */
    static void await(String what, Duration timeout, Condition condition) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!holds(condition)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(200);
        }
    }

    private static boolean holds(Condition condition) throws InterruptedException {
        try {
            return condition.holds();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return false; // e.g. a file the condition reads is being deleted: ask again
        }
    }

    /** A condition polled by {@link #await}; an exception counts as "not yet". */
    interface Condition {
        boolean holds() throws Exception;
    }

    /** Stops what it started, newest first, then the S3 endpoint and the broker. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("rig: stopping a component failed: " + e);
            }
        }
        s3.close();
        kafka.close();
    }
}

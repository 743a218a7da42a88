package io.mixfarm.cli.standalone;

import io.mixfarm.cli.submit.FarmS3;
import io.mixfarm.coordinator.Coordinator;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.embedded.EmbeddedKafka;
import io.mixfarm.embedded.EmbeddedS3;
import io.mixfarm.worker.Worker;
import io.mixfarm.worker.settings.WorkerSettings;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole farm in one JVM: a Kafka broker and an S3 endpoint (both kept under one data directory),
 * the coordinator and N workers. Used by {@code farm standalone}, {@code farm demo} and tests.
 */
public final class StandaloneFarm implements AutoCloseable {

    /** Bucket {@code farm submit} uploads stems to. */
    public static final String STEMS_BUCKET = "stems";
    /** Bucket masters go to when a manifest names a relative output. */
    public static final String MASTERS_BUCKET = "masters";
    private static final String ACCESS_KEY = "mixfarm";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WORKER_STOP_TIMEOUT = Duration.ofSeconds(90);

    /**
     * What to start.
     *
     * @param workers    number of workers (at least 1)
     * @param dataDir    where Kafka's log ({@code kafka/}), the buckets ({@code s3/}) and the workers'
     *                   scratch space ({@code scratch/}) live
     * @param httpPort   the coordinator's API port; 0 picks a free one
     * @param httpHost   the address the API binds to
     * @param workerSlots songs each worker renders at once; 0 means one per processor
     */
    public record Options(int workers, Path dataDir, int httpPort, String httpHost, int workerSlots) {
        public Options {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, not " + workers);
            }
            if (httpPort < 0 || httpPort > 65_535) {
                throw new IllegalArgumentException("port " + httpPort + " is out of range");
            }
        }
    }

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;
    private final Coordinator coordinator;
    private final List<Worker> workers;
    private final String apiToken;
    private boolean closed;

    private StandaloneFarm(EmbeddedKafka kafka, EmbeddedS3 s3, Coordinator coordinator, List<Worker> workers,
                           String apiToken) {
        this.kafka = kafka;
        this.s3 = s3;
        this.coordinator = coordinator;
        this.workers = workers;
        this.apiToken = apiToken;
    }

    /** Starts everything and returns once the coordinator is ready; whatever started is stopped on failure. */
    public static StandaloneFarm start(Options options) throws InterruptedException {
        return start(options, Map.of(), Map.of());
    }

    /**
     * As {@link #start(Options)}, with settings laid over the coordinator's and every worker's
     * (keyed by path under {@code mixfarm.coordinator} and {@code mixfarm.worker}): for tests of
     * limits and credentials.
     */
    public static StandaloneFarm start(Options options, Map<String, ?> coordinatorSettings, Map<String, ?> workerSettings)
            throws InterruptedException {
        Path data = options.dataDir().toAbsolutePath();
        EmbeddedKafka kafka = null;
        EmbeddedS3 s3 = null;
        Coordinator coordinator = null;
        List<Worker> workers = new ArrayList<>();
        // The API wants a token even here: another local user or a web page could reach the port.
        // A test may fix the token through the settings; apiToken() then reports that one.
        Object fixedToken = coordinatorSettings.get("api-token");
        String apiToken = fixedToken != null ? fixedToken.toString() : randomSecret();
        try {
            kafka = EmbeddedKafka.startIn(data.resolve("kafka"), 0);
            s3 = EmbeddedS3.startIn(data.resolve("s3"), 0, ACCESS_KEY, randomSecret());
            createBuckets(s3);
            coordinator = Coordinator.start(coordinatorSettings(options, kafka, s3, apiToken, coordinatorSettings));
            for (int i = 1; i <= options.workers(); i++) {
                workers.add(Worker.start(workerSettings(options, "worker-" + i, kafka, s3, workerSettings)));
            }
            if (!coordinator.awaitReady(READY_TIMEOUT)) {
                throw new IllegalStateException("the coordinator was not ready within " + READY_TIMEOUT.toSeconds() + " s");
            }
            return new StandaloneFarm(kafka, s3, coordinator, workers, apiToken);
        } catch (RuntimeException | InterruptedException e) {
            new StandaloneFarm(kafka, s3, coordinator, workers, apiToken).close();
            throw e;
        }
    }

    private static Map<String, Object> s3Settings(EmbeddedS3 s3) {
        Map<String, Object> c = new HashMap<>();
        c.put("s3.endpoint", s3.endpoint().toString());
        c.put("s3.region", s3.region());
        c.put("s3.path-style", true);
        c.put("s3.access-key", s3.accessKey());
        c.put("s3.secret-key", s3.secretKey());
        return c;
    }

    private static CoordinatorSettings coordinatorSettings(Options options, EmbeddedKafka kafka, EmbeddedS3 s3,
                                                           String apiToken, Map<String, ?> overrides) {
        Map<String, Object> c = s3Settings(s3);
        c.put("http.host", options.httpHost());
        c.put("http.port", options.httpPort());
        c.put("api-token", apiToken);
        c.put("auth.disabled", false);
        c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        c.put("s3.output-base", "s3://" + MASTERS_BUCKET + "/");
        c.put("metrics.port", 0); // one JVM, several metrics endpoints: each on a free port
        c.put("s3.allowed-stem-locations", List.of("s3://" + STEMS_BUCKET + "/"));
        c.put("s3.allowed-output-locations", List.of("s3://" + MASTERS_BUCKET + "/"));
        c.putAll(overrides);
        return CoordinatorSettings.withOverrides(c);
    }

    private static WorkerSettings workerSettings(Options options, String id, EmbeddedKafka kafka, EmbeddedS3 s3,
                                                 Map<String, ?> overrides) {
        Map<String, Object> w = s3Settings(s3);
        w.put("id", id);
        w.put("slots", options.workerSlots());
        w.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        w.put("scratch-dir", options.dataDir().toAbsolutePath().resolve("scratch").toString());
        w.put("metrics.port", 0);
        w.putAll(overrides);
        return WorkerSettings.load(w);
    }

    private static void createBuckets(EmbeddedS3 s3) {
        try (S3Client client = FarmS3.client(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey())) {
            for (String bucket : List.of(STEMS_BUCKET, MASTERS_BUCKET)) {
                try {
                    client.headBucket(b -> b.bucket(bucket));
                } catch (NoSuchBucketException missing) {
                    try {
                        client.createBucket(b -> b.bucket(bucket));
                    } catch (BucketAlreadyOwnedByYouException alreadyThere) {
                        // created meanwhile: fine
                    }
                }
            }
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The bearer token the coordinator's API wants (random for each start). */
    public String apiToken() {
        return apiToken;
    }

    /** {@code http://host:port} of the coordinator's API. */
    public URI coordinatorUrl() {
        return coordinator.url();
    }

    /** The broker's bootstrap servers. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The coordinator's Prometheus endpoint. */
    public URI coordinatorMetricsUrl() {
        return coordinator.metricsUrl();
    }

    /** Each worker's Prometheus endpoint, by worker id, in start order. */
    public Map<String, URI> workerMetricsUrls() {
        Map<String, URI> urls = new java.util.LinkedHashMap<>();
        for (Worker w : workers) {
            urls.put(w.id(), URI.create("http://127.0.0.1:" + w.metricsPort() + w.settings().metrics().path()));
        }
        return urls;
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    public String s3Region() {
        return s3.region();
    }

    public String s3AccessKey() {
        return s3.accessKey();
    }

    public String s3SecretKey() {
        return s3.secretKey();
    }

    public List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** A client of the farm's S3 endpoint; the caller closes it. */
    public S3Client s3Client() {
        return FarmS3.client(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey());
    }

    /**
     * Stops in dependency order: the workers drain (in-flight renders finish or go back to Kafka),
     * then the coordinator, the S3 endpoint and the broker. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        var stops = workers.stream().map(w -> w.stop().toCompletableFuture()).toList();
        for (var stop : stops) {
            try {
                stop.get(WORKER_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("A worker did not stop cleanly: " + e);
            }
        }
        if (coordinator != null) {
            coordinator.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}

package io.mixfarm.worker.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything a worker is configured with, read once at start from {@code mixfarm.worker} (see
 * the module's reference.conf for defaults and the environment variables that override them).
 *
 * @param workerId         this worker's name: events, logs and its static group membership
 * @param slots            songs rendered at once
 * @param renderThreads    threads one mixdown uses
 * @param maxAttempts      attempts at a delivered task before it is dead-lettered
 * @param retryBackoff     wait between attempts
 * @param progressInterval least time between two PROGRESS events of a task
 * @param scratchDir       root of the per-task scratch directories ({@code <root>/<workerId>/...})
 * @param stemCacheMaxBytes bound of the worker's stem cache beside its scratch directory; 0: no cache
 * @param drainDeadline    how long a shutdown lets in-flight renders finish
 * @param metrics          the port of /metrics and the health probes
 */
public record WorkerSettings(
        String workerId,
        int slots,
        int renderThreads,
        int maxAttempts,
        RetryBackoff retryBackoff,
        Duration progressInterval,
        Path scratchDir,
        long stemCacheMaxBytes,
        Duration drainDeadline,
        KafkaSettings kafka,
        S3Settings s3,
        MetricsSettings metrics) {

    /** The configuration section the worker reads. */
    public static final String PATH = "mixfarm.worker";

    /** Settings from the application's configuration (application.conf, -D, environment). */
    public static WorkerSettings load() {
        return fromConfig(ConfigFactory.load());
    }

    /**
     * Settings from the application's configuration with {@code overrides} laid over it; keys are
     * relative to {@value #PATH}, e.g. {@code "kafka.bootstrap-servers"}, {@code "s3.endpoint"},
     * {@code "id"} (standalone mode starts several workers this way).
     */
    public static WorkerSettings load(Map<String, ?> overrides) {
        Map<String, Object> full = new HashMap<>();
        overrides.forEach((key, value) -> full.put(PATH + "." + key, value));
        return fromConfig(ConfigFactory.parseMap(full).withFallback(ConfigFactory.load()));
    }

    /**
     * Settings from {@code config}'s {@value #PATH} section, validated.
     *
     * @throws WorkerSettingsException listing every problem, each with its configuration path
     */
    public static WorkerSettings fromConfig(Config config) {
        return new SettingsReader(config).read();
    }

    /** The same settings under another worker id (several workers in one JVM). */
    public WorkerSettings withWorkerId(String id) {
        return new WorkerSettings(id, slots, renderThreads, maxAttempts, retryBackoff, progressInterval, scratchDir,
                stemCacheMaxBytes, drainDeadline, kafka, s3, metrics);
    }

    /** The same settings with another drain deadline. */
    public WorkerSettings withDrainDeadline(Duration deadline) {
        return new WorkerSettings(workerId, slots, renderThreads, maxAttempts, retryBackoff, progressInterval,
                scratchDir, stemCacheMaxBytes, deadline, kafka, s3, metrics);
    }

    /** The same settings with other Kafka settings. */
    public WorkerSettings withKafka(KafkaSettings other) {
        return new WorkerSettings(workerId, slots, renderThreads, maxAttempts, retryBackoff, progressInterval,
                scratchDir, stemCacheMaxBytes, drainDeadline, other, s3, metrics);
    }

    /**
     * This worker's stem cache, {@code <scratchDir>/.stem-cache-<workerId>}: beside its scratch
     * directory (on the same volume, so tasks get hard links), under a name no worker id can take.
     */
    public Path stemCacheDir() {
        return scratchDir.resolve(".stem-cache-" + workerId);
    }

    /** This worker's own scratch directory, {@code <scratchDir>/<workerId>}. */
    public Path workerScratchDir() {
        return scratchDir.resolve(workerId);
    }
}

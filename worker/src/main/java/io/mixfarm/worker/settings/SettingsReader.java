package io.mixfarm.worker.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import io.mixfarm.contract.Topics;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads {@link WorkerSettings} field by field, collecting every problem (missing, wrong type,
 * out of range) with its full path instead of stopping at the first.
 */
final class SettingsReader {

    // A worker id names a directory and a Kafka group.instance.id; Kubernetes pod names fit.
    private static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    // Consumer settings the KIP-848 protocol refuses (the broker decides them).
    private static final List<String> CLASSIC_ONLY =
            List.of("partition.assignment.strategy", "session.timeout.ms", "heartbeat.interval.ms");

    private final Config root;
    private final List<String> problems = new ArrayList<>();

    SettingsReader(Config config) {
        this.root = config;
    }

    WorkerSettings read() {
        if (!root.hasPath(WorkerSettings.PATH)) {
            throw new WorkerSettingsException(List.of(WorkerSettings.PATH + ": section missing (is the worker's reference.conf on the classpath?)"));
        }
        String workerId = workerId();
        int slots = get("slots", () -> cfg().getInt("slots"), 0);
        if (slots == 0) {
            slots = Runtime.getRuntime().availableProcessors();
        }
        check(slots >= 1 && slots <= 1024, "slots", "is " + slots + "; expected 1 to 1024 (0 means one per processor)");
        int renderThreads = get("render-threads", () -> cfg().getInt("render-threads"), 1);
        check(renderThreads >= 1 && renderThreads <= 256, "render-threads", "is " + renderThreads + "; expected 1 to 256");
        int maxAttempts = get("max-attempts", () -> cfg().getInt("max-attempts"), 1);
        check(maxAttempts >= 1 && maxAttempts <= 100, "max-attempts", "is " + maxAttempts + "; expected 1 to 100");
        RetryBackoff backoff = backoff();
        Duration progress = positive("progress-interval");
        Path scratch = scratchDir();
        long stemCache = get("stem-cache.max-bytes", () -> cfg().getBytes("stem-cache.max-bytes"), 0L);
        check(stemCache >= 0, "stem-cache.max-bytes", "is " + stemCache + " bytes; expected 0 (no cache) or more");
        Duration drain = positive("drain-deadline");
        KafkaSettings kafka = kafka();
        S3Settings s3 = s3();
        MetricsSettings metrics = metrics();
        if (!problems.isEmpty()) {
            throw new WorkerSettingsException(problems);
        }
        return new WorkerSettings(workerId, slots, renderThreads, maxAttempts, backoff, progress, scratch, stemCache,
                drain, kafka, s3, metrics);
    }

    private Config cfg() {
        return root.getConfig(WorkerSettings.PATH);
    }

    private String workerId() {
        String id = get("id", () -> cfg().getString("id"), "");
        if (id.isBlank()) {
            id = hostName();
        }
        check(WORKER_ID.matcher(id).matches(), "id", "\"" + id + "\" is not a usable worker id "
                + "(1 to 253 letters, digits, '.', '_' or '-', starting with a letter or digit)");
        return id;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }

    private RetryBackoff backoff() {
        Duration initial = positive("retry-backoff.initial");
        Duration max = positive("retry-backoff.max");
        if (initial == null || max == null) {
            return null;
        }
        try {
            return new RetryBackoff(initial, max);
        } catch (IllegalArgumentException e) {
            problems.add(WorkerSettings.PATH + "." + e.getMessage());
            return null;
        }
    }

    private Path scratchDir() {
        String dir = get("scratch-dir", () -> cfg().getString("scratch-dir"), "");
        if (dir.isBlank()) {
            check(false, "scratch-dir", "is empty; give a local directory");
            return null;
        }
        try {
            return Path.of(dir).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            check(false, "scratch-dir", "\"" + dir + "\" is not a path: " + e.getMessage());
            return null;
        }
    }

    private KafkaSettings kafka() {
        String servers = get("kafka.bootstrap-servers", () -> cfg().getString("kafka.bootstrap-servers"), "");
        check(!servers.isBlank(), "kafka.bootstrap-servers", "is empty; give host:port[,host:port...]");
        String group = get("kafka.group-id", () -> cfg().getString("kafka.group-id"), "");
        check(!group.isBlank(), "kafka.group-id", "is empty");
        KafkaSettings.GroupProtocol protocol = groupProtocol();
        Topics topics = topics();
        boolean create = get("kafka.create-topics", () -> cfg().getBoolean("kafka.create-topics"), true);
        Duration poll = positive("kafka.poll-timeout");
        Map<String, String> client = properties("kafka.client");
        Map<String, String> consumer = properties("kafka.consumer");
        if (protocol == KafkaSettings.GroupProtocol.CONSUMER) {
            for (String key : CLASSIC_ONLY) {
                check(!client.containsKey(key) && !consumer.containsKey(key), "kafka.consumer." + key,
                        "applies to group-protocol classic only; the consumer protocol takes it from the broker");
            }
        }
        return new KafkaSettings(servers, group, protocol, topics, create, poll, client, consumer,
                properties("kafka.producer"));
    }

    private KafkaSettings.GroupProtocol groupProtocol() {
        String value = get("kafka.group-protocol", () -> cfg().getString("kafka.group-protocol"), "classic");
        try {
            return KafkaSettings.GroupProtocol.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            check(false, "kafka.group-protocol", "is \"" + value + "\"; expected classic or consumer");
            return KafkaSettings.GroupProtocol.CLASSIC;
        }
    }

    private Topics topics() {
        String prefix = get("kafka.topics.prefix", () -> cfg().getString("kafka.topics.prefix"), "mixfarm");
        int partitions = get("kafka.topics.partitions", () -> cfg().getInt("kafka.topics.partitions"), 1);
        int replication = get("kafka.topics.replication-factor",
                () -> cfg().getInt("kafka.topics.replication-factor"), 1);
        check(replication >= 1 && replication <= Short.MAX_VALUE, "kafka.topics.replication-factor",
                "is " + replication + "; expected at least 1");
        try {
            return Topics.withPrefix(prefix, partitions, (short) Math.max(1, Math.min(replication, Short.MAX_VALUE)));
        } catch (IllegalArgumentException e) {
            check(false, "kafka.topics", e.getMessage());
            return null;
        }
    }

    private Map<String, String> properties(String path) {
        Map<String, String> props = new TreeMap<>();
        Config client = get(path, () -> cfg().getConfig(path), null);
        if (client == null) {
            return props;
        }
        for (Map.Entry<String, ConfigValue> e : client.entrySet()) {
            // HOCON reads "security.protocol" unquoted as a path; the full dotted key is the name.
            String key = e.getKey().replace("\"", "");
            props.put(key, String.valueOf(e.getValue().unwrapped()));
        }
        return props;
    }

    private S3Settings s3() {
        String endpointText = get("s3.endpoint", () -> cfg().getString("s3.endpoint"), "");
        URI endpoint = null;
        if (!endpointText.isBlank()) {
            try {
                endpoint = URI.create(endpointText.trim());
                check(endpoint.getScheme() != null && endpoint.getHost() != null
                        && (endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https")),
                        "s3.endpoint", "\"" + endpointText + "\" is not an http(s)://host[:port] URL");
            } catch (IllegalArgumentException e) {
                check(false, "s3.endpoint", "\"" + endpointText + "\" is not a URL: " + e.getMessage());
                endpoint = null;
            }
        }
        String region = get("s3.region", () -> cfg().getString("s3.region"), "");
        check(!region.isBlank(), "s3.region", "is empty");
        boolean pathStyle = get("s3.path-style", () -> cfg().getBoolean("s3.path-style"), false);
        String access = get("s3.access-key", () -> cfg().getString("s3.access-key"), "");
        String secret = get("s3.secret-key", () -> cfg().getString("s3.secret-key"), "");
        check(access.isBlank() == secret.isBlank(), "s3.access-key",
                "and s3.secret-key go together: set both for static credentials, neither for the default chain");
        long part = get("s3.part-size", () -> cfg().getBytes("s3.part-size"), 1L);
        check(part >= 64 * 1024 && part <= 1L << 32, "s3.part-size", "is " + part + " bytes; expected 64 KiB to 4 GiB");
        int concurrency = get("s3.download-concurrency", () -> cfg().getInt("s3.download-concurrency"), 1);
        check(concurrency >= 1 && concurrency <= 64, "s3.download-concurrency", "is " + concurrency + "; expected 1 to 64");
        long threshold = get("s3.multipart-threshold", () -> cfg().getBytes("s3.multipart-threshold"),
                S3Settings.MIN_UPLOAD_PART);
        check(threshold >= S3Settings.MIN_UPLOAD_PART, "s3.multipart-threshold",
                "is " + threshold + " bytes; S3 parts are at least 5 MiB");
        long maxStem = get("s3.max-stem-bytes", () -> cfg().getBytes("s3.max-stem-bytes"), Long.MAX_VALUE);
        check(maxStem >= 1024, "s3.max-stem-bytes", "is " + maxStem + " bytes; expected at least 1 KiB");
        return new S3Settings(endpoint, region, pathStyle, access.isBlank() ? null : access,
                secret.isBlank() ? null : secret, part, concurrency, threshold, maxStem);
    }

    private MetricsSettings metrics() {
        int port = get("metrics.port", () -> cfg().getInt("metrics.port"), 0);
        check(port >= 0 && port <= 65_535, "metrics.port", "is " + port + "; expected 0 (any free port) to 65535");
        String path = get("metrics.path", () -> cfg().getString("metrics.path"), "/metrics");
        check(path.startsWith("/") && path.length() > 1 && !path.startsWith("/health/"), "metrics.path",
                "is \"" + path + "\"; expected an absolute path such as /metrics, outside /health/");
        return new MetricsSettings(port, path);
    }

    private Duration positive(String path) {
        Duration d = get(path, () -> cfg().getDuration(path), null);
        if (d != null && (d.isNegative() || d.isZero())) {
            check(false, path, "is " + d + "; it must be positive");
            return null;
        }
        return d;
    }

    /** The value, or {@code fallback} after recording why it could not be read. */
    private <T> T get(String path, Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (ConfigException.Missing e) {
            problems.add(WorkerSettings.PATH + "." + path + ": missing");
        } catch (ConfigException e) {
            // e.g. "hardcoded value: slots has type STRING rather than NUMBER"
            problems.add(WorkerSettings.PATH + "." + path + ": " + e.getMessage());
        }
        return fallback;
    }

    private void check(boolean ok, String path, String problem) {
        if (!ok) {
            problems.add(WorkerSettings.PATH + "." + path + ": " + problem);
        }
    }
}

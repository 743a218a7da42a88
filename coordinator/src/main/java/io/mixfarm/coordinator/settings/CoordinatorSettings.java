package io.mixfarm.coordinator.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.Topics;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the coordinator is configured with, read from Typesafe Config under
 * {@code mixfarm.coordinator} (defaults and environment overrides in {@code reference.conf}) and
 * validated at start: every problem is reported at once with its config path.
 *
 * @param apiToken       the bearer token the API requires; empty only when authentication is off
 * @param authDisabled   the API takes requests without a token (set explicitly, for a farm on localhost)
 * @param limits         what one submission may ask for, checked before any stem is read
 * @param maxAttempts    attempts of one task before its song fails
 * @param retryBaseDelay delay before the second attempt; doubles with each further attempt
 * @param retryMaxDelay  the longest delay between attempts
 * @param metrics        where Prometheus scrapes the coordinator
 */
public record CoordinatorSettings(
        Http http,
        Optional<Secret> apiToken,
        boolean authDisabled,
        Limits limits,
        Kafka kafka,
        S3 s3,
        Probe probe,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        Metrics metrics) {

    /** Where the settings live in the configuration tree. */
    public static final String PATH = "mixfarm.coordinator";
    /** Largest manifest the API may be configured to take (its session record must fit on Kafka). */
    public static final long MAX_MANIFEST_BYTES = 12L * 1024 * 1024;

    /**
     * @param port             0 binds a free port (see {@code Coordinator.httpPort()})
     * @param maxManifestBytes largest request body of a session submission
     * @param bodyTimeout      time allowed to receive a body
     * @param askTimeout       time allowed for answers from the state actor
     */
    public record Http(String host, int port, long maxManifestBytes, Duration bodyTimeout, Duration askTimeout) {
    }

    /**
     * @param createTopics     create missing topics at start
     * @param transactionalId  the id that makes this coordinator the farm's only writer of state
     * @param clientProperties extra properties for every Kafka client (TLS, SASL); values hidden in toString
     * @param replayMargin     how much earlier than the oldest running session events are re-read
     * @param workerGroupId    the workers' consumer group, whose lag on the tasks topic the farm view shows
     */
    public record Kafka(String bootstrapServers, Topics topics, boolean createTopics, String transactionalId,
                        Map<String, String> clientProperties, Duration replayMargin, String workerGroupId) {

        public Kafka {
            clientProperties = Map.copyOf(clientProperties);
        }

        @Override
        public String toString() {
            return "Kafka[bootstrapServers=" + bootstrapServers + ", topics=" + topics + ", createTopics=" + createTopics
                    + ", transactionalId=" + transactionalId + ", clientProperties=" + new TreeMap<>(clientProperties).keySet()
                    + ", replayMargin=" + replayMargin + ", workerGroupId=" + workerGroupId + "]";
        }
    }

    /**
     * @param endpoint   empty for AWS's endpoint of the region
     * @param accessKey  empty (with secretKey) for the AWS default credentials chain
     * @param outputBase where a manifest's relative output directory is placed
     * @param stemLocations   buckets or prefixes stems may be read from; empty: any bucket
     * @param outputLocations buckets or prefixes outputs may be written under; empty: under the output
     *                        base when one is set, else anywhere
     */
    public record S3(Optional<URI> endpoint, String region, boolean pathStyle, Optional<String> accessKey,
                     Optional<Secret> secretKey, Optional<S3Uri> outputBase, List<S3Uri> stemLocations,
                     List<S3Uri> outputLocations) {

        public S3 {
            stemLocations = List.copyOf(stemLocations);
            outputLocations = List.copyOf(outputLocations);
        }
    }

    /**
     * What one submission may ask for; all checked at admission, before any stem is downloaded.
     *
     * @param maxSongs        songs per session
     * @param maxStemsPerSong stems per song
     * @param maxStemDuration the longest stem, from its header
     * @param maxStemBytes    the largest stem file, from HEAD (workers refuse larger ones too)
     */
    public record Limits(int maxSongs, int maxStemsPerSong, Duration maxStemDuration, long maxStemBytes) {
    }

    /**
     * @param port 0 binds a free port (see {@code Coordinator.metricsPort()}); the address is the API's host
     * @param path where the Prometheus text is served
     */
    public record Metrics(int port, String path) {
    }

    /**
     * @param parallelism    stems probed at once
     * @param chunkBytes     bytes per ranged GET
     * @param maxHeaderBytes most bytes read from one stem
     */
    public record Probe(int parallelism, int chunkBytes, int maxHeaderBytes) {
    }

    /** The settings of {@code ConfigFactory.load()}: reference.conf, application.conf, system properties. */
    public static CoordinatorSettings load() {
        return fromConfig(ConfigFactory.load());
    }

    /**
     * The defaults with {@code overrides} laid over them, keyed by path under {@value #PATH}
     * (e.g. {@code "kafka.bootstrap-servers"}, {@code "http.port"}): for standalone mode and tests.
     *
     * @throws SettingsException listing every problem
     */
    public static CoordinatorSettings withOverrides(Map<String, ?> overrides) {
        Map<String, Object> prefixed = new java.util.HashMap<>();
        overrides.forEach((k, v) -> prefixed.put(PATH + "." + k, v));
        return fromConfig(ConfigFactory.parseMap(prefixed).withFallback(ConfigFactory.load()));
    }

    /**
     * The settings under {@value #PATH} of {@code config}, which must include the defaults
     * (e.g. {@code overrides.withFallback(ConfigFactory.load())}).
     *
     * @throws SettingsException listing every problem
     */
    public static CoordinatorSettings fromConfig(Config config) {
        Reader r = new Reader(config.getConfig(PATH));
        CoordinatorSettings settings = r.read();
        if (!r.problems.isEmpty()) {
            throw new SettingsException(r.problems);
        }
        return settings;
    }

    /** Reads each setting once, collecting problems instead of stopping at the first. */
    private static final class Reader {
        private final Config c;
        private final List<String> problems = new ArrayList<>();

        Reader(Config c) {
            this.c = c;
        }

        CoordinatorSettings read() {
            Http http = new Http(text("http.host", "0.0.0.0"), intIn("http.port", 0, 65_535, 8080),
                    bytesIn("http.max-manifest-bytes", 1024, MAX_MANIFEST_BYTES, 10L << 20),
                    positive("http.body-timeout"), positive("http.ask-timeout"));
            String token = c.hasPath("api-token") ? c.getString("api-token").trim() : "";
            Optional<Secret> apiToken = token.isEmpty() ? Optional.empty() : Optional.of(Secret.of(token));
            if (!token.isEmpty() && token.length() < 16) {
                problems.add(PATH + ".api-token: " + token.length() + " characters; use at least 16");
            }
            boolean authDisabled = bool("auth.disabled");
            if (token.isEmpty() && !authDisabled) {
                problems.add(PATH + ".api-token: is empty; the API requires a bearer token (set api-token or "
                        + "MIXFARM_API_TOKEN, at least 16 characters; only a farm on localhost may set auth.disabled = true)");
            } else if (!token.isEmpty() && authDisabled) {
                problems.add(PATH + ".auth.disabled: is true but api-token is set; choose one");
            }
            int maxAttempts = intIn("max-attempts", 1, 100, 3);
            Duration base = nonNegative("retry-base-delay");
            Duration max = nonNegative("retry-max-delay");
            if (max.compareTo(base) < 0) {
                problems.add(PATH + ".retry-max-delay: " + max + " is shorter than retry-base-delay " + base);
            }
            return new CoordinatorSettings(http, apiToken, authDisabled, limits(), kafka(), s3(), probe(), maxAttempts,
                    base, max, metrics(http));
        }

        private Limits limits() {
            int songs = intIn("limits.max-songs", 1, io.mixfarm.manifest.ManifestValidator.MAX_SONGS, 10_000);
            int stems = intIn("limits.max-stems-per-song", 1, io.mixfarm.manifest.ManifestValidator.MAX_STEMS, 200);
            Duration duration = positive("limits.max-stem-duration");
            long bytes = bytesIn("limits.max-stem-bytes", 1024, Long.MAX_VALUE, 8L << 30);
            return new Limits(songs, stems, duration, bytes);
        }

        private Kafka kafka() {
            String bootstrap = text("kafka.bootstrap-servers", "localhost:9092");
            String prefix = text("kafka.topics.prefix", "mixfarm");
            int partitions = intIn("kafka.topics.partitions", 1, 10_000, Topics.DEFAULT_PARTITIONS);
            int replication = intIn("kafka.topics.replication-factor", 1, Short.MAX_VALUE, 1);
            Topics topics = Topics.defaults();
            try {
                topics = Topics.withPrefix(prefix, partitions, (short) replication);
            } catch (IllegalArgumentException e) {
                problems.add(PATH + ".kafka.topics.prefix: " + e.getMessage());
            }
            String txId = c.getString("kafka.transactional-id");
            Map<String, String> client = new TreeMap<>();
            for (Map.Entry<String, ConfigValue> e : c.getConfig("kafka.client-properties").entrySet()) {
                // A quoted key ("security.protocol" = ...) comes back as a quoted path: the name is the unquoted path.
                client.put(String.join(".", ConfigUtil.splitPath(e.getKey())), String.valueOf(e.getValue().unwrapped()));
            }
            return new Kafka(bootstrap, topics, bool("kafka.topics.create"), txId.isBlank() ? prefix + ".coordinator" : txId,
                    client, nonNegative("kafka.replay-margin"), text("kafka.worker-group-id", "mixfarm-workers"));
        }

        private Metrics metrics(Http http) {
            int port = intIn("metrics.port", 0, 65_535, 9404);
            if (port != 0 && port == http.port()) {
                problems.add(PATH + ".metrics.port: " + port + " is the API's port too; give the metrics their own");
            }
            String path = text("metrics.path", "/metrics");
            if (!path.startsWith("/") || path.length() < 2 || path.startsWith("/api/") || path.startsWith("/health/")) {
                problems.add(PATH + ".metrics.path: \"" + path + "\" is not an absolute path such as /metrics");
            }
            return new Metrics(port, path);
        }

        private S3 s3() {
            Optional<URI> endpoint = optional("s3.endpoint").flatMap(this::endpoint);
            Optional<String> access = optional("s3.access-key");
            Optional<Secret> secret = optional("s3.secret-key").map(Secret::of);
            if (access.isPresent() != secret.isPresent()) {
                problems.add(PATH + ".s3: give both access-key and secret-key, or neither (default credentials chain)");
            }
            Optional<S3Uri> base = optional("s3.output-base").flatMap(text -> {
                try {
                    return Optional.of(S3Uri.parse(text));
                } catch (IllegalArgumentException e) {
                    problems.add(PATH + ".s3.output-base: " + e.getMessage());
                    return Optional.empty();
                }
            });
            return new S3(endpoint, text("s3.region", "us-east-1"), bool("s3.path-style"), access, secret, base,
                    locations("s3.allowed-stem-locations"), locations("s3.allowed-output-locations"));
        }

        /** A list of s3://bucket or s3://bucket/prefix/ locations; a prefix is taken to end in '/'. */
        private List<S3Uri> locations(String path) {
            List<S3Uri> locations = new ArrayList<>();
            List<String> texts;
            try {
                texts = c.getStringList(path);
            } catch (ConfigException e) {
                problems.add(PATH + "." + path + ": " + e.getMessage());
                return locations;
            }
            for (String text : texts) {
                try {
                    S3Uri uri = S3Uri.parse(text.trim());
                    Optional<String> unsafe = io.mixfarm.manifest.SafeKeys.problem(uri.key());
                    if (unsafe.isPresent()) {
                        problems.add(PATH + "." + path + ": \"" + text + "\": " + unsafe.get());
                    } else {
                        locations.add(uri.key().isEmpty() || uri.key().endsWith("/") ? uri : new S3Uri(uri.bucket(), uri.key() + "/"));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(PATH + "." + path + ": " + e.getMessage());
                }
            }
            return locations;
        }

        private Probe probe() {
            int chunk = (int) bytesIn("probe.chunk-bytes", 1024, 16L << 20, 64 << 10);
            int max = (int) bytesIn("probe.max-header-bytes", 1024, 64L << 20, 4 << 20);
            if (max < chunk) {
                problems.add(PATH + ".probe.max-header-bytes: " + max + " is below chunk-bytes " + chunk);
            }
            return new Probe(intIn("probe.parallelism", 1, 256, 16), chunk, max);
        }

        private Optional<URI> endpoint(String text) {
            try {
                URI uri = URI.create(text);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            problems.add(PATH + ".s3.endpoint: \"" + text + "\" is not an http:// or https:// URL");
            return Optional.empty();
        }

        private Optional<String> optional(String path) {
            String value = c.hasPath(path) ? c.getString(path).trim() : "";
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        private String text(String path, String fallback) {
            try {
                String value = c.getString(path).trim();
                if (!value.isEmpty()) {
                    return value;
                }
                problems.add(PATH + "." + path + ": is empty");
            } catch (ConfigException e) {
                problems.add(PATH + "." + path + ": " + e.getMessage());
            }
            return fallback;
        }

        private boolean bool(String path) {
            try {
                return c.getBoolean(path);
            } catch (ConfigException e) {
                problems.add(PATH + "." + path + ": " + e.getMessage());
                return false;
            }
        }

        private int intIn(String path, int min, int max, int fallback) {
            try {
                int value = c.getInt(path);
                if (value >= min && value <= max) {
                    return value;
                }
                problems.add(PATH + "." + path + ": " + value + " is outside " + min + ".." + max);
            } catch (ConfigException e) {
                problems.add(PATH + "." + path + ": " + e.getMessage());
            }
            return fallback;
        }

        private long bytesIn(String path, long min, long max, long fallback) {
            try {
                long value = c.getBytes(path);
                if (value >= min && value <= max) {
                    return value;
                }
                problems.add(PATH + "." + path + ": " + value + " bytes is outside " + min + ".." + max);
            } catch (ConfigException e) {
                problems.add(PATH + "." + path + ": " + e.getMessage());
            }
            return fallback;
        }

        private Duration positive(String path) {
            Duration d = nonNegative(path);
            if (d.isZero()) {
                problems.add(PATH + "." + path + ": must be longer than 0");
                return Duration.ofSeconds(1);
            }
            return d;
        }

        private Duration nonNegative(String path) {
            try {
                Duration d = c.getDuration(path);
                if (!d.isNegative()) {
                    return d;
                }
                problems.add(PATH + "." + path + ": " + d + " is negative");
            } catch (ConfigException e) {
                problems.add(PATH + "." + path + ": " + e.getMessage());
            }
            return Duration.ZERO;
        }
    }
}

package io.mixfarm.coordinator;

import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.embedded.EmbeddedKafka;
import io.mixfarm.embedded.EmbeddedS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real Kafka broker and one real S3 endpoint for every test of the module (started on first
 * use, stopped when the JVM ends), and settings that give each test its own topics.
 */
public final class TestFarm {

    public static final String STEMS = "stems";
    public static final String MASTERS = "masters";
    public static final int PARTITIONS = 4;

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static TestFarm shared;

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;
    private final S3Client client;

    private TestFarm(EmbeddedKafka kafka, EmbeddedS3 s3, S3Client client) {
        this.kafka = kafka;
        this.s3 = s3;
        this.client = client;
    }

    /** The shared S3 endpoint with another broker (a test that stops its broker). */
    public static TestFarm withKafka(EmbeddedKafka other) {
        TestFarm shared = get();
        return new TestFarm(other, shared.s3, shared.client);
    }

    private TestFarm() {
        kafka = EmbeddedKafka.startTemporary();
        s3 = EmbeddedS3.startInMemory();
        client = S3Client.builder()
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
        client.createBucket(b -> b.bucket(STEMS));
        client.createBucket(b -> b.bucket(MASTERS));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            s3.close();
            kafka.close();
        }));
    }

    public static synchronized TestFarm get() {
        if (shared == null) {
            shared = new TestFarm();
        }
        return shared;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** The S3 endpoint itself, for tests that take it away (restart it on the same port). */
    public EmbeddedS3 s3Server() {
        return s3;
    }

    public S3Client s3() {
        return client;
    }

    /** A topic prefix no other test uses. */
    public static String freshPrefix() {
        return "t" + NEXT.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** Coordinator settings on this farm, with its own topics, a free port and no retry delay. */
    /** Starts a coordinator with {@code settings} and fails the test unless it is ready within 30 s. */
    public static Coordinator startReady(CoordinatorSettings settings) throws Exception {
        Coordinator coordinator = Coordinator.start(settings);
        if (!coordinator.awaitReady(java.time.Duration.ofSeconds(30))) {
            coordinator.close();
            throw new AssertionError("the coordinator was not ready within 30 s");
        }
        return coordinator;
    }

    public CoordinatorSettings settings(String topicPrefix) {
        return settings(topicPrefix, Map.of());
    }

    public CoordinatorSettings settings(String topicPrefix, Map<String, Object> overrides) {
        Map<String, Object> c = new HashMap<>();
        c.put("http.host", "127.0.0.1");
        c.put("http.port", 0);
        c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        c.put("kafka.topics.prefix", topicPrefix);
        c.put("kafka.topics.partitions", PARTITIONS);
        c.put("s3.endpoint", s3.endpoint().toString());
        c.put("s3.region", s3.region());
        c.put("s3.path-style", true);
        c.put("s3.access-key", s3.accessKey());
        c.put("s3.secret-key", s3.secretKey());
        c.put("retry-base-delay", "0 s");
        c.put("auth.disabled", !overrides.containsKey("api-token"));
        c.putAll(overrides);
        return CoordinatorSettings.withOverrides(c);
    }

    public void put(String bucket, String key, byte[] bytes) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    public void put(String bucket, String key, byte[] bytes, Map<String, String> metadata) {
        client.putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromBytes(bytes));
    }

    public Optional<byte[]> get(String bucket, String key) {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}

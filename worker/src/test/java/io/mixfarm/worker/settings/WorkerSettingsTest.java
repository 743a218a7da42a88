package io.mixfarm.worker.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerSettingsTest {

    private static WorkerSettings read(Map<String, Object> worker) {
        return WorkerSettings.fromConfig(config(worker));
    }

    private static Config config(Map<String, Object> worker) {
        Map<String, Object> full = new HashMap<>();
        worker.forEach((k, v) -> full.put(WorkerSettings.PATH + "." + k, v));
        return ConfigFactory.parseMap(full).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    /** reference.conf resolved against {@code environment} (as if those were the process's variables). */
    private static WorkerSettings withEnvironment(Map<String, String> environment) {
        // ${?NAME} looks the name up at the root first: the variables, there, without the real environment
        Config config = ConfigFactory.parseMap(Map.of(WorkerSettings.PATH + ".id", "pod-0"))
                .withFallback(ConfigFactory.parseMap(environment))
                .withFallback(ConfigFactory.systemProperties()) // ${java.io.tmpdir}
                .withFallback(ConfigFactory.parseResources("reference.conf"))
                .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        return WorkerSettings.fromConfig(config);
    }

    @Test
    void theCoordinatorsEnvironmentNamesAreReadAndWinOverTheOlderOnes() {
        WorkerSettings both = withEnvironment(Map.of(
                "MIXFARM_KAFKA_BOOTSTRAP_SERVERS", "kafka-new:9092", "KAFKA_BOOTSTRAP_SERVERS", "kafka-old:9092",
                "MIXFARM_S3_REGION", "eu-west-3", "AWS_REGION", "us-west-2"));
        assertEquals("kafka-new:9092", both.kafka().bootstrapServers());
        assertEquals("eu-west-3", both.s3().region());
        WorkerSettings older = withEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-old:9092", "AWS_REGION", "us-west-2"));
        assertEquals("kafka-old:9092", older.kafka().bootstrapServers(), "the older name still works");
        assertEquals("us-west-2", older.s3().region());
    }

    @Test
    void defaultsFromReferenceConf() {
        WorkerSettings s = read(Map.of("id", "pod-0"));
        assertEquals("pod-0", s.workerId());
        assertEquals(Runtime.getRuntime().availableProcessors(), s.slots(), "slots = 0 means one per processor");
        assertEquals(3, s.maxAttempts());
        assertEquals(new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(60)), s.retryBackoff());
        assertEquals(Duration.ofSeconds(60), s.drainDeadline());
        assertEquals("mixfarm.render-tasks", s.kafka().topics().renderTasks());
        assertEquals(12, s.kafka().topics().partitions());
        assertEquals(KafkaSettings.GroupProtocol.CLASSIC, s.kafka().groupProtocol());
        assertNull(s.s3().endpoint(), "AWS's own endpoint");
        assertFalse(s.s3().hasStaticCredentials(), "default credentials chain");
        assertEquals(8L * 1024 * 1024, s.s3().partSize());
        assertTrue(s.scratchDir().isAbsolute());
        assertEquals(s.scratchDir().resolve("pod-0"), s.workerScratchDir());
        assertEquals(2L << 30, s.stemCacheMaxBytes());
        assertEquals(s.scratchDir().resolve(".stem-cache-pod-0"), s.stemCacheDir(), "beside, not inside, the scratch");
    }

    @Test
    void everySettingCanBeGiven() {
        Map<String, Object> c = new HashMap<>();
        c.put("id", "w1");
        c.put("slots", 3);
        c.put("max-attempts", 5);
        c.put("drain-deadline", "2m");
        c.put("kafka.bootstrap-servers", "k1:9092,k2:9092");
        c.put("kafka.group-protocol", "consumer");
        c.put("kafka.topics.prefix", "farm2");
        c.put("kafka.topics.partitions", 24);
        c.put("kafka.client.security.protocol", "SASL_SSL");
        c.put("kafka.consumer.max.poll.interval.ms", 60000);
        c.put("s3.endpoint", "http://minio:9000");
        c.put("s3.path-style", true);
        c.put("s3.access-key", "AKIAEXAMPLE");
        c.put("s3.secret-key", "s3cr3t-value");
        c.put("s3.part-size", "1MiB");
        c.put("stem-cache.max-bytes", "0");
        WorkerSettings s = read(c);
        assertEquals(0, s.stemCacheMaxBytes(), "0 turns the cache off");
        assertEquals(3, s.slots());
        assertEquals(5, s.maxAttempts());
        assertEquals(Duration.ofMinutes(2), s.drainDeadline());
        assertEquals("k1:9092,k2:9092", s.kafka().bootstrapServers());
        assertEquals(KafkaSettings.GroupProtocol.CONSUMER, s.kafka().groupProtocol());
        assertEquals("farm2.dead-letter", s.kafka().topics().deadLetter());
        assertEquals(24, s.kafka().topics().partitions());
        assertEquals(Map.of("security.protocol", "SASL_SSL"), s.kafka().clientProperties());
        assertEquals("60000", s.kafka().consumerConfig().get("max.poll.interval.ms"));
        assertEquals("SASL_SSL", s.kafka().consumerConfig().get("security.protocol"));
        assertFalse(s.kafka().producerConfig().containsKey("max.poll.interval.ms"));
        assertEquals(URI.create("http://minio:9000"), s.s3().endpoint());
        assertTrue(s.s3().pathStyle());
        assertTrue(s.s3().hasStaticCredentials());
        assertEquals(1024 * 1024, s.s3().partSize());
    }

    @Test
    void secretsStayOutOfTheDescription() {
        WorkerSettings s = read(Map.of("id", "w1", "s3.access-key", "AKIAEXAMPLE", "s3.secret-key", "s3cr3t-value",
                "kafka.client.sasl.jaas.config", "PlainLoginModule required password=\"hunter2\";"));
        String text = s.toString();
        assertFalse(text.contains("s3cr3t-value"), text);
        assertFalse(text.contains("AKIAEXAMPLE"), text);
        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("sasl.jaas.config"), "property names are shown: " + text);
    }

    @Test
    void everyProblemIsListedWithItsPath() {
        Map<String, Object> c = new HashMap<>();
        c.put("id", "-bad id");
        c.put("slots", -1);
        c.put("max-attempts", "many");
        c.put("drain-deadline", "0s");
        c.put("kafka.bootstrap-servers", "");
        c.put("kafka.group-protocol", "eager");
        c.put("s3.endpoint", "minio:9000");
        c.put("s3.access-key", "only-the-key");
        c.put("s3.multipart-threshold", "1MiB");
        c.put("stem-cache.max-bytes", "-1");
        WorkerSettingsException e = assertThrows(WorkerSettingsException.class, () -> read(c));
        String m = e.getMessage();
        for (String path : new String[] {"mixfarm.worker.id:", "mixfarm.worker.slots:", "mixfarm.worker.max-attempts:",
                "mixfarm.worker.drain-deadline:", "mixfarm.worker.kafka.bootstrap-servers:",
                "mixfarm.worker.kafka.group-protocol:", "mixfarm.worker.s3.endpoint:", "mixfarm.worker.s3.access-key:",
                "mixfarm.worker.s3.multipart-threshold:", "mixfarm.worker.stem-cache.max-bytes:"}) {
            assertTrue(m.contains(path), path + " missing from:\n" + m);
        }
        assertEquals(10, e.problems().size(), m);
    }

    @Test
    void classicOnlyConsumerSettingsAreRefusedWithTheConsumerProtocol() {
        WorkerSettingsException e = assertThrows(WorkerSettingsException.class, () -> read(Map.of("id", "w",
                "kafka.group-protocol", "consumer", "kafka.consumer.session.timeout.ms", 10000)));
        assertTrue(e.getMessage().contains("mixfarm.worker.kafka.consumer.session.timeout.ms: applies to group-protocol classic only"),
                e.getMessage());
    }

    @Test
    void overridesLayOverTheApplicationConfiguration() {
        WorkerSettings s = WorkerSettings.load(Map.of("id", "standalone-2", "slots", 1, "s3.path-style", true));
        assertEquals("standalone-2", s.workerId());
        assertEquals(1, s.slots());
        assertTrue(s.s3().pathStyle());
        assertEquals("mixfarm-workers", s.kafka().groupId(), "the rest from reference.conf");
    }

    @Test
    void anEmptyIdFallsBackToTheHostName() {
        WorkerSettings s = read(Map.of("id", ""));
        assertFalse(s.workerId().isBlank());
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        RetryBackoff b = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
        assertEquals(Duration.ofMillis(100), b.delayAfter(1));
        assertEquals(Duration.ofMillis(200), b.delayAfter(2));
        assertEquals(Duration.ofMillis(400), b.delayAfter(3));
        assertEquals(Duration.ofMillis(500), b.delayAfter(4));
        assertEquals(Duration.ofMillis(500), b.delayAfter(1000), "no overflow on many attempts");
        assertThrows(IllegalArgumentException.class, () -> b.delayAfter(0));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void metricsPortAndPathComeFromReferenceConfAndAreChecked() {
        assertEquals(new MetricsSettings(9404, "/metrics"), read(Map.of("id", "w1")).metrics());
        assertEquals(0, read(Map.of("id", "w1", "metrics.port", 0)).metrics().port(), "0: any free port");
        WorkerSettingsException e = assertThrows(WorkerSettingsException.class,
                () -> read(Map.of("id", "w1", "metrics.port", 70000, "metrics.path", "/health/metrics")));
        String text = String.join("\n", e.problems());
        assertTrue(text.contains("mixfarm.worker.metrics.port"), text);
        assertTrue(text.contains("mixfarm.worker.metrics.path"), text);
    }
}

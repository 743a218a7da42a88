package io.mixfarm.coordinator.settings;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoordinatorSettingsTest {

    private static CoordinatorSettings with(Map<String, Object> values) {
        return CoordinatorSettings.withOverrides(values);
    }

    @Test
    void defaultsComeFromReferenceConf() {
        CoordinatorSettings s = with(Map.of());
        assertEquals(8080, s.http().port());
        assertEquals(10L * 1024 * 1024, s.http().maxManifestBytes());
        assertEquals("mixfarm.render-tasks", s.kafka().topics().renderTasks());
        assertEquals(12, s.kafka().topics().partitions());
        assertEquals("mixfarm.coordinator", s.kafka().transactionalId());
        assertEquals(Duration.ofMinutes(10), s.kafka().replayMargin());
        assertEquals(3, s.maxAttempts());
        assertTrue(s.apiToken().isEmpty());
        assertTrue(s.s3().endpoint().isEmpty(), "AWS's endpoint");
        assertTrue(s.s3().accessKey().isEmpty(), "default credentials chain");
        assertEquals(16, s.probe().parallelism());
    }

    @Test
    void overridesAreRead() {
        CoordinatorSettings s = with(Map.of("kafka.topics.prefix", "farm2", "kafka.topics.partitions", 24,
                "s3.endpoint", "http://127.0.0.1:9000", "s3.path-style", true, "s3.access-key", "k",
                "s3.secret-key", "s", "s3.output-base", "s3://out/base/", "api-token", "0123456789abcdef0123",
                "kafka.client-properties", Map.of("security.protocol", "SASL_SSL")));
        assertEquals("farm2.task-events", s.kafka().topics().taskEvents());
        assertEquals("farm2.coordinator", s.kafka().transactionalId());
        assertEquals(24, s.kafka().topics().partitions());
        assertEquals("http://127.0.0.1:9000", s.s3().endpoint().orElseThrow().toString());
        assertEquals("s3://out/base/", s.s3().outputBase().orElseThrow().toString());
        assertEquals("SASL_SSL", s.kafka().clientProperties().get("security.protocol"));
        assertTrue(s.apiToken().orElseThrow().matches("0123456789abcdef0123"));
        assertFalse(s.apiToken().orElseThrow().matches("0123456789abcdef012"));
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        SettingsException e = assertThrows(SettingsException.class, () -> with(Map.of(
                "http.port", 70000, "max-attempts", 0, "s3.endpoint", "ftp://x", "s3.access-key", "only-key",
                "kafka.topics.prefix", "bad topic", "api-token", "short", "probe.max-header-bytes", "2 KiB")));
        String text = String.join("\n", e.problems());
        for (String path : new String[] {"http.port", "max-attempts", "s3.endpoint", "s3: give both",
                "kafka.topics.prefix", "api-token", "probe.max-header-bytes"}) {
            assertTrue(text.contains("mixfarm.coordinator." + path), path + " in\n" + text);
        }
        assertEquals(7, e.problems().size(), text);
    }

    @Test
    void secretsNeverShowInToString() {
        CoordinatorSettings s = with(Map.of("s3.access-key", "AKIAEXAMPLE", "s3.secret-key", "very-secret-key",
                "api-token", "token-token-token-token", "kafka.client-properties",
                Map.of("sasl.jaas.config", "password=\"hunter2\"")));
        String text = s.toString();
        assertFalse(text.contains("very-secret-key"), text);
        assertFalse(text.contains("token-token-token-token"), text);
        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("sasl.jaas.config"), "property names are shown: " + text);
    }

    @Test
    void metricsHaveAPortOfTheirOwn() {
        CoordinatorSettings defaults = CoordinatorSettings.fromConfig(com.typesafe.config.ConfigFactory.defaultReference());
        assertEquals(new CoordinatorSettings.Metrics(9404, "/metrics"), defaults.metrics());
        SettingsException e = assertThrows(SettingsException.class, () -> with(Map.of(
                "http.port", 9500, "metrics.port", 9500, "metrics.path", "/api/v1/metrics")));
        String text = String.join("\n", e.problems());
        assertTrue(text.contains("mixfarm.coordinator.metrics.port"), text);
        assertTrue(text.contains("mixfarm.coordinator.metrics.path"), text);
    }
}

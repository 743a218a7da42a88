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
        CoordinatorSettings s = with(Map.of("auth.disabled", true));
        assertEquals(8080, s.http().port());
        assertEquals(10L * 1024 * 1024, s.http().maxManifestBytes());
        assertEquals("mixfarm.render-tasks", s.kafka().topics().renderTasks());
        assertEquals(12, s.kafka().topics().partitions());
        assertEquals("mixfarm.coordinator", s.kafka().transactionalId());
        assertEquals(Duration.ofMinutes(10), s.kafka().replayMargin());
        assertEquals(3, s.maxAttempts());
        assertTrue(s.apiToken().isEmpty());
        assertTrue(s.authDisabled());
        assertEquals(new CoordinatorSettings.Limits(10_000, 200, Duration.ofHours(2), 8L << 30), s.limits());
        assertTrue(s.s3().stemLocations().isEmpty());
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
    void theApiTokenIsRequiredUnlessAuthenticationIsDisabledExplicitly() {
        SettingsException none = assertThrows(SettingsException.class, () -> with(Map.of()));
        assertEquals(1, none.problems().size(), none.problems().toString());
        assertTrue(none.problems().get(0).startsWith("mixfarm.coordinator.api-token: is empty"), none.problems().toString());
        SettingsException both = assertThrows(SettingsException.class, () -> with(Map.of(
                "auth.disabled", true, "api-token", "0123456789abcdef0123")));
        assertTrue(both.problems().get(0).contains("auth.disabled"), both.problems().toString());
        assertFalse(both.problems().toString().contains("0123456789abcdef0123"), "the token is not shown");
        assertFalse(with(Map.of("api-token", "0123456789abcdef0123")).authDisabled());
    }

    @Test
    void limitsAndAllowedLocationsAreRead() {
        CoordinatorSettings s = with(Map.of("api-token", "0123456789abcdef0123", "limits.max-songs", 50,
                "limits.max-stems-per-song", 4, "limits.max-stem-duration", "10 m", "limits.max-stem-bytes", "1 MiB",
                "s3.allowed-stem-locations", java.util.List.of("s3://stems", "s3://label/in"),
                "s3.allowed-output-locations", java.util.List.of("s3://masters/out/")));
        assertEquals(new CoordinatorSettings.Limits(50, 4, Duration.ofMinutes(10), 1 << 20), s.limits());
        assertEquals("[s3://stems/, s3://label/in/]", s.s3().stemLocations().toString(), "a prefix ends in '/'");
        assertEquals("[s3://masters/out/]", s.s3().outputLocations().toString());

        SettingsException e = assertThrows(SettingsException.class, () -> with(Map.of("api-token", "0123456789abcdef0123",
                "limits.max-songs", 100_001, "s3.allowed-stem-locations", java.util.List.of("s3://stems/../x/", "http://x/"))));
        String text = String.join("\n", e.problems());
        assertTrue(text.contains("limits.max-songs: 100001 is outside 1..100000"), text);
        assertTrue(text.contains("allowed-stem-locations: \"s3://stems/../x/\""), text);
        assertTrue(text.contains("\"http://x/\" is not an s3:// URI"), text);
        assertEquals(3, e.problems().size(), text);
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
    void kafkaSecurityAndSecretsComeFromTheEnvironment() {
        // The environment as Typesafe Config sees it: reference.conf's ${?VAR} substitutions.
        com.typesafe.config.Config env = com.typesafe.config.ConfigFactory.parseMap(Map.of(
                "MIXFARM_API_TOKEN", "env-token-0123456789",
                "MIXFARM_S3_ACCESS_KEY", "AKIAENV", "MIXFARM_S3_SECRET_KEY", "env-s3-secret",
                "MIXFARM_S3_ENDPOINT", "https://s3.example.com",
                "MIXFARM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "MIXFARM_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "MIXFARM_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"farm\" password=\"env-sasl-password\";",
                "MIXFARM_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12"));
        CoordinatorSettings s = CoordinatorSettings.fromConfig(com.typesafe.config.ConfigFactory.parseResources("reference.conf")
                .withOnlyPath(CoordinatorSettings.PATH).withFallback(env)
                .resolve(com.typesafe.config.ConfigResolveOptions.defaults().setUseSystemEnvironment(false)));
        assertTrue(s.apiToken().orElseThrow().matches("env-token-0123456789"));
        assertEquals("env-s3-secret", s.s3().secretKey().orElseThrow().reveal());
        assertEquals("https", s.s3().endpoint().orElseThrow().getScheme(), "S3 over HTTPS");
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", env.getString("MIXFARM_KAFKA_SASL_JAAS_CONFIG"),
                "ssl.truststore.location", "/etc/kafka/truststore.p12"), s.kafka().clientProperties());
        String text = s.toString();
        assertFalse(text.contains("env-sasl-password") || text.contains("env-s3-secret") || text.contains("env-token"), text);
    }

    @Test
    void quotedKafkaPropertyNamesReachTheClientsUnquoted() {
        CoordinatorSettings s = CoordinatorSettings.fromConfig(com.typesafe.config.ConfigFactory.parseString(
                "mixfarm.coordinator { api-token = \"0123456789abcdef0123\"\n"
                        + "kafka.client-properties { \"ssl.endpoint.identification.algorithm\" = https } }")
                .withFallback(com.typesafe.config.ConfigFactory.load()));
        assertEquals("https", s.kafka().clientProperties().get("ssl.endpoint.identification.algorithm"),
                s.kafka().clientProperties().toString());
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
        CoordinatorSettings defaults = CoordinatorSettings.fromConfig(com.typesafe.config.ConfigFactory
                .parseMap(Map.of(CoordinatorSettings.PATH + ".api-token", "token-token-token-token"))
                .withFallback(com.typesafe.config.ConfigFactory.defaultReference()));
        assertEquals(new CoordinatorSettings.Metrics(9404, "/metrics"), defaults.metrics());
        SettingsException e = assertThrows(SettingsException.class, () -> with(Map.of(
                "http.port", 9500, "metrics.port", 9500, "metrics.path", "/api/v1/metrics")));
        String text = String.join("\n", e.problems());
        assertTrue(text.contains("mixfarm.coordinator.metrics.port"), text);
        assertTrue(text.contains("mixfarm.coordinator.metrics.path"), text);
    }
}

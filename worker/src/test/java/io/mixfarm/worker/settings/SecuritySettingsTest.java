package io.mixfarm.worker.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Kafka TLS/SASL and S3 over HTTPS configured from the environment, secrets never shown. */
class SecuritySettingsTest {

    @Test
    void kafkaSecurityAndS3CredentialsComeFromTheEnvironment() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"w\" password=\"env-sasl-pw\";";
        // The environment as Typesafe Config sees it: reference.conf's ${?VAR} substitutions.
        Config env = ConfigFactory.parseMap(Map.of(
                "java.io.tmpdir", "/tmp", "MIXFARM_WORKER_ID", "w1",
                "MIXFARM_S3_ENDPOINT", "https://s3.example.com", "MIXFARM_S3_ACCESS_KEY", "AKIAENV",
                "MIXFARM_S3_SECRET_KEY", "env-s3-secret",
                "MIXFARM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "MIXFARM_KAFKA_SASL_MECHANISM", "PLAIN",
                "MIXFARM_KAFKA_SASL_JAAS_CONFIG", jaas,
                "MIXFARM_KAFKA_SSL_TRUSTSTORE_PASSWORD", "env-truststore-pw"));
        WorkerSettings s = WorkerSettings.fromConfig(ConfigFactory.parseResources("reference.conf")
                .withOnlyPath(WorkerSettings.PATH).withFallback(env)
                .resolve(com.typesafe.config.ConfigResolveOptions.defaults().setUseSystemEnvironment(false)));
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "sasl.jaas.config", jaas,
                "ssl.truststore.password", "env-truststore-pw"), s.kafka().clientProperties());
        assertEquals("https", s.s3().endpoint().getScheme());
        assertEquals("env-s3-secret", s.s3().secretKey());
        String text = s.toString();
        for (String secret : new String[] {"env-sasl-pw", "env-truststore-pw", "env-s3-secret"}) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
    }
}

package io.mixfarm.coordinator.state;

import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.util.HashMap;
import java.util.Map;

/** Properties of the coordinator's Kafka clients: the configured servers and security, plus each client's own. */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** Bootstrap servers and the configured extra properties (TLS, SASL), for any client. */
    public static Map<String, Object> common(CoordinatorSettings.Kafka kafka) {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return p;
    }

    /**
     * A consumer without a group (partitions are assigned by hand; the coordinator keeps no
     * offsets) that sees committed transactions only.
     */
    static KafkaConsumer<String, byte[]> consumer(CoordinatorSettings.Kafka kafka, String clientId) {
        return consumer(kafka, clientId, Map.of());
    }

    /** {@link #consumer(CoordinatorSettings.Kafka, String)} with {@code overrides} on top. */
    static KafkaConsumer<String, byte[]> consumer(CoordinatorSettings.Kafka kafka, String clientId,
                                                  Map<String, Object> overrides) {
        Map<String, Object> p = common(kafka);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.putAll(overrides);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}

package io.mixfarm.worker.settings;

import io.mixfarm.contract.Topics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the worker reaches Kafka.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param groupId          the consumer group all workers of a farm share
 * @param groupProtocol    the rebalance protocol
 * @param topics           the farm's topics
 * @param createTopics     create missing topics at start
 * @param pollTimeout      longest a poll waits; bounds how fast the intake notices finished tasks
 * @param clientProperties extra client properties (security, timeouts); they win over the
 *                         worker's own choices, so handle with care
 */
public record KafkaSettings(
        String bootstrapServers,
        String groupId,
        GroupProtocol groupProtocol,
        Topics topics,
        boolean createTopics,
        Duration pollTimeout,
        Map<String, String> clientProperties) {

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** The consumer group protocol. */
    public enum GroupProtocol {
        /** The classic protocol with the cooperative-sticky assignor (incremental rebalances). */
        CLASSIC,
        /** KIP-848: the broker assigns partitions; no stop-the-world rebalances. */
        CONSUMER
    }

    /** These settings with other client properties laid over the current ones. */
    public KafkaSettings withClientProperties(Map<String, String> more) {
        Map<String, String> merged = new TreeMap<>(clientProperties);
        merged.putAll(more);
        return new KafkaSettings(bootstrapServers, groupId, groupProtocol, topics, createTopics, pollTimeout, merged);
    }

    /** Property names only: values may hold passwords (sasl.jaas.config, ssl.*.password). */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", groupProtocol="
                + groupProtocol + ", topics=" + topics + ", createTopics=" + createTopics + ", pollTimeout="
                + pollTimeout + ", clientProperties=" + new TreeMap<>(clientProperties).keySet() + "]";
    }
}

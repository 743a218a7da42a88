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
 * @param clientProperties   extra properties of every client (security, timeouts); they win over
 *                           the worker's own choices, so handle with care
 * @param consumerProperties extra properties of the intake's consumer only (e.g. max.poll.interval.ms)
 * @param producerProperties extra properties of the event producer only (e.g. delivery.timeout.ms)
 */
public record KafkaSettings(
        String bootstrapServers,
        String groupId,
        GroupProtocol groupProtocol,
        Topics topics,
        boolean createTopics,
        Duration pollTimeout,
        Map<String, String> clientProperties,
        Map<String, String> consumerProperties,
        Map<String, String> producerProperties) {

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
        consumerProperties = Map.copyOf(consumerProperties);
        producerProperties = Map.copyOf(producerProperties);
    }

    /** The consumer group protocol. */
    public enum GroupProtocol {
        /** The classic protocol with the per-topic balanced cooperative assignor (incremental rebalances). */
        CLASSIC,
        /** KIP-848: the broker assigns partitions; no stop-the-world rebalances. */
        CONSUMER
    }

    /** The consumer's extra properties: the shared ones with the consumer's own over them. */
    public Map<String, String> consumerConfig() {
        Map<String, String> merged = new TreeMap<>(clientProperties);
        merged.putAll(consumerProperties);
        return merged;
    }

    /** The producer's extra properties: the shared ones with the producer's own over them. */
    public Map<String, String> producerConfig() {
        Map<String, String> merged = new TreeMap<>(clientProperties);
        merged.putAll(producerProperties);
        return merged;
    }

    /** Property names only: values may hold passwords (sasl.jaas.config, ssl.*.password). */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", groupProtocol="
                + groupProtocol + ", topics=" + topics + ", createTopics=" + createTopics + ", pollTimeout="
                + pollTimeout + ", clientProperties=" + new TreeMap<>(clientProperties).keySet()
                + ", consumerProperties=" + new TreeMap<>(consumerProperties).keySet()
                + ", producerProperties=" + new TreeMap<>(producerProperties).keySet() + "]";
    }
}

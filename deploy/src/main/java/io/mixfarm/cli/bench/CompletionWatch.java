package io.mixfarm.cli.bench;

import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.TaskEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the task-events topic beside the farm (no consumer group): which songs of a session
 * completed, when the last one did, and how many each worker completed.
 */
final class CompletionWatch implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String sessionId;
    private final Set<String> completed = new HashSet<>();
    private final Map<String, Integer> byWorker = new TreeMap<>();
    private long events;
    private long lastCompletionNanos;

    CompletionWatch(String bootstrapServers, String topic, int partitions, String sessionId) {
        this.sessionId = sessionId;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> all = new java.util.ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    /** Reads what arrived within {@code wait}; returns how many songs have completed so far. */
    int poll(Duration wait) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            events++;
            TaskEvent e;
            try {
                e = ContractJson.read(record.value(), TaskEvent.class);
            } catch (RuntimeException unreadable) {
                continue;
            }
            if (e.sessionId().equals(sessionId) && e.kind() == TaskEvent.Kind.COMPLETED && completed.add(e.songId())) {
                byWorker.merge(e.workerId(), 1, Integer::sum);
                lastCompletionNanos = System.nanoTime();
            }
        }
        return completed.size();
    }

    long lastCompletionNanos() {
        return lastCompletionNanos;
    }

    /** Events read (all kinds, all sessions). */
    long events() {
        return events;
    }

    Map<String, Integer> completionsByWorker() {
        return Map.copyOf(byWorker);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

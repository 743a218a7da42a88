package io.mixfarm.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
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
    private static final JsonFactory JSON = new JsonFactory();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long events;
    private long cpuNanos;
    private long lastCompletionNanos;
    private final int halfOfSongs;
    private long halfCompletedNanos;

    /** Follows {@code sessionId}'s completions; {@code songs} is its size (to time its second half). */
    CompletionWatch(String bootstrapServers, String topic, int partitions, String sessionId, int songs) {
        this.sessionId = sessionId;
        this.halfOfSongs = Math.max(1, songs / 2);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // a few fetches a second, not one per event: the broker's work for the watch is the farm's CPU
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> all = new java.util.ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    /**
     * Reads what arrived within {@code wait}; returns how many songs have completed so far. Only
     * the events' top-level ids are read (a COMPLETED event carries the whole song report), so
     * the watch takes little of the CPU it shares with the farm; what it does take is counted.
     */
    int poll(Duration wait) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            events++;
            Map<String, String> ids = topLevelTexts(record.value());
            String song = ids.get("songId");
            if (sessionId.equals(ids.get("sessionId")) && "COMPLETED".equals(ids.get("kind")) && song != null
                    && completed.add(song)) {
                byWorker.merge(ids.getOrDefault("workerId", "?"), 1, Integer::sum);
                lastCompletionNanos = System.nanoTime();
                if (completed.size() == halfOfSongs) {
                    halfCompletedNanos = lastCompletionNanos;
                }
            }
        }
        cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuStart;
        return completed.size();
    }

    /** The CPU time this watch has used (the bench's own cost, not the farm's). */
    Duration cpu() {
        return Duration.ofNanos(cpuNanos);
    }

    /** The event's top-level text fields, nested objects skipped; empty when it is not JSON. */
    private static Map<String, String> topLevelTexts(byte[] json) {
        Map<String, String> texts = new HashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return texts;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    texts.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException unreadable) {
            texts.clear();
        }
        return texts;
    }

    long lastCompletionNanos() {
        return lastCompletionNanos;
    }

    /** When half the session's songs had completed. */
    long halfCompletedNanos() {
        return halfCompletedNanos;
    }

    /** Songs completed after the first half, per second: the rate once the farm is long warmed up. */
    double secondHalfTasksPerSecond() {
        return (completed.size() - halfOfSongs) / ((lastCompletionNanos - halfCompletedNanos) / 1e9);
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

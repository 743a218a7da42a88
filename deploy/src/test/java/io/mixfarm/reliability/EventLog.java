package io.mixfarm.reliability;

import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads the task-events topic from the beginning on its own thread (no consumer group), so tests
 * can count what workers actually did: how often each song was STARTED, by which worker.
 * Survives a broker restart (the consumer reconnects).
 */
final class EventLog implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final List<TaskEvent> events = new ArrayList<>();
    private volatile boolean running = true;

    EventLog(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "event-log");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        String topic = Topics.defaults().taskEvents();
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            while (running && partitions.isEmpty()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TaskEvent event = ContractJson.read(r.value(), TaskEvent.class);
                    synchronized (events) {
                        events.add(event);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } catch (RuntimeException e) {
            if (running) {
                System.err.println("event log stopped: " + e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The events of one session so far that match {@code filter}. */
    List<TaskEvent> of(String sessionId, Predicate<TaskEvent> filter) {
        synchronized (events) {
            return events.stream().filter(e -> e.sessionId().equals(sessionId) && filter.test(e)).toList();
        }
    }

    List<TaskEvent> of(String sessionId, TaskEvent.Kind kind) {
        return of(sessionId, e -> e.kind() == kind);
    }

    /** How many STARTED events each song's tasks of {@code phase} got: its renders. */
    Map<String, Long> startsBySong(String sessionId, String phase) {
        return of(sessionId, e -> e.kind() == TaskEvent.Kind.STARTED && e.taskId().contains("/" + phase + "/"))
                .stream().collect(Collectors.groupingBy(TaskEvent::songId, Collectors.counting()));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}

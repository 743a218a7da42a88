package io.mixfarm.coordinator.state;

import io.mixfarm.contract.ContractException;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.ContractMessage;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Reads the task-events topic on its own thread and hands each poll's events to the state actor,
 * waiting for them to be applied before polling again (the actor's mailbox never grows without
 * bound). It keeps no offsets: at start it re-reads from shortly before the oldest running
 * session was created ({@code replayFrom}), which brings back what the events said about those
 * sessions (measurements, reports, progress) — the state machine ignores what its records
 * already reflect — and reports {@link Sink#caughtUp()} once it has read what the topic held at
 * start.
 */
public final class EventFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A fetch waits for this much news, or {@link #FETCH_MAX_WAIT}: a busy farm's events come in
     * batches of many (one poll, one actor round trip and one transaction each) rather than one
     * fetch per event, for at most that much delay.
     */
    private static final int FETCH_MIN_BYTES = 64 * 1024;
    private static final Duration FETCH_MAX_WAIT = Duration.ofMillis(100);

    /** Where events go. */
    public interface Sink {
        /** Applies events in order; the feed polls again when the stage completes. */
        CompletionStage<?> apply(List<TaskEvent> events);

        /** Everything the topic held at start has been applied. Called once. */
        void caughtUp();
    }

    private final CoordinatorSettings.Kafka kafka;
    private final Optional<Instant> replayFrom;
    private final Sink sink;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Instant lastPoll = Instant.EPOCH;

    /** @param replayFrom read events from this time on; empty to read only new events */
    public EventFeed(CoordinatorSettings.Kafka kafka, Optional<Instant> replayFrom, Sink sink) {
        this.kafka = kafka;
        this.replayFrom = replayFrom;
        this.sink = sink;
        this.consumer = KafkaClients.consumer(kafka, kafka.transactionalId() + "-events",
                Map.of(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FETCH_MAX_WAIT.toMillis()));
        this.thread = new Thread(this::run, "mixfarm-coordinator-events");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True while the feed's thread runs. */
    public boolean alive() {
        return thread.isAlive();
    }

    /** When the last poll returned: a feed that stops polling is stuck. */
    public Instant lastPoll() {
        return lastPoll;
    }

    private void run() {
        try {
            Map<TopicPartition, Long> end = assign();
            boolean caughtUp = false;
            while (running) {
                List<TaskEvent> events = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    read(record).ifPresent(events::add);
                }
                lastPoll = Instant.now();
                if (!events.isEmpty()) {
                    sink.apply(events).toCompletableFuture().get();
                }
                if (!caughtUp && StateLoader.reached(consumer, end)) {
                    caughtUp = true;
                    sink.caughtUp();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            if (running) {
                LOG.error("the task-events feed stopped", e);
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    /** Assigns every partition at its replay start; the end offsets at start. */
    private Map<TopicPartition, Long> assign() throws InterruptedException {
        List<TopicPartition> partitions = null;
        while (partitions == null) {
            try {
                partitions = StateLoader.partitions(consumer, kafka.topics().taskEvents(), METADATA_TIMEOUT);
            } catch (KafkaException | IllegalStateException e) {
                LOG.warn("task-events topic not available yet: {}", e.getMessage());
                Thread.sleep(1000);
            }
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        if (replayFrom.isEmpty()) {
            consumer.seekToEnd(partitions);
            return end;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, replayFrom.get().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = offsets.get(p);
            consumer.seek(p, at == null ? end.get(p) : at.offset());
        }
        return end;
    }

    private static Optional<TaskEvent> read(ConsumerRecord<String, byte[]> record) {
        try {
            Optional<ContractMessage> message = ContractJson.readAny(record.value());
            if (message.isPresent() && message.get() instanceof TaskEvent event) {
                return Optional.of(event);
            }
        } catch (ContractException e) {
            LOG.warn("task-events {}-{} offset {}: unreadable event skipped: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive()) {
            if (thread.getState() == Thread.State.NEW) {
                consumer.close(CloseOptions.timeout(Duration.ZERO));
            }
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

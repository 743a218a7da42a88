package io.mixfarm.worker.events;

import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.DeadLetter;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.engine.error.RetriableException;
import io.mixfarm.worker.settings.KafkaSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends task events and dead letters. The producer is idempotent with {@code acks=all}: a
 * returned future completes only once every in-sync replica has the record, which is when the
 * worker may commit the task's offset. Events of one song share its key, so they stay in order
 * on one partition. Send failures (broker unavailable past the delivery timeout) complete the
 * future with a {@link RetriableException}.
 *
 * <p>{@code send} itself can block (up to {@code max.block.ms}) while the broker is away and
 * metadata or buffer space is missing, so sends run on the publisher's own thread, in the order
 * they were asked for; callers (actors) never block.
 */
public final class EventPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final ExecutorService sender;

    public EventPublisher(Producer<String, byte[]> producer, Topics topics, String workerId) {
        this.producer = producer;
        this.topics = topics;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mixfarm-events-" + workerId);
            t.setDaemon(true);
            return t;
        });
    }

    /** A publisher with its own producer. */
    public static EventPublisher create(KafkaSettings kafka, String workerId) {
        return new EventPublisher(new KafkaProducer<>(producerConfig(kafka, workerId)), kafka.topics(), workerId);
    }

    static Map<String, Object> producerConfig(KafkaSettings kafka, String workerId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, workerId + "-events");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putAll(kafka.producerConfig());
        return p;
    }

    /** Sends {@code event} under its song's key; completes when the broker acknowledged it. */
    public CompletableFuture<RecordMetadata> publish(TaskEvent event) {
        return send(new ProducerRecord<>(topics.taskEvents(), event.key(), ContractJson.write(event)),
                event.kind() + " event of " + event.taskId());
    }

    /** Sends {@code letter} to the dead-letter topic under its original key. */
    public CompletableFuture<RecordMetadata> publish(DeadLetter letter) {
        return send(new ProducerRecord<>(topics.deadLetter(), letter.key(), ContractJson.write(letter)),
                "dead letter " + (letter.taskId() != null ? letter.taskId() : letter.key()));
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record, String what) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            sender.execute(() -> sendNow(record, what, acked));
        } catch (RejectedExecutionException e) {
            acked.completeExceptionally(new RetriableException("cannot publish " + what + ": the publisher is closed", e));
        }
        return acked;
    }

    private void sendNow(ProducerRecord<String, byte[]> record, String what, CompletableFuture<RecordMetadata> acked) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acked.complete(metadata);
                } else {
                    acked.completeExceptionally(new RetriableException("cannot publish " + what + " to "
                            + record.topic() + ": " + error.getMessage(), error));
                }
            });
        } catch (RuntimeException e) {
            // send() itself throws when metadata cannot be fetched within max.block.ms
            acked.completeExceptionally(new RetriableException("cannot publish " + what + " to " + record.topic()
                    + ": " + e.getMessage(), e));
        }
    }

    /** Sends what is queued and buffered, and closes the producer. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}

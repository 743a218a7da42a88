package io.mixfarm.coordinator.state;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where the state actor publishes: all of one append or nothing. {@link Journal} in production. */
@FunctionalInterface
public interface StateWriter {

    /** Completes once the records are durably published. */
    CompletableFuture<Void> append(List<ProducerRecord<String, byte[]>> records);
}

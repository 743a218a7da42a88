package io.mixfarm.coordinator.state;

import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.contract.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.List;

/** Records to publish together (one Kafka transaction): state records and render tasks. */
final class Writes {

    private final Topics topics;
    private final TaskPartitions partitions;
    private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();

    Writes(Topics topics, TaskPartitions partitions) {
        this.topics = topics;
        this.partitions = partitions;
    }

    void session(SessionRecord record) {
        records.add(new ProducerRecord<>(topics.sessions(), record.key(), ContractJson.write(record)));
    }

    void song(SongRecord record) {
        records.add(new ProducerRecord<>(topics.sessions(), record.key(), ContractJson.write(record)));
    }

    /** A render task of the song at {@code songIndex} in its manifest (which picks its partition). */
    void task(RenderTask task, int songIndex) {
        String topic = topics.renderTasks(task.priority());
        int partition = partitions.partition(topic, task.sessionId(), songIndex);
        records.add(new ProducerRecord<>(topic, partition, task.key(), ContractJson.write(task)));
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    List<ProducerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }
}

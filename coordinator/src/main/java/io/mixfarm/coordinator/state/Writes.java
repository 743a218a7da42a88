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
    private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();

    Writes(Topics topics) {
        this.topics = topics;
    }

    void session(SessionRecord record) {
        records.add(new ProducerRecord<>(topics.sessions(), record.key(), ContractJson.write(record)));
    }

    void song(SongRecord record) {
        records.add(new ProducerRecord<>(topics.sessions(), record.key(), ContractJson.write(record)));
    }

    void task(RenderTask task) {
        records.add(new ProducerRecord<>(topics.renderTasks(task.priority()), task.key(), ContractJson.write(task)));
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    List<ProducerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }
}

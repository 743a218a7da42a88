package io.mixfarm.coordinator.state;

import io.mixfarm.contract.ContractException;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.ContractMessage;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the compacted sessions topic from its beginning to its end (committed transactions only):
 * the latest record per key is the state. Tombstones delete a key.
 */
public final class StateLoader {

    private static final Logger LOG = LoggerFactory.getLogger(StateLoader.class);

    private StateLoader() {
    }

    /** The stored state; waits at most {@code timeout} for the topic to be readable. */
    public static StoredState load(CoordinatorSettings.Kafka kafka, Duration timeout) {
        String topic = kafka.topics().sessions();
        Map<String, SessionRecord> sessions = new HashMap<>();
        Map<String, SongRecord> songs = new HashMap<>();
        int skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, kafka.transactionalId() + "-loader")) {
            List<TopicPartition> partitions = partitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the sessions topic " + topic + " was not read to its end within "
                            + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!apply(record, sessions, songs)) {
                        skipped++;
                    }
                }
            }
        }
        return new StoredState(sessions, songs, skipped);
    }

    private static boolean apply(ConsumerRecord<String, byte[]> record, Map<String, SessionRecord> sessions,
                                 Map<String, SongRecord> songs) {
        if (record.key() == null) {
            return false;
        }
        if (record.value() == null) {
            sessions.remove(record.key());
            songs.remove(record.key());
            return true;
        }
        try {
            Optional<ContractMessage> message = ContractJson.readAny(record.value());
            if (message.isPresent() && message.get() instanceof SessionRecord s) {
                sessions.put(s.key(), s);
                return true;
            }
            if (message.isPresent() && message.get() instanceof SongRecord s) {
                songs.put(s.key(), s);
                return true;
            }
            LOG.warn("sessions topic offset {}: not a session or song record; skipped", record.offset());
        } catch (ContractException e) {
            LOG.warn("sessions topic offset {}: unreadable record skipped: {}", record.offset(), e.getMessage());
        }
        return false;
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}

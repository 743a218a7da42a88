package io.mixfarm.worker.intake;

import io.mixfarm.worker.settings.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The intake's consumer properties. */
final class IntakeConfig {

    private IntakeConfig() {
    }

    static Map<String, Object> consumer(KafkaSettings kafka, String workerId, int slots) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
        // Static membership: a restarted pod of the same name gets its partitions back without a rebalance.
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, workerId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, workerId + "-intake");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The coordinator publishes tasks inside transactions (with their session records): never
        // render a task whose transaction was aborted.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // No more records per poll than slots: little is held back unstarted.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, slots);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Every member needs its share of EACH priority topic: an assignor that balances only the
        // total could leave a worker with no partition of the topic that holds the work.
        if (kafka.groupProtocol() == KafkaSettings.GroupProtocol.CONSUMER) {
            p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
            // The broker's range assignor gives floor/ceil of every topic to each member, sticky;
            // its uniform assignor (the default) balances the total only.
            p.put(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range");
        } else {
            p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
            // Cooperative-sticky second: while workers of an older version (which list only it)
            // are in the group, the group agrees on it; once all list the balanced one, on that.
            p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(
                    BalancedPerTopicAssignor.class.getName(), CooperativeStickyAssignor.class.getName()));
        }
        p.putAll(kafka.consumerConfig());
        return p;
    }
}

package io.mixfarm.coordinator;

import io.mixfarm.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the farm's topics when they are missing: partitions, replicas and the compacted sessions topic. */
final class KafkaTopics {

    private KafkaTopics() {
    }

    static void ensure(Admin admin, Topics topics, Duration timeout) throws InterruptedException {
        List<NewTopic> wanted = topics.topicConfigs().keySet().stream()
                .map(name -> new NewTopic(name, topics.partitionsOf(name), topics.replicationFactor())
                        .configs(topics.topicConfigs().get(name)))
                .toList();
        var result = admin.createTopics(wanted);
        for (var entry : result.values().entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not create topic " + entry.getKey() + " within " + timeout, e);
            }
        }
    }
}

package io.mixfarm.coordinator;

import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.state.TaskPartitions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the farm's topics when they are missing (partitions, replicas and the compacted sessions
 * topic) and reads how many partitions the task topics really have.
 */
final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

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

    /**
     * Where tasks go, by the task topics' partition counts as the cluster reports them: a topic
     * created by other means may have a count other than the configured one, and a task sent to a
     * partition that does not exist would wait for it forever. Read once here, off the state
     * actor (which must not wait for the broker); a topic that cannot be described counts as
     * configured.
     */
    static TaskPartitions taskPartitions(Admin admin, Topics topics, Duration timeout) throws InterruptedException {
        Map<String, Integer> live = new HashMap<>();
        var described = admin.describeTopics(topics.allRenderTasks()).topicNameValues();
        for (var entry : described.entrySet()) {
            try {
                live.put(entry.getKey(), entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS).partitions().size());
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("cannot read the partitions of {} ({}): placing its tasks by the configured {}", entry.getKey(),
                        e instanceof ExecutionException ? e.getCause().toString() : "timed out", topics.partitionsOf(entry.getKey()));
            }
        }
        live.forEach((topic, count) -> {
            if (count != topics.partitionsOf(topic)) {
                LOG.warn("{} has {} partitions, configured {}: tasks go by the topic's", topic, count, topics.partitionsOf(topic));
            }
        });
        return new TaskPartitions(topics, live);
    }
}

package io.mixfarm.worker.events;

import io.mixfarm.contract.Topics;
import io.mixfarm.engine.error.RetriableException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the farm's topics where they are missing (coordinator and workers may both try). */
public final class TopicSetup {

    private TopicSetup() {
    }

    /** Creates every topic of {@code topics} that does not exist yet, with its partitions and settings. */
    public static void ensure(String bootstrapServers, Map<String, String> clientProperties, Topics topics) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> wanted = topics.topicConfigs().entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), topics.partitionsOf(e.getKey()), topics.replicationFactor())
                            .configs(e.getValue()))
                    .toList();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> created
                    : admin.createTopics(wanted).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new RetriableException("cannot create topic " + created.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new RetriableException("Kafka at " + bootstrapServers + " did not answer within 30 s", e);
        }
    }
}

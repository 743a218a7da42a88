package io.mixfarm.worker.intake;

import io.mixfarm.contract.Priority;
import io.mixfarm.contract.Topics;
import io.mixfarm.embedded.EmbeddedKafka;
import io.mixfarm.worker.settings.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real consumers with the intake's configuration on a real broker, subscribed to the three
 * 12-partition task topics and joining one after another: each time the group settles every
 * member holds floor/ceil of EVERY topic, and the consumer coordinator's own checks (the
 * cooperative rule is validated on the leader) never throw out of a poll.
 */
class PerTopicBalanceBrokerTest {

    private static final int PARTITIONS = 12;
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        // KIP-848 members heartbeat (and learn of new assignments) every second, not every five.
        kafka = new EmbeddedKafka(null, 0, Map.of("group.consumer.heartbeat.interval.ms", "1000",
                "group.consumer.min.heartbeat.interval.ms", "1000"));
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void classicMembersEachHoldTheirShareOfEveryTopic() throws Exception {
        // Consumers learn of topics created after they subscribed on their next metadata refresh.
        joinWhileTopicsAppear("classic", KafkaSettings.GroupProtocol.CLASSIC,
                Map.of("heartbeat.interval.ms", "300", "metadata.max.age.ms", "500"), true);
    }

    @Test
    void consumerProtocolMembersEachHoldTheirShareOfEveryTopic() throws Exception {
        // The broker's range assignor balances every topic; it does not promise to keep a
        // member's partitions (in 4.4 the ranges shift when a member joins).
        joinWhileTopicsAppear("kip848", KafkaSettings.GroupProtocol.CONSUMER, Map.of(), false);
    }

    /**
     * Members join and the task topics appear one by one, as when workers start while the
     * farm's topics are being created. The cooperative-sticky assignor, balancing the total only,
     * ends this sequence with all of one topic on each member (12 urgent / 12 backfill).
     */
    private static void joinWhileTopicsAppear(String prefix, KafkaSettings.GroupProtocol protocol,
                                              Map<String, String> consumerProperties, boolean sticky) throws Exception {
        Topics topics = Topics.withPrefix(prefix, PARTITIONS, (short) 1);
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), prefix + "-workers", protocol, topics,
                false, Duration.ofMillis(100), Map.of(), new HashMap<>(consumerProperties), Map.of());
        List<String> existing = new ArrayList<>();
        Map<String, KafkaConsumer<String, byte[]>> group = new LinkedHashMap<>();
        try {
            existing.add(createTopic(topics.renderTasks(Priority.URGENT)));
            join(group, "worker-1", topics, settings);
            settle(group, existing);
            join(group, "worker-2", topics, settings);
            settle(group, existing);
            existing.add(createTopic(topics.renderTasks(Priority.BACKFILL)));
            settle(group, existing);
            existing.add(createTopic(topics.renderTasks(Priority.NORMAL)));
            Map<String, Set<TopicPartition>> two = settle(group, existing);

            join(group, "worker-3", topics, settings);
            Map<String, Set<TopicPartition>> three = settle(group, existing);
            for (String worker : sticky ? List.of("worker-1", "worker-2") : List.<String>of()) {
                assertTrue(two.get(worker).containsAll(three.get(worker)),
                        worker + " kept only partitions it had (sticky): before " + two.get(worker)
                                + ", after " + three.get(worker));
            }
        } finally {
            group.values().forEach(c -> c.close(Duration.ofSeconds(5)));
        }
    }

    private static void join(Map<String, KafkaConsumer<String, byte[]>> group, String workerId, Topics topics,
                             KafkaSettings settings) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(IntakeConfig.consumer(settings, workerId, 2));
        consumer.subscribe(topics.allRenderTasks());
        group.put(workerId, consumer);
    }

    /**
     * Polls every member (a poll is where a classic member rebalances) until the assignment is
     * per-topic balanced and unchanged for a while; any exception from a poll fails the test.
     */
    private static Map<String, Set<TopicPartition>> settle(Map<String, KafkaConsumer<String, byte[]>> group,
                                                           List<String> topics) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Map<String, Set<TopicPartition>> last = Map.of();
        int stableRounds = 0;
        while (stableRounds < 5) {
            if (System.nanoTime() > deadline) {
                fail("not balanced per topic within " + SETTLE + ": " + last);
            }
            Map<String, Set<TopicPartition>> now = new LinkedHashMap<>();
            group.forEach((id, consumer) -> {
                consumer.poll(Duration.ofMillis(100));
                now.put(id, new HashSet<>(consumer.assignment()));
            });
            stableRounds = now.equals(last) && balanced(now, topics) ? stableRounds + 1 : 0;
            last = now;
        }
        return last;
    }

    private static boolean balanced(Map<String, Set<TopicPartition>> assignment, List<String> topics) {
        Set<TopicPartition> seen = new HashSet<>();
        for (Set<TopicPartition> mine : assignment.values()) {
            for (TopicPartition tp : mine) {
                if (!seen.add(tp)) {
                    return false;
                }
            }
        }
        int floor = PARTITIONS / assignment.size();
        int ceil = floor + (PARTITIONS % assignment.size() == 0 ? 0 : 1);
        for (String topic : topics) {
            for (Set<TopicPartition> mine : assignment.values()) {
                long n = mine.stream().filter(tp -> tp.topic().equals(topic)).count();
                if (n < floor || n > ceil) {
                    return false;
                }
            }
        }
        return seen.size() == PARTITIONS * topics.size();
    }

    private static String createTopic(String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get();
        }
        return name;
    }
}

package io.mixfarm.reliability;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/** The workers' consumer group as the broker sees it. */
final class Groups {

    static final String WORKERS = "mixfarm-workers";

    private Groups() {
    }

    /**
     * Waits until every one of {@code workerIds} holds its share of every topic the group reads:
     * floor or ceil of the topic's partitions over the workers. Only then do songs placed on
     * consecutive partitions split evenly between the workers (joining takes two rebalances: the
     * first takes partitions from their owner, the second hands them out).
     */
    static void awaitMembers(String bootstrap, Set<String> workerIds, Duration timeout) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, Map<String, Integer>> seen = new HashMap<>();
            try {
                awaitShares(admin, workerIds, seen, timeout);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; partitions held per topic: " + seen, e);
            }
        }
    }

    private static void awaitShares(Admin admin, Set<String> workerIds, Map<String, Map<String, Integer>> seen,
                                    Duration timeout) throws InterruptedException {
        Rig.await("workers " + workerIds + " hold their share of every topic", timeout, () -> {
            try {
                return holdShares(admin, workerIds, seen);
            } catch (ExecutionException e) {
                return false;
            }
        });
    }

    /** Fills {@code seen} with the partitions each member holds per topic; true when all are shared out. */
    private static boolean holdShares(Admin admin, Set<String> workerIds, Map<String, Map<String, Integer>> seen)
            throws ExecutionException, InterruptedException {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(WORKERS)).all().get().get(WORKERS);
        seen.clear();
        for (MemberDescription m : group.members()) {
            Map<String, Integer> perTopic = seen.computeIfAbsent(workerId(m), k -> new TreeMap<>());
            m.assignment().topicPartitions().forEach(tp -> perTopic.merge(tp.topic(), 1, Integer::sum));
        }
        Set<String> topics = new HashSet<>();
        seen.values().forEach(perTopic -> topics.addAll(perTopic.keySet()));
        if (topics.isEmpty()) {
            return false;
        }
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
        for (String topic : topics) {
            int partitions = described.get(topic).partitions().size();
            int floor = partitions / workerIds.size();
            int ceil = floor + (partitions % workerIds.size() == 0 ? 0 : 1);
            for (String worker : workerIds) {
                int held = seen.getOrDefault(worker, Map.of()).getOrDefault(topic, 0);
                if (held < floor || held > ceil) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String workerId(MemberDescription member) {
        return member.groupInstanceId().orElse(member.clientId());
    }
}

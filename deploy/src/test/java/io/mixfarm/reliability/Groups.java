package io.mixfarm.reliability;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** The workers' consumer group as the broker sees it. */
final class Groups {

    static final String WORKERS = "mixfarm-workers";

    private Groups() {
    }

    /** Waits until every one of {@code workerIds} holds at least one partition of the group. */
    static void awaitMembers(String bootstrap, Set<String> workerIds, Duration timeout) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Rig.await("workers " + workerIds + " hold partitions", timeout, () -> {
                try {
                    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(WORKERS)).all().get().get(WORKERS);
                    Set<String> holding = group.members().stream()
                            .filter(m -> !m.assignment().topicPartitions().isEmpty())
                            .map(Groups::workerId).collect(Collectors.toSet());
                    return holding.containsAll(workerIds);
                } catch (ExecutionException e) {
                    return false;
                }
            });
        }
    }

    private static String workerId(MemberDescription member) {
        return member.groupInstanceId().orElse(member.clientId());
    }
}

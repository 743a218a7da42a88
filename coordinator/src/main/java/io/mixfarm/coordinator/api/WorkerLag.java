package io.mixfarm.coordinator.api;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How far the workers' consumer group is behind on the render-tasks topics (one per priority
 * class): the sum over their
 * partitions of the end offset minus the group's committed offset (a partition the group has not
 * committed on counts from its earliest offset). The coordinator writes tasks in transactions,
 * and each transaction leaves a commit marker after its records that takes an offset but is never
 * consumed: the marker that ends a partition is not counted, so an idle farm shows 0 (a backlog
 * of several transactions on one partition still counts their other markers, a few too many).
 * Asked of Kafka's admin API at most once per {@link #CACHE_FOR}, so a dashboard polling every
 * second costs little.
 */
public final class WorkerLag {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLag.class);
    static final Duration CACHE_FOR = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * The answer.
     *
     * @param records   tasks published but not yet consumed; null when Kafka could not be asked
     * @param consumers members of the group now; null when Kafka could not be asked
     */
    public record Lag(Long records, Integer consumers) {
    }

    private final Admin admin;
    private final String group;
    private final java.util.List<String> topics;
    private Lag last = new Lag(null, null);
    private long lastAtNanos;
    private boolean asked;
    private boolean failing;

    /** @param topics the render-tasks topics (one per priority class); their lags add up */
    public WorkerLag(Admin admin, String group, java.util.List<String> topics) {
        this.admin = admin;
        this.group = group;
        this.topics = java.util.List.copyOf(topics);
    }

    /** The lag, from cache when asked within {@link #CACHE_FOR}. Blocks up to a few seconds: call off the HTTP threads. */
    public synchronized Lag current() {
        long now = System.nanoTime();
        if (asked && now - lastAtNanos < CACHE_FOR.toNanos()) {
            return last;
        }
        asked = true;
        lastAtNanos = now;
        try {
            last = query();
            failing = false;
        } catch (Exception e) {
            if (!failing) { // once per outage, not on every poll
                LOG.warn("the workers' lag cannot be read from Kafka: {}", e.toString());
            }
            failing = true;
            last = new Lag(null, null);
        }
        return last;
    }

    private Lag query() throws Exception {
        long ms = TIMEOUT.toMillis();
        Map<String, org.apache.kafka.clients.admin.TopicDescription> described =
                admin.describeTopics(topics).allTopicNames().get(ms, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < described.get(topic).partitions().size(); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(ms, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        try {
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(ms, TimeUnit.MILLISECONDS)
                    .forEach((tp, at) -> {
                        if (at != null) {
                            committed.put(tp, at);
                        }
                    });
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
            // no worker has joined yet: every task is behind
        }
        Map<TopicPartition, OffsetSpec> uncommitted = new HashMap<>();
        for (TopicPartition tp : latest.keySet()) {
            if (committed.get(tp) == null) {
                uncommitted.put(tp, OffsetSpec.earliest());
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = uncommitted.isEmpty() ? Map.of()
                : admin.listOffsets(uncommitted).all().get(ms, TimeUnit.MILLISECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            long from = at != null ? at.offset() : starts.get(end.getKey()).offset();
            // minus the trailing commit marker (see above)
            lag += Math.max(0, end.getValue().offset() - from - 1);
        }
        int consumers;
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(java.util.List.of(group))
                    .describedGroups().get(group).get(ms, TimeUnit.MILLISECONDS);
            consumers = description.members().size();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
            consumers = 0;
        }
        return new Lag(lag, consumers);
    }
}

package io.mixfarm.worker.intake;

import io.mixfarm.worker.settings.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Measures, every few seconds and off the intake thread (whose polls must never wait), how far
 * behind this worker is on each partition it holds: the end offset less the intake's position
 * (the records not taken yet), or less the group's committed offset while the position is not
 * known. Positions step over the coordinator's transaction markers, committed offsets do not (an
 * idle partition would show a lag of one). Uses its own admin client; a measurement that got
 * answers also tells readiness the broker is reachable.
 */
public final class LagProbe implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LagProbe.class);
    private static final Duration EVERY = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(4);
    /** The broker counts as reachable while it answered a measurement within this long. */
    private static final Duration CONTACT_WITHIN = Duration.ofSeconds(30);

    private final Admin admin;
    private final String groupId;
    private final String topic;
    private final Supplier<Set<TopicPartition>> assignment;
    private final Supplier<Map<TopicPartition, Long>> positions;
    private final Consumer<Map<TopicPartition, Long>> sink;
    private final ScheduledExecutorService timer;
    private volatile long lastContact;

    /**
     * Starts measuring at once.
     *
     * @param assignment the partitions the intake holds now
     * @param positions  the intake's known positions
     * @param sink       gets the lag per held partition (of every priority class's topic) after each measurement
     */
    public LagProbe(KafkaSettings kafka, String workerId, Supplier<Set<TopicPartition>> assignment,
                    Supplier<Map<TopicPartition, Long>> positions, Consumer<Map<TopicPartition, Long>> sink) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, workerId + "-lag");
        this.admin = Admin.create(config);
        this.groupId = kafka.groupId();
        this.topic = kafka.topics().renderTasks();
        this.assignment = assignment;
        this.positions = positions;
        this.sink = sink;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mixfarm-lag-" + workerId);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::measure, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the broker answered a measurement in the last 30 s. */
    public boolean connected() {
        long contact = lastContact;
        return contact != 0 && System.nanoTime() - contact < CONTACT_WITHIN.toNanos();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }

    private void measure() {
        Set<TopicPartition> held = Set.copyOf(assignment.get());
        try {
            // With nothing held, the end of partition 0 still shows whether the broker answers.
            Set<TopicPartition> asked = held.isEmpty() ? Set.of(new TopicPartition(topic, 0)) : held;
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            asked.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = held.isEmpty() ? Map.of()
                    : admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> starts = held.isEmpty() ? Map.of() : earliestWithoutCommit(held, committed);
            lastContact = System.nanoTime();
            Map<TopicPartition, Long> taken = positions.get();
            Map<TopicPartition, Long> lag = new TreeMap<>(
                    java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            for (TopicPartition p : held) {
                OffsetAndMetadata done = committed.get(p);
                long from = taken.containsKey(p) ? taken.get(p)
                        : done != null ? done.offset() : starts.getOrDefault(p, 0L);
                lag.put(p, Math.max(0, ends.get(p).offset() - from));
            }
            sink.accept(lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("lag not measured: {}", e.toString());
        }
    }

    /** Where the intake starts on partitions the group never committed (auto.offset.reset=earliest). */
    private Map<TopicPartition, Long> earliestWithoutCommit(Set<TopicPartition> held,
                                                            Map<TopicPartition, OffsetAndMetadata> committed)
            throws Exception {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        held.stream().filter(p -> committed.get(p) == null).forEach(p -> earliest.put(p, OffsetSpec.earliest()));
        if (earliest.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> starts = new HashMap<>();
        admin.listOffsets(earliest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((p, info) -> starts.put(p, info.offset()));
        return starts;
    }
}

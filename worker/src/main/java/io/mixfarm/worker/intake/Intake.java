package io.mixfarm.worker.intake;

import io.mixfarm.contract.ContractException;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.worker.settings.KafkaSettings;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes render tasks off Kafka on its own thread and hands them to the render slots.
 *
 * <p>It keeps polling all the time, so a long render never exceeds {@code max.poll.interval.ms}:
 * while every slot is busy (or the worker is draining) it pauses all assigned partitions and
 * polls for nothing. A task's offset is committed only after the task finished (outputs written,
 * final event acknowledged); tasks of one partition finish out of order, so each partition
 * commits up to its lowest unfinished offset ({@link OffsetLedger}). On revocation it commits
 * what is finished and forgets the partition: its tasks still running finish but do not commit
 * (the new owner renders them again, writing the same objects). Unreadable records are
 * dead-lettered as POISON and committed.
 *
 * <p>Priorities: it subscribes to every class's tasks topic ({@link io.mixfarm.contract.Topics#allRenderTasks()})
 * and polls a class's partitions while fewer of its tasks wait than slots are free — and, so a
 * freed slot has a real choice, while none of its tasks waits even when every slot is busy: a
 * worker holds at most one unstarted task per class beyond its free slots. A free slot takes the
 * class the {@link PriorityPicker} chooses (the highest waiting, with a bounded number of passes
 * over a lower one), oldest task of that class first. Offsets stay per partition, as above.
 *
 * <p>Everything touching the consumer runs on the intake thread; other threads talk to it
 * through an inbox of actions run between polls.
 */
public final class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BUSY_POLL = Duration.ofMillis(5);
    /**
     * While tasks run, finished offsets are committed at most this often: one commit request per
     * short task was a broker request per song for nothing (a crash re-delivers at most this much
     * more finished work, whose outputs are the same objects). An idle worker commits at once.
     */
    static final long COMMIT_INTERVAL_NANOS = Duration.ofMillis(200).toNanos();

    private final KafkaSettings kafka;
    private final String workerId;
    private final int slots;
    private final TaskSink sink;
    private final PoisonHandler poison;
    private final Consumer<String, byte[]> consumer;
    private final OffsetLedger ledger = new OffsetLedger();
    private final List<Delivery> waiting = new ArrayList<>();
    private final PriorityPicker picker = new PriorityPicker(PriorityPicker.DEFAULT_MAX_PASSED);
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> stoppedTaking = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicInteger revocations = new AtomicInteger();
    private final Thread thread;
    private int inFlight;
    private long lastCommitNanos = System.nanoTime() - COMMIT_INTERVAL_NANOS;
    private volatile boolean taking = true;
    private volatile boolean closing;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile Map<TopicPartition, Long> positions = Map.of();

    /**
     * An intake that is not polling yet.
     *
     * @param slots  tasks handed out at most at once
     * @param sink   where tasks go
     * @param poison dead-letters records that are not render tasks
     */
    public Intake(KafkaSettings kafka, String workerId, int slots, TaskSink sink, PoisonHandler poison) {
        this.kafka = kafka;
        this.workerId = workerId;
        this.slots = slots;
        this.sink = sink;
        this.poison = poison;
        this.consumer = new KafkaConsumer<>(IntakeConfig.consumer(kafka, workerId, slots));
        this.thread = new Thread(this::run, "mixfarm-intake-" + workerId);
    }

    /** Subscribes and starts polling. */
    public void start() {
        thread.start();
    }

    /**
     * A task handed out earlier has ended; with {@code commit} its offset may be committed (its
     * outputs are written and its final event acknowledged). Any thread.
     */
    public void taskEnded(Delivery delivery, boolean commit) {
        inbox.add(() -> {
            inFlight--;
            if (commit && !ledger.finished(delivery.partition(), delivery.epoch(), delivery.offset())) {
                log.info("{} finished after its partition was revoked; not committing it", delivery);
            } else if (!commit) {
                log.warn("{} ended without its offset being committable; it will be delivered again", delivery);
            }
        });
    }

    /** Stops handing out tasks and pauses every partition; completes once the poll loop did. */
    public CompletableFuture<Void> stopTaking() {
        taking = false;
        return stoppedTaking;
    }

    /**
     * Commits what finished, leaves the group and closes the consumer; completes when done (or
     * exceptionally when the intake failed).
     */
    public CompletableFuture<Void> close() {
        taking = false;
        closing = true;
        if (!thread.isAlive() && !stopped.isDone()) {
            consumer.close();
            stopped.complete(null);
        }
        return stopped;
    }

    /** Completes when the intake stopped, normally or by a fatal consumer error. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** The partitions assigned after the last rebalance. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /** How many rebalances took partitions away from this worker. */
    public int revocations() {
        return revocations.get();
    }

    /**
     * The consumer's position on each held partition whose position is known, as of the last
     * poll (for the lag: past transaction markers, unlike committed offsets).
     */
    public Map<TopicPartition, Long> positions() {
        return positions;
    }

    /** Polling and handing out tasks: not stopped, not draining, not failed (readiness). */
    public boolean taking() {
        return thread.isAlive() && taking && !closing;
    }

    private void run() {
        try {
            consumer.subscribe(kafka.topics().allRenderTasks(), new Rebalance());
            while (!closing) {
                runInbox();
                handOut();
                applyPause();
                commitAsync();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout())) {
                    take(record);
                }
                notePositions();
            }
            runInbox();
            commitSync(ledger.committable(), "on close");
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            log.info("intake of {} closed; left group {}", workerId, kafka.groupId());
            stopped.complete(null);
        } catch (RuntimeException | Error e) {
            log.error("intake of {} failed; the worker stops taking tasks", workerId, e);
            try {
                consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            stoppedTaking.complete(null);
            stopped.completeExceptionally(e);
        }
    }

    /** Positions known without asking the broker: a known lag means a known position. */
    private void notePositions() {
        Map<TopicPartition, Long> known = new java.util.HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            if (consumer.currentLag(partition).isPresent()) {
                known.put(partition, consumer.position(partition));
            }
        }
        positions = Map.copyOf(known);
    }

    private void runInbox() {
        Runnable action;
        while ((action = inbox.poll()) != null) {
            action.run();
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        long epoch = ledger.epoch(partition);
        if (epoch < 0) {
            return; // not ours any more (cannot happen within one poll, but never commit a stranger's offset)
        }
        ledger.received(partition, record.offset());
        RenderTask task;
        try {
            task = ContractJson.read(record.value(), RenderTask.class);
        } catch (ContractException | IllegalArgumentException e) {
            // Whatever the payload holds, it must not take the intake down: it is poison.
            Delivery unreadable = new Delivery(partition, record.offset(), epoch, record.key(), record.value(), null);
            log.warn("{} is not a render task ({}); dead-lettering it", unreadable, e.getMessage());
            deadLetter(unreadable, e.getMessage());
            return;
        }
        waiting.add(new Delivery(partition, record.offset(), epoch, record.key(), record.value(), task));
    }

    private void deadLetter(Delivery unreadable, String reason) {
        poison.deadLetter(unreadable, reason).whenComplete((ok, error) -> inbox.add(() -> {
            if (error == null) {
                ledger.finished(unreadable.partition(), unreadable.epoch(), unreadable.offset());
            } else if (ledger.epoch(unreadable.partition()) == unreadable.epoch() && !closing) {
                log.warn("cannot dead-letter {} yet: {}; trying again", unreadable, error.getMessage());
                deadLetter(unreadable, reason);
            }
        }));
    }

    /**
     * While a task runs, a slot may free up at any moment, and the poll is what notices it: wait
     * briefly then, so a short render's slot does not stay idle for a whole poll timeout.
     */
    private Duration pollTimeout() {
        Duration configured = kafka.pollTimeout();
        return inFlight > 0 && configured.compareTo(BUSY_POLL) > 0 ? BUSY_POLL : configured;
    }

    /** Hands waiting tasks to free slots: the class the picker chooses, then in arrival order. */
    private void handOut() {
        while (taking && inFlight < slots && !waiting.isEmpty()) {
            Set<Priority> classes = EnumSet.noneOf(Priority.class);
            waiting.forEach(d -> classes.add(classOf(d.partition())));
            Priority chosen = picker.pick(classes);
            Delivery next = waiting.stream().filter(d -> classOf(d.partition()) == chosen).findFirst().orElseThrow();
            waiting.remove(next);
            inFlight++;
            sink.accept(next);
        }
    }

    /**
     * Polls a class's partitions only while fewer of its tasks wait than slots are free, or none
     * of them waits; none while the worker drains. A worker holds little it cannot start.
     */
    private void applyPause() {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        Set<TopicPartition> paused = consumer.paused();
        for (TopicPartition partition : consumer.assignment()) {
            boolean full = saturated(classOf(partition));
            if (full && !paused.contains(partition)) {
                pause.add(partition);
            } else if (!full && paused.contains(partition)) {
                resume.add(partition);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        if (!taking) {
            stoppedTaking.complete(null);
        }
    }

    private boolean saturated(Priority priority) {
        if (!taking) {
            return true;
        }
        long waitingOfClass = waiting.stream().filter(d -> classOf(d.partition()) == priority).count();
        return waitingOfClass >= Math.max(1, slots - inFlight);
    }

    /** The class of a partition's topic (the class of the tasks the coordinator put there). */
    private Priority classOf(TopicPartition partition) {
        return kafka.topics().priorityOf(partition.topic()).orElse(Priority.NORMAL);
    }

    private void commitAsync() {
        long now = System.nanoTime();
        if (inFlight > 0 && now - lastCommitNanos < COMMIT_INTERVAL_NANOS) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.committable();
        if (offsets.isEmpty()) {
            return;
        }
        lastCommitNanos = now;
        ledger.requested(offsets);
        consumer.commitAsync(offsets, (done, error) -> {
            if (error == null) {
                ledger.committed(done);
            } else {
                log.warn("commit of {} failed ({}); it will be retried", offsets, error.getMessage());
                ledger.commitFailed(offsets);
            }
        });
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, String when) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, CLOSE_TIMEOUT);
            ledger.committed(offsets);
        } catch (KafkaException e) {
            log.warn("commit of {} {} failed: {}; those tasks will be delivered again", offsets, when, e.getMessage());
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            ledger.revoke(partition);
        }
        waiting.removeIf(d -> partitions.contains(d.partition()));
    }

    /** Runs inside poll() on the intake thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            runInbox();
            commitSync(ledger.committable(partitions), "on revocation");
            forget(partitions);
            revocations.incrementAndGet();
            assignment = Set.copyOf(consumer.assignment().stream().filter(p -> !partitions.contains(p)).toList());
            log.info("{} gave up partitions {}", workerId, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
            revocations.incrementAndGet();
            assignment = Set.of();
            log.warn("{} lost partitions {} (not committing them)", workerId, partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                ledger.assign(partition);
            }
            List<TopicPartition> full = partitions.stream().filter(p -> saturated(classOf(p))).toList();
            if (!full.isEmpty()) {
                consumer.pause(full);
            }
            assignment = Set.copyOf(consumer.assignment());
            if (!partitions.isEmpty()) {
                log.info("{} took partitions {}", workerId, partitions);
            }
        }
    }
}

package io.mixfarm.worker.intake;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which offsets may be committed. Tasks of one partition run in parallel and finish out of
 * order, so a partition's commit point is its lowest offset received but not finished (or one
 * past the highest received when all are finished): committing it never skips an unfinished task.
 * Used by the intake thread only.
 */
final class OffsetLedger {

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private long lastEpoch;

    /** Starts tracking a newly assigned partition; returns the epoch of this assignment. */
    long assign(TopicPartition partition) {
        long epoch = ++lastEpoch;
        partitions.put(partition, new PartitionState(epoch));
        return epoch;
    }

    /** Forgets a partition that is no longer ours (its unfinished tasks will not commit). */
    void revoke(TopicPartition partition) {
        partitions.remove(partition);
    }

    /** The current assignment's epoch, or -1 when the partition is not assigned. */
    long epoch(TopicPartition partition) {
        PartitionState state = partitions.get(partition);
        return state == null ? -1 : state.epoch;
    }

    /** A record was taken off the partition (to render, or to dead-letter). */
    void received(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state == null) {
            throw new IllegalStateException("record from " + partition + " which is not assigned");
        }
        state.pending.add(offset);
        state.next = Math.max(state.next, offset + 1);
    }

    /**
     * The record at {@code offset} is done (outputs written, final event acknowledged).
     *
     * @return false when it belongs to an earlier assignment of the partition (ignored)
     */
    boolean finished(TopicPartition partition, long epoch, long offset) {
        PartitionState state = partitions.get(partition);
        if (state == null || state.epoch != epoch) {
            return false;
        }
        return state.pending.remove(offset);
    }

    /** Offsets to commit for every partition whose commit point moved since the last commit. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        return committable(partitions.keySet());
    }

    /** Offsets to commit for those of {@code subset} whose commit point moved. */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> subset) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : subset) {
            PartitionState state = partitions.get(partition);
            if (state == null) {
                continue;
            }
            long point = state.commitPoint();
            if (point > state.requested) {
                offsets.put(partition, new OffsetAndMetadata(point));
            }
        }
        return offsets;
    }

    /** Records that a commit of {@code offsets} was sent (so it is not sent again). */
    void requested(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionState state = partitions.get(partition);
            if (state != null) {
                state.requested = Math.max(state.requested, offset.offset());
            }
        });
    }

    /** Records that {@code offsets} were committed (the broker acknowledged the commit). */
    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionState state = partitions.get(partition);
            if (state != null) {
                state.committed = Math.max(state.committed, offset.offset());
                state.requested = Math.max(state.requested, state.committed);
            }
        });
    }

    /** A commit of {@code offsets} failed: they become committable again. */
    void commitFailed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.keySet().forEach(partition -> {
            PartitionState state = partitions.get(partition);
            if (state != null) {
                state.requested = state.committed;
            }
        });
    }

    /** The last acknowledged commit of a partition, or -1. */
    long committedOffset(TopicPartition partition) {
        PartitionState state = partitions.get(partition);
        return state == null ? -1 : state.committed;
    }

    /** Unfinished records over all partitions. */
    int pending() {
        return partitions.values().stream().mapToInt(s -> s.pending.size()).sum();
    }

    private static final class PartitionState {
        final long epoch;
        final TreeSet<Long> pending = new TreeSet<>();
        long next = -1;
        long committed = -1;
        long requested = -1;

        PartitionState(long epoch) {
            this.epoch = epoch;
        }

        long commitPoint() {
            if (next < 0) {
                return -1;
            }
            return pending.isEmpty() ? next : Math.min(pending.first(), next);
        }
    }
}

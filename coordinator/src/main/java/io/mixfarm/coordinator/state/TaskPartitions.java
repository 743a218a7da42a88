package io.mixfarm.coordinator.state;

import io.mixfarm.contract.Topics;

import java.util.Map;

/**
 * Where a song's tasks go: the songs of a session on consecutive partitions of its tasks topic,
 * from a start that depends on the session id only, so an album spreads over distinct partitions
 * (and so over every worker, each holding its share of every topic) instead of wherever the hash
 * of each key happens to fall. A song's tasks — every phase and attempt — share one partition.
 *
 * <p>Partition counts are the live topics' as read at start ({@code live}); a topic missing there
 * counts as configured. A topic given more partitions while the coordinator runs keeps the old
 * count until a restart (its tasks still land on existing partitions).
 */
public final class TaskPartitions {

    private final Topics topics;
    private final Map<String, Integer> live;

    /** @param live partition counts of the task topics as the cluster reports them (may be partial) */
    public TaskPartitions(Topics topics, Map<String, Integer> live) {
        this.topics = topics;
        this.live = Map.copyOf(live);
    }

    /** Counts as configured (no cluster to ask). */
    public static TaskPartitions configured(Topics topics) {
        return new TaskPartitions(topics, Map.of());
    }

    /** The partition of song {@code songIndex} (its position in the manifest) of session {@code sessionId}. */
    public int partition(String topic, String sessionId, int songIndex) {
        int count = live.getOrDefault(topic, topics.partitionsOf(topic));
        // String.hashCode is specified by the JDK: the same start on every coordinator and restart.
        return (int) Math.floorMod((long) sessionId.hashCode() + songIndex, (long) count);
    }
}

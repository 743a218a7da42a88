package io.mixfarm.contract;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The farm's Kafka topics: names, partitions and replication, shared by coordinator and workers.
 *
 * @param renderTasks       NORMAL tasks, keyed {@code <sessionId>/<songId>}; URGENT and BACKFILL
 *                          tasks go to {@code <renderTasks>.urgent} and {@code <renderTasks>.backfill}
 *                          ({@link #renderTasks(Priority)})
 * @param taskEvents        events, keyed like the tasks
 * @param sessions          compacted session state, keyed {@code sessionId}
 * @param deadLetter        tasks given up on
 * @param partitions        partitions of the tasks and events topics: the most workers that
 *                          can render at once
 * @param replicationFactor 1 for a single broker (standalone); 3 in production
 */
public record Topics(
        String renderTasks,
        String taskEvents,
        String sessions,
        String deadLetter,
        int partitions,
        short replicationFactor) {

    public static final int DEFAULT_PARTITIONS = 12;

    // Kafka's rule for topic names.
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public Topics {
        name(renderTasks, "renderTasks");
        name(taskEvents, "taskEvents");
        name(sessions, "sessions");
        name(deadLetter, "deadLetter");
        name(renderTasks + ".backfill", "renderTasks");
        if (new HashSet<>(List.of(renderTasks, taskEvents, sessions, deadLetter, renderTasks + ".urgent",
                renderTasks + ".backfill")).size() != 6) {
            throw new IllegalArgumentException("topic names must differ: " + renderTasks + ", " + taskEvents
                    + ", " + sessions + ", " + deadLetter);
        }
        if (partitions < 1 || partitions > 10_000) {
            throw new IllegalArgumentException("topics.partitions is " + partitions + "; expected 1..10000");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topics.replicationFactor is " + replicationFactor + "; at least 1");
        }
    }

    /** {@code mixfarm.render-tasks} and friends, 12 partitions, one replica (standalone). */
    public static Topics defaults() {
        return withPrefix("mixfarm", DEFAULT_PARTITIONS, (short) 1);
    }

    /** Topics named {@code <prefix>.render-tasks}, ... (one prefix per farm sharing a cluster). */
    public static Topics withPrefix(String prefix, int partitions, short replicationFactor) {
        return new Topics(prefix + ".render-tasks", prefix + ".task-events", prefix + ".sessions",
                prefix + ".dead-letter", partitions, replicationFactor);
    }

    /**
     * The topic of a class's render tasks: NORMAL keeps the plain name (a farm that never uses
     * priorities has one tasks topic, as before); the others add {@code .urgent} or {@code .backfill}.
     */
    public String renderTasks(Priority priority) {
        return priority == Priority.NORMAL ? renderTasks : renderTasks + "." + priority.label();
    }

    /** Every render-tasks topic, the highest class first (what a worker subscribes to). */
    public List<String> allRenderTasks() {
        return java.util.Arrays.stream(Priority.values()).map(this::renderTasks).toList();
    }

    /** The class whose tasks {@code topic} holds; empty for a topic that holds no tasks. */
    public java.util.Optional<Priority> priorityOf(String topic) {
        return java.util.Arrays.stream(Priority.values()).filter(p -> renderTasks(p).equals(topic)).findFirst();
    }

    /**
     * Largest message on the sessions topic: a session record holds its whole manifest (the
     * manifest parser accepts up to 10 MiB). Producers writing session records need
     * {@code max.request.size} at least this large.
     */
    public static final int MAX_SESSION_MESSAGE_BYTES = 16 * 1024 * 1024;

    /**
     * Topic-level settings beyond partitions and replicas: the sessions topic is compacted
     * (latest record per key, kept forever) and takes manifests of many songs.
     */
    public Map<String, Map<String, String>> topicConfigs() {
        return Map.of(
                renderTasks, Map.of(),
                renderTasks(Priority.URGENT), Map.of(),
                renderTasks(Priority.BACKFILL), Map.of(),
                taskEvents, Map.of(),
                sessions, Map.of("cleanup.policy", "compact",
                        "max.message.bytes", String.valueOf(MAX_SESSION_MESSAGE_BYTES)),
                deadLetter, Map.of());
    }

    /** Partitions for a topic: the sessions and dead-letter topics need no parallelism. */
    public int partitionsOf(String topic) {
        return priorityOf(topic).isPresent() || topic.equals(taskEvents) ? partitions : 1;
    }

    private static void name(String name, String field) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("topics." + field + " \"" + name
                    + "\" is not a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
        }
    }
}

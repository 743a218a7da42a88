package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

import java.time.Instant;

/**
 * What happened to a task, on the task-events topic under the song's key ({@link #key()}).
 * Exactly the detail of its kind is set: {@code progress} for PROGRESS, {@code completion} for
 * COMPLETED, {@code failure} for FAILED.
 *
 * @param workerId the worker that sent it (its pod name in Kubernetes)
 * @param at       when it happened, by the worker's clock
 */
public record TaskEvent(
        int v,
        String taskId,
        String sessionId,
        String songId,
        int attempt,
        String workerId,
        Instant at,
        Kind kind,
        Progress progress,
        Completion completion,
        Failure failure) implements ContractMessage {

    public TaskEvent {
        Checks.version(v, "TaskEvent");
        Checks.text(taskId, "TaskEvent.taskId");
        Checks.text(sessionId, "TaskEvent.sessionId");
        Checks.text(songId, "TaskEvent.songId");
        Checks.positive(attempt, "TaskEvent.attempt");
        Checks.text(workerId, "TaskEvent.workerId");
        Checks.required(at, "TaskEvent.at");
        Checks.required(kind, "TaskEvent.kind");
        checkDetail(kind == Kind.PROGRESS, progress, "progress", kind);
        checkDetail(kind == Kind.COMPLETED, completion, "completion", kind);
        checkDetail(kind == Kind.FAILED, failure, "failure", kind);
    }

    /** The worker took the task off the topic. */
    public static TaskEvent accepted(RenderTask task, String workerId, Instant at) {
        return of(task, workerId, at, Kind.ACCEPTED, null, null, null);
    }

    /** A render slot started the task. */
    public static TaskEvent started(RenderTask task, String workerId, Instant at) {
        return of(task, workerId, at, Kind.STARTED, null, null, null);
    }

    public static TaskEvent progress(RenderTask task, String workerId, Instant at, Progress progress) {
        return of(task, workerId, at, Kind.PROGRESS, progress, null, null);
    }

    /** Outputs are written; the task's offset is committed after this event is acknowledged. */
    public static TaskEvent completed(RenderTask task, String workerId, Instant at, Completion completion) {
        return of(task, workerId, at, Kind.COMPLETED, null, completion, null);
    }

    public static TaskEvent failed(RenderTask task, String workerId, Instant at, Failure failure) {
        return of(task, workerId, at, Kind.FAILED, null, null, failure);
    }

    /** The Kafka key, {@code <sessionId>/<songId>}. */
    public String key() {
        return TaskIds.songKey(sessionId, songId);
    }

    private static TaskEvent of(RenderTask task, String workerId, Instant at, Kind kind,
                                Progress progress, Completion completion, Failure failure) {
        return new TaskEvent(SCHEMA_VERSION, task.taskId(), task.sessionId(), task.songId(), task.attempt(),
                workerId, at, kind, progress, completion, failure);
    }

    private static void checkDetail(boolean expected, Object detail, String name, Kind kind) {
        if (expected && detail == null) {
            throw new IllegalArgumentException("TaskEvent." + name + " is missing for a " + kind + " event");
        }
        if (!expected && detail != null && kind != Kind.UNKNOWN) {
            throw new IllegalArgumentException("TaskEvent." + name + " is set on a " + kind + " event");
        }
    }

    /** What happened. */
    public enum Kind {
        ACCEPTED, STARTED, PROGRESS, COMPLETED, FAILED,
        /** A kind added by a newer worker; readers skip it. */
        @JsonEnumDefaultValue UNKNOWN
    }
}

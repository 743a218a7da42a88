package io.mixfarm.coordinator.state;

import io.mixfarm.contract.SongRecord;

/** A song's state as the API shows it: the stored status, with a task out told apart by what the worker said. */
public enum SongStatus {
    /** Waiting for a phase that cannot start yet (MASTER before the album gain). */
    WAITING,
    /** Its task is published; no worker has reported on it yet. */
    QUEUED,
    /** A worker took the task. */
    RUNNING,
    /** The last attempt failed on something transient; the next one is published after a delay. */
    RETRYING,
    COMPLETED,
    FAILED,
    CANCELLED;

    static SongStatus of(SongState song) {
        SongRecord.Status status = song.record.status();
        return switch (status) {
            case WAITING -> WAITING;
            case COMPLETED -> COMPLETED;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
            default -> song.retryScheduled ? RETRYING : song.workerId != null ? RUNNING : QUEUED;
        };
    }
}

package io.mixfarm.worker.task;

import io.mixfarm.contract.Failure;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Progress;

import java.time.Duration;
import java.util.Map;

/**
 * What the render slots tell the worker's metrics. Attempts are counted: a task retried twice
 * starts three times. Implementations are thread-safe (the pipeline runs on the blocking
 * dispatcher, the actors elsewhere).
 */
public interface TaskMetrics {

    /** Records nothing (tests that do not look at metrics). */
    TaskMetrics NONE = new TaskMetrics() {
    };

    /** An attempt of a {@code phase} task starts. */
    default void attemptStarted(Phase phase) {
    }

    /** An attempt rendered and uploaded everything; {@code took} from fetch to the last upload. */
    default void attemptCompleted(Phase phase, Duration took) {
    }

    /**
     * An attempt failed: {@code reason} is RETRIABLE when it will be tried again, else the reason
     * class of the task's final failure.
     */
    default void attemptFailed(Failure.ReasonClass reason) {
    }

    /** A task (or an unreadable record) went to the dead-letter topic. */
    default void deadLettered() {
    }

    /** Where one attempt spent its time, per stage it went through. */
    default void stageTimes(Map<Progress.Stage, Duration> times) {
    }

    /** Seconds of song audio one attempt mixed. */
    default void audioRendered(double seconds) {
    }

    /** Tasks in the render slots now. */
    default void slotsBusy(int busy) {
    }

    /** A render starts on the blocking dispatcher; the returned handle is closed when it ends. */
    default InFlight renderStarted() {
        return () -> {
        };
    }

    /** A running render, for the in-flight long task timer. */
    interface InFlight extends AutoCloseable {
        @Override
        void close();
    }
}

package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why a task failed.
 *
 * @param message what went wrong, naming the file or field (shown to the user)
 */
public record Failure(ReasonClass reasonClass, String message) {

    public Failure {
        Checks.required(reasonClass, "Failure.reasonClass");
        Checks.text(message, "Failure.message");
    }

    /** What the failure means for the song. */
    public enum ReasonClass {
        /** Transient (storage or broker unavailable); a later attempt may succeed. */
        RETRIABLE,
        /** The input is wrong (corrupt audio, unreadable stem); the song fails at once. */
        PERMANENT,
        /** The task itself is unreadable or crashes workers; it is not retried. */
        POISON,
        /** Attempts ran out; the task is on the dead-letter topic. */
        DEAD_LETTERED,
        /** A class added by a newer worker; treated as permanent. */
        @JsonEnumDefaultValue UNKNOWN
    }
}

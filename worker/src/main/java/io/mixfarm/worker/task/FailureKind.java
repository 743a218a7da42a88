package io.mixfarm.worker.task;

import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.engine.error.RetriableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What a failed attempt means for the task, decided by the failure's type. */
enum FailureKind {
    /** The input is wrong (corrupt audio, missing stem, refused settings): fail the song now. */
    PERMANENT,
    /** Transient (storage, broker, a download that did not verify, local I/O): try again. */
    RETRIABLE,
    /** Anything else (a bug the input triggers): try again, and call the task poison in the end. */
    CRASH,
    /** The attempt was cancelled because the task was abandoned. */
    CANCELLED;

    static FailureKind of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof CancellationException) {
            return CANCELLED;
        }
        if (t instanceof PermanentException) {
            return PERMANENT;
        }
        if (t instanceof RetriableException || t instanceof IOException || t instanceof UncheckedIOException) {
            return RETRIABLE;
        }
        return CRASH;
    }

    /** The failure without the wrappers futures put around it. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A message for the user: the exception's own (it names the file and reason) or its type. */
    static String describe(Throwable failure) {
        Throwable t = unwrap(failure);
        String message = t.getMessage();
        if (t instanceof PermanentException || t instanceof RetriableException) {
            return message != null ? message : t.getClass().getSimpleName();
        }
        return message != null ? t.getClass().getSimpleName() + ": " + message : t.getClass().getName();
    }
}

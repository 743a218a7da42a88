package io.mixfarm.worker.storage;

import io.mixfarm.engine.error.RetriableException;

/**
 * A download did not match what was expected (size or SHA-256): the bytes are never rendered.
 * Retriable, because a transfer cut short or altered on the way succeeds when fetched again; an
 * object that itself differs from its declaration keeps failing and ends on the dead-letter topic.
 */
public class DownloadMismatchException extends RetriableException {

    public DownloadMismatchException(String message) {
        super(message);
    }
}

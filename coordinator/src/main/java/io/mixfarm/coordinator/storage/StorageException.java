package io.mixfarm.coordinator.storage;

import io.mixfarm.contract.S3Uri;

/**
 * An S3 request that failed. {@link #retriable()} tells a store that is down or throttling (try
 * later) from an answer that will not change (access denied, not found).
 */
public class StorageException extends RuntimeException {

    private final boolean retriable;

    public StorageException(S3Uri uri, String reason, boolean retriable, Throwable cause) {
        super(uri + ": " + reason, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}

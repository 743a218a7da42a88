package io.mixfarm.worker.storage;

import io.mixfarm.engine.error.MixfarmException;
import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.engine.error.RetriableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sorts S3 failures into what the worker should do: 5xx, throttling (429, 503 SlowDown),
 * conflicts on a changing object (412) and network trouble are retriable; a missing object,
 * a bucket that does not exist or access denied are permanent for the song (retrying will not
 * create the object or the permission).
 */
final class StorageFailures {

    private StorageFailures() {
    }

    /** The failure of {@code action} (e.g. "download s3://b/k") as a Mixfarm exception. */
    static MixfarmException translate(String action, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof MixfarmException m) {
            return m;
        }
        if (cause instanceof S3Exception s3) {
            int status = s3.statusCode();
            String code = s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorCode() : null;
            String what = action + " failed: HTTP " + status + (code != null ? " " + code : "");
            if (status >= 500 || status == 429 || status == 412 || status == 408 || "SlowDown".equals(code)) {
                return new RetriableException(what + " (transient)", s3);
            }
            if (status == 404) {
                return new PermanentException(action + " failed: the object does not exist" + (code != null ? " (" + code + ")" : ""), s3);
            }
            if (status == 403) {
                return new PermanentException(action + " failed: access denied (" + code + ")", s3);
            }
            return new PermanentException(what, s3);
        }
        if (cause instanceof SdkClientException || cause instanceof IOException) {
            return new RetriableException(action + " failed: " + cause.getMessage(), cause);
        }
        if (cause instanceof SdkException sdk && sdk.retryable()) {
            return new RetriableException(action + " failed: " + cause.getMessage(), cause);
        }
        return new RetriableException(action + " failed unexpectedly: " + cause, cause);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}

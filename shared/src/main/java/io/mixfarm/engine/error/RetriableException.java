package io.mixfarm.engine.error;

/** A transient failure (storage 5xx, broker unavailable): the same work may succeed later. */
public class RetriableException extends MixfarmException {
    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final boolean isRetriable() {
        return true;
    }
}

package io.mixfarm.engine.error;

/**
 * Root of Mixfarm's unchecked failures. Subclasses say what the caller should do:
 * {@link RetriableException} (try again later) or {@link PermanentException} (do not retry).
 */
public abstract class MixfarmException extends RuntimeException {
    protected MixfarmException(String message) {
        super(message);
    }

    protected MixfarmException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when repeating the same work may succeed (a transient fault). */
    public abstract boolean isRetriable();
}

package io.mixfarm.engine.error;

/** A failure that repeating the same work cannot fix: corrupt audio, an invalid manifest. */
public class PermanentException extends MixfarmException {
    public PermanentException(String message) {
        super(message);
    }

    public PermanentException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final boolean isRetriable() {
        return false;
    }
}

package io.mixfarm.engine.audio;

import io.mixfarm.engine.error.PermanentException;

/**
 * The bytes are not audio we can decode correctly: truncated, corrupt, lying headers,
 * unsupported encodings, NaN/Inf samples. The message always names the source and the reason,
 * e.g. {@code "stems/kick.wav: fmt chunk declares 0 channels"}.
 */
public class InvalidAudioException extends PermanentException {
    private final String source;
    private final String reason;

    public InvalidAudioException(String source, String reason) {
        super(source + ": " + reason);
        this.source = source;
        this.reason = reason;
    }

    public InvalidAudioException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
        this.source = source;
        this.reason = reason;
    }

    /** The file name or URI that could not be decoded. */
    public String source() {
        return source;
    }

    /** Why, without the source prefix. */
    public String reason() {
        return reason;
    }
}

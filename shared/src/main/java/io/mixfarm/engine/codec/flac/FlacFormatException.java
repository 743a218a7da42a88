package io.mixfarm.engine.codec.flac;

/**
 * A FLAC structure broke a rule of RFC 9639. Thrown inside the decoder without file context;
 * {@link FlacReader} turns it into an {@code InvalidAudioException} naming the source and frame.
 */
final class FlacFormatException extends RuntimeException {

    FlacFormatException(String reason) {
        super(reason, null, false, false);
    }
}

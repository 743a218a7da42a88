package io.mixfarm.engine.audio;

/** The ranges the engine accepts; anything outside is rejected, never clamped. */
public final class AudioLimits {
    public static final int MIN_SAMPLE_RATE = 8_000;
    public static final int MAX_SAMPLE_RATE = 384_000;
    public static final int MAX_CHANNELS = 8;

    private AudioLimits() {
    }

    /** Throws {@link InvalidAudioException} naming {@code source} if rate or channels are out of range. */
    public static void check(String source, int sampleRate, int channels) {
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new InvalidAudioException(source, "header declares " + channels
                    + " channels; supported: 1 to " + MAX_CHANNELS);
        }
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            throw new InvalidAudioException(source, "header declares a sample rate of " + sampleRate
                    + " Hz; supported: " + MIN_SAMPLE_RATE + " to " + MAX_SAMPLE_RATE + " Hz");
        }
    }
}

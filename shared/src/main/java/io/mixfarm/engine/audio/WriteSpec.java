package io.mixfarm.engine.audio;

/**
 * What to write: container, rate, channels and sample format.
 *
 * <p>WAV accepts PCM_16, PCM_24 and FLOAT_32 (it switches to RF64 by itself once data passes
 * 4 GiB); FLAC accepts PCM_16 and PCM_24.
 */
public record WriteSpec(Container container, int sampleRate, int channels, SampleFormat format) {

    public WriteSpec {
        if (container != Container.WAV && container != Container.FLAC) {
            throw new IllegalArgumentException("cannot write " + container + "; use WAV or FLAC");
        }
        if (sampleRate < AudioLimits.MIN_SAMPLE_RATE || sampleRate > AudioLimits.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " outside "
                    + AudioLimits.MIN_SAMPLE_RATE + ".." + AudioLimits.MAX_SAMPLE_RATE);
        }
        if (channels < 1 || channels > AudioLimits.MAX_CHANNELS) {
            throw new IllegalArgumentException("channels " + channels + " outside 1.." + AudioLimits.MAX_CHANNELS);
        }
        boolean ok = container == Container.WAV
                ? format == SampleFormat.PCM_16 || format == SampleFormat.PCM_24 || format == SampleFormat.FLOAT_32
                : format == SampleFormat.PCM_16 || format == SampleFormat.PCM_24;
        if (!ok) {
            throw new IllegalArgumentException(container + " cannot be written as " + format);
        }
    }
}

package io.mixfarm.engine.dsp;

/**
 * Applies a {@link GainEnvelope} (fader automation) sample-accurately: the gain of every sample
 * is the envelope evaluated exactly at that sample's time, position/sampleRate, so there is no
 * block stepping and no zipper noise, and a sample that falls on a breakpoint gets exactly the
 * breakpoint's gain. One gain per frame is applied to all channels.
 */
public final class GainRamp {

    private final GainEnvelope envelope;
    private double sampleRate;
    private int channels;
    private long position;
    private int segment = -1;

    public GainRamp(GainEnvelope envelope) {
        this.envelope = envelope;
    }

    public void prepare(double sampleRate, int maxBlock, int channels) {
        Decibels.requirePrepareArgs(sampleRate, maxBlock, channels);
        this.sampleRate = sampleRate;
        this.channels = channels;
        reset();
    }

    /** Back to time zero. */
    public void reset() {
        seek(0);
    }

    /** Moves the play position to {@code frame} (e.g. when rendering starts mid-timeline). */
    public void seek(long frame) {
        position = frame;
        segment = -1; // found again by the next process call (segmentAt walks from this hint)
    }

    public long position() {
        return position;
    }

    /** Applies the automation to {@code frames} frames in place and advances the position. */
    public void process(double[][] buffer, int frames) {
        for (int i = 0; i < frames; i++) {
            double t = (position + i) / sampleRate;
            segment = envelope.segmentAt(t, segment);
            double gain = Decibels.toGain(envelope.gainDbAt(t, segment));
            for (int ch = 0; ch < channels; ch++) {
                buffer[ch][i] *= gain;
            }
        }
        position += frames;
    }
}

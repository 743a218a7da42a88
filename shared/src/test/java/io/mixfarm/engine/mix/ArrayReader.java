package io.mixfarm.engine.mix;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;

/**
 * An in-memory stem: planar samples served in pieces of at most {@code chunk} frames (odd sizes
 * exercise the renderer's partial reads).
 */
final class ArrayReader implements AudioReader {
    private final double[][] samples;
    private final AudioInfo info;
    private final int chunk;
    private int position;
    boolean closed;

    ArrayReader(int sampleRate, int chunk, double[]... samples) {
        this.samples = samples;
        this.chunk = chunk;
        this.info = new AudioInfo("memory:" + samples.length + "ch", Container.WAV, sampleRate, samples.length,
                SampleFormat.FLOAT_64, 64, samples[0].length);
    }

    /** A source that opens a fresh reader over the same samples each time. */
    static StemSource source(int sampleRate, double[]... samples) {
        return () -> new ArrayReader(sampleRate, 1000, samples);
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dest, int maxFrames) {
        int n = Math.min(Math.min(chunk, maxFrames), samples[0].length - position);
        if (n <= 0) {
            return -1;
        }
        for (int ch = 0; ch < samples.length; ch++) {
            System.arraycopy(samples[ch], position, dest[ch], 0, n);
        }
        position += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }
}

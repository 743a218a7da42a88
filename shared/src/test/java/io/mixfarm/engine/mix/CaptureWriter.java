package io.mixfarm.engine.mix;

import io.mixfarm.engine.audio.AudioWriter;

import java.util.Arrays;

/** Collects a stereo render in memory, in double precision. */
final class CaptureWriter implements AudioWriter {
    private double[][] data = new double[2][1 << 16];
    private int frames;

    @Override
    public void write(double[][] src, int n) {
        if (frames + n > data[0].length) {
            data[0] = Arrays.copyOf(data[0], Math.max(data[0].length * 2, frames + n));
            data[1] = Arrays.copyOf(data[1], data[0].length);
        }
        System.arraycopy(src[0], 0, data[0], frames, n);
        System.arraycopy(src[1], 0, data[1], frames, n);
        frames += n;
    }

    @Override
    public long framesWritten() {
        return frames;
    }

    @Override
    public void close() {
    }

    double[] left() {
        return Arrays.copyOf(data[0], frames);
    }

    double[] right() {
        return Arrays.copyOf(data[1], frames);
    }

    /** Renders {@code graph} with {@code threads} threads and returns the capture. */
    static CaptureWriter render(MixGraph graph, int threads) throws Exception {
        CaptureWriter out = new CaptureWriter();
        try (MixRenderer renderer = new MixRenderer(threads)) {
            renderer.render(graph, out);
        }
        return out;
    }
}

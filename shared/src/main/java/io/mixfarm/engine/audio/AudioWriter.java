package io.mixfarm.engine.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams audio into a file in blocks; {@link #close()} finalizes headers (sizes, MD5).
 *
 * <p>Input is planar doubles in [-1, 1). Integer formats quantize by rounding to the nearest
 * step; values beyond full scale saturate at the format's limits (dither and limiting happen
 * upstream, so a writer never adds noise). NaN input is an {@link IllegalArgumentException}.
 */
public interface AudioWriter extends Closeable {

    /** Writes {@code frames} frames from {@code src[channel][0 .. frames)}. */
    void write(double[][] src, int frames) throws IOException;

    /** Frames written so far. */
    long framesWritten();
}

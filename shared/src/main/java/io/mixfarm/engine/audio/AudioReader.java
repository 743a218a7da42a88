package io.mixfarm.engine.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams decoded audio in blocks. Memory does not depend on the file's length.
 *
 * <p>Samples are planar doubles scaled to [-1, 1): integer PCM of n bits maps
 * {@code v -> v / 2^(n-1)} exactly, so integer audio round-trips bit-exactly through double.
 * Float files pass through unchanged (float32 widened exactly). NaN or infinite samples are
 * rejected with {@link InvalidAudioException}, never passed on as audio.
 */
public interface AudioReader extends Closeable {

    /** Header facts, known once the reader is open. */
    AudioInfo info();

    /**
     * Reads up to {@code maxFrames} frames into {@code dest[channel][0 .. n)}.
     *
     * @param dest one array per channel, each at least {@code maxFrames} long
     * @return frames read (at least 1), or -1 at the end of the audio
     * @throws InvalidAudioException when the data is corrupt or truncated
     * @throws IOException           when the underlying file cannot be read
     */
    int read(double[][] dest, int maxFrames) throws IOException;
}

package io.mixfarm.engine.master;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.InvalidAudioException;

import java.io.IOException;

/**
 * Presents a mono or stereo reader as stereo: a mono signal is copied to both channels (so it
 * measures as the same loudness a mono programme has in BS.1770 dual-mono, +3 LU over one channel);
 * more than two channels is rejected, since mastering here is stereo.
 */
public final class StereoReader implements AudioReader {

    private final AudioReader reader;
    private final AudioInfo info;
    private final double[][] mono = new double[1][];

    private StereoReader(AudioReader reader) {
        this.reader = reader;
        AudioInfo in = reader.info();
        this.info = new AudioInfo(in.source(), in.container(), in.sampleRate(), 2, in.format(),
                in.bitsPerSample(), in.frames());
    }

    /**
     * {@code reader} itself when stereo, a duplicating view when mono.
     *
     * @throws InvalidAudioException when it has more than two channels (the reader is closed)
     */
    public static AudioReader of(AudioReader reader) throws IOException {
        int channels = reader.info().channels();
        if (channels == 2) {
            return reader;
        }
        if (channels == 1) {
            return new StereoReader(reader);
        }
        reader.close();
        throw new InvalidAudioException(reader.info().source(), channels
                + " channels; mastering takes a mono or stereo file (mix it down to stereo first)");
    }

    /** A source that opens {@code source} and presents it as stereo. */
    public static StereoSource stereo(StereoSource source) {
        return () -> of(source.open());
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dest, int maxFrames) throws IOException {
        mono[0] = dest[0];
        int n = reader.read(mono, maxFrames);
        if (n > 0) {
            System.arraycopy(dest[0], 0, dest[1], 0, n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

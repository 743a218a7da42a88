package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.InvalidAudioException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Streams the interleaved samples of one contiguous data region (a WAV {@code data} chunk, an
 * AIFF {@code SSND} chunk) as planar doubles. Reads in bulk into one reusable buffer sized to the
 * request (capped), so memory does not depend on the file's length.
 */
public final class PcmStreamReader implements AudioReader {
    /** Upper bound on the read buffer: large enough for full-speed bulk reads, small for any heap. */
    private static final int MAX_BUFFER_BYTES = 1 << 18;

    private final SeekableByteChannel channel;
    private final AudioInfo info;
    private final PcmEncoding encoding;
    private final int frameBytes;
    private final long totalFrames;
    private long framesRead;
    private ByteBuffer buffer = ByteBuffer.allocate(0);
    private boolean closed;

    /**
     * @param channel    the file, owned from now on (closed by {@link #close()})
     * @param info       header facts; {@code info.frames()} frames are read
     * @param encoding   how samples are stored
     * @param dataOffset where the first frame starts; the caller has checked the frames fit the file
     */
    public PcmStreamReader(SeekableByteChannel channel, AudioInfo info, PcmEncoding encoding, long dataOffset)
            throws IOException {
        this.channel = channel;
        this.info = info;
        this.encoding = encoding;
        this.frameBytes = info.channels() * encoding.bytes();
        this.totalFrames = info.frames();
        channel.position(dataOffset);
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dest, int maxFrames) throws IOException {
        checkArguments(dest, maxFrames);
        if (framesRead >= totalFrames) {
            return -1;
        }
        int wanted = (int) Math.min(maxFrames, totalFrames - framesRead);
        int done = 0;
        while (done < wanted) {
            int frames = Math.min(wanted - done, MAX_BUFFER_BYTES / frameBytes);
            readBlock(frames);
            PcmDecoder.decode(encoding, buffer.array(), info.channels(), frames, dest, done);
            if (encoding.format().isFloatingPoint()) {
                rejectNonFinite(dest, done, frames);
            }
            done += frames;
            framesRead += frames;
        }
        return done;
    }

    private void checkArguments(double[][] dest, int maxFrames) {
        if (closed) {
            throw new IllegalStateException(info.source() + ": reader is closed");
        }
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
        }
        if (dest.length < info.channels()) {
            throw new IllegalArgumentException("dest has " + dest.length + " channels, need " + info.channels());
        }
        for (int c = 0; c < info.channels(); c++) {
            if (dest[c].length < maxFrames) {
                throw new IllegalArgumentException("dest[" + c + "] holds " + dest[c].length
                        + " frames, need " + maxFrames);
            }
        }
    }

    private void readBlock(int frames) throws IOException {
        int bytes = frames * frameBytes;
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate(bytes);
        }
        buffer.clear().limit(bytes);
        try {
            ChannelBytes.readFully(channel, buffer, info.source(), "sample data");
        } catch (InvalidAudioException e) {
            throw new InvalidAudioException(info.source(), "file ends inside frame "
                    + (framesRead + buffer.position() / frameBytes) + " of " + totalFrames + " (truncated)", e);
        }
    }

    private void rejectNonFinite(double[][] dest, int offset, int frames) {
        for (int c = 0; c < info.channels(); c++) {
            double[] samples = dest[c];
            for (int i = offset; i < offset + frames; i++) {
                if (!Double.isFinite(samples[i])) {
                    long frame = framesRead + (i - offset);
                    throw new InvalidAudioException(info.source(), "non-finite sample (" + samples[i]
                            + ") at frame " + frame + ", channel " + c);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }
}

package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Writes WAV files as 16/24-bit PCM or 32-bit float. The header is written first with a
 * reserved JUNK chunk; {@link #close()} patches the sizes, or turns the file into RF64 when its
 * data passed 4 GiB. Samples are encoded through one reusable buffer.
 */
public final class WavWriter implements AudioWriter {
    /** Upper bound on the encode buffer. */
    private static final int MAX_BUFFER_BYTES = 1 << 18;

    private final SeekableByteChannel channel;
    private final String target;
    private final WriteSpec spec;
    private final WavHeader header;
    private final int blockAlign;
    private byte[] buffer = new byte[0];
    private long frames;
    private boolean closed;

    private WavWriter(SeekableByteChannel channel, String target, WriteSpec spec, TrackMetadata metadata) {
        this.channel = channel;
        this.target = target;
        this.spec = spec;
        this.header = new WavHeader(spec, WavMetadataChunks.build(metadata, spec));
        this.blockAlign = header.blockAlign();
    }

    /**
     * Starts a WAV file on {@code channel}, replacing anything it held.
     *
     * @param channel writable, owned by the writer from now on (closed by {@link #close()})
     * @param target  file name or URI, for messages
     * @param spec    a WAV spec (PCM_16, PCM_24 or FLOAT_32)
     * @throws IllegalArgumentException for a non-WAV spec (the channel is closed)
     */
    public static AudioWriter create(SeekableByteChannel channel, String target, WriteSpec spec) throws IOException {
        return create(channel, target, spec, TrackMetadata.NONE);
    }

    /**
     * As {@link #create(SeekableByteChannel, String, WriteSpec)}, with {@code bext}, LIST/INFO and
     * iXML chunks for {@code metadata} before the data (none when it is empty).
     */
    public static AudioWriter create(SeekableByteChannel channel, String target, WriteSpec spec,
                                     TrackMetadata metadata) throws IOException {
        WavWriter writer = new WavWriter(channel, target, spec, metadata);
        try {
            if (spec.container() != Container.WAV) {
                throw new IllegalArgumentException(target + ": WavWriter cannot write " + spec.container());
            }
            channel.truncate(0);
            channel.position(0);
            writer.writeFully(ByteBuffer.wrap(writer.header.build(0, 0, 0)));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return writer;
    }

    @Override
    public void write(double[][] src, int frameCount) throws IOException {
        checkArguments(src, frameCount);
        int blockFrames = Math.max(1, MAX_BUFFER_BYTES / blockAlign);
        for (int done = 0; done < frameCount; ) {
            int n = Math.min(frameCount - done, blockFrames);
            int bytes = n * blockAlign;
            if (buffer.length < bytes) {
                buffer = new byte[bytes];
            }
            PcmEncoder.encode(spec.format(), src, done, n, spec.channels(), buffer);
            writeFully(ByteBuffer.wrap(buffer, 0, bytes));
            done += n;
            frames += n;
        }
    }

    private void checkArguments(double[][] src, int frameCount) {
        if (closed) {
            throw new IllegalStateException(target + ": writer is closed");
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("frames must not be negative, was " + frameCount);
        }
        if (src.length < spec.channels()) {
            throw new IllegalArgumentException("src has " + src.length + " channels, need " + spec.channels());
        }
        for (int c = 0; c < spec.channels(); c++) {
            if (src[c].length < frameCount) {
                throw new IllegalArgumentException("src[" + c + "] holds " + src[c].length
                        + " frames, need " + frameCount);
            }
        }
    }

    @Override
    public long framesWritten() {
        return frames;
    }

    /** Pads odd-sized data, then rewrites the header with the final sizes (RIFF or RF64). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            long dataBytes = frames * blockAlign;
            int padding = (int) (dataBytes & 1);
            if (padding != 0) {
                writeFully(ByteBuffer.wrap(new byte[1]));
            }
            channel.position(0);
            writeFully(ByteBuffer.wrap(header.build(dataBytes, frames, padding)));
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}

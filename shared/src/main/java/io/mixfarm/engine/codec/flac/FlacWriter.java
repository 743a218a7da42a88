package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Streams 16- or 24-bit audio into a native FLAC file (RFC 9639), compressing about as well as
 * {@code flac -5}: fixed 4096-sample blocks, stereo decorrelation, FIXED and LPC prediction,
 * partitioned Rice residuals.
 *
 * <p>The file starts with STREAMINFO, the tags (VORBIS_COMMENT, when there are any) and a
 * PADDING block; {@link #close()} encodes the last
 * partial block, then seeks back to fill in frame sizes, the total sample count and the MD5 of
 * the samples, and closes the channel (the writer owns it).
 */
public final class FlacWriter implements AudioWriter {
    /** Samples per block, as libFLAC -5. */
    static final int BLOCK_SIZE = 4096;
    private static final int STREAMINFO_LENGTH = 34;
    private static final int PADDING_LENGTH = 8192;
    private static final long MAX_TOTAL_SAMPLES = (1L << 36) - 1;
    private static final double ROUNDING_MAGIC = 6755399441055744.0; // 1.5 * 2^52

    private final SeekableByteChannel channel;
    private final String target;
    private final int channels;
    private final int bitsPerSample;
    private final int sampleRate;
    private final long headerStart;
    private final FlacFrameEncoder encoder;
    private final ByteBuffer frameBytes;
    private final MessageDigest md5;
    private final byte[] md5Bytes;
    private final double scale;
    private final double minSample;
    private final double maxSample;
    private final byte[] tags;

    private int buffered;
    private long framesWritten;
    private long frameNumber;
    private int minFrameBytes = Integer.MAX_VALUE;
    private int maxFrameBytes;
    private boolean closed;

    private FlacWriter(SeekableByteChannel channel, String target, WriteSpec spec, TrackMetadata metadata)
            throws IOException {
        this.channel = channel;
        this.target = target;
        this.channels = spec.channels();
        this.bitsPerSample = spec.format().bits();
        this.sampleRate = spec.sampleRate();
        this.headerStart = channel.position();
        this.encoder = new FlacFrameEncoder(channels, bitsPerSample, sampleRate, BLOCK_SIZE);
        this.frameBytes = ByteBuffer.wrap(encoder.buffer());
        this.md5 = newMd5();
        this.md5Bytes = new byte[BLOCK_SIZE * channels * (bitsPerSample / 8)];
        this.scale = 1L << (bitsPerSample - 1);
        this.minSample = -scale;
        this.maxSample = scale - 1;
        this.tags = metadata.isEmpty() ? new byte[0] : FlacVorbisComment.block(metadata);
        writeHeaders();
    }

    /**
     * Starts a FLAC file at the channel's position.
     *
     * @param target names the file in error messages
     * @param spec   a FLAC spec (PCM_16 or PCM_24)
     */
    public static AudioWriter create(SeekableByteChannel channel, String target, WriteSpec spec) throws IOException {
        return create(channel, target, spec, TrackMetadata.NONE);
    }

    /** As {@link #create(SeekableByteChannel, String, WriteSpec)}, with a VORBIS_COMMENT block of the tags. */
    public static AudioWriter create(SeekableByteChannel channel, String target, WriteSpec spec,
                                     TrackMetadata metadata) throws IOException {
        if (spec.container() != Container.FLAC) {
            throw new IllegalArgumentException(target + ": FlacWriter cannot write " + spec.container());
        }
        return new FlacWriter(channel, target, spec, metadata);
    }

    @Override
    public void write(double[][] src, int frames) throws IOException {
        if (closed) {
            throw new IllegalStateException(target + ": write after close");
        }
        if (frames < 0 || src.length < channels) {
            throw new IllegalArgumentException(target + ": need " + channels + " channels and frames >= 0, got "
                    + src.length + " channels and " + frames + " frames");
        }
        rejectNaN(src, frames);
        int done = 0;
        while (done < frames) {
            int n = Math.min(frames - done, BLOCK_SIZE - buffered);
            for (int c = 0; c < channels; c++) {
                quantize(src[c], done, encoder.input(c), buffered, n);
            }
            buffered += n;
            done += n;
            framesWritten += n;
            if (buffered == BLOCK_SIZE) {
                writeFrame();
            }
        }
    }

    @Override
    public long framesWritten() {
        return framesWritten;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (SeekableByteChannel owned = channel) {
            if (buffered > 0) {
                writeFrame();
            }
            long end = owned.position();
            owned.position(headerStart + 8);
            writeFully(streamInfo());
            owned.position(end);
        }
    }

    private void rejectNaN(double[][] src, int frames) {
        for (int c = 0; c < channels; c++) {
            double[] samples = src[c];
            if (samples.length < frames) {
                throw new IllegalArgumentException(target + ": channel " + c + " holds " + samples.length
                        + " samples, fewer than the " + frames + " frames written");
            }
            boolean nan = false;
            for (int i = 0; i < frames; i++) {
                nan |= samples[i] != samples[i];
            }
            for (int i = 0; nan && i < frames; i++) {
                if (Double.isNaN(samples[i])) {
                    throw new IllegalArgumentException(target + ": NaN sample at frame "
                            + (framesWritten + i) + " of channel " + c);
                }
            }
        }
    }

    /**
     * Rounds to the nearest step (ties to even) and saturates beyond full scale; no NaN gets
     * here. Adding 1.5 * 2^52 rounds a clamped value to an integer in the low bits of the sum,
     * cheaper than {@code Math.rint} and a cast.
     */
    private void quantize(double[] src, int from, int[] dest, int to, int n) {
        final double scale = this.scale;
        final double min = minSample;
        final double max = maxSample;
        for (int i = 0; i < n; i++) {
            double v = src[from + i] * scale;
            if (v > max) {
                v = max;
            } else if (v < min) {
                v = min;
            }
            dest[to + i] = (int) Double.doubleToRawLongBits(v + ROUNDING_MAGIC);
        }
    }

    private void writeFrame() throws IOException {
        updateMd5(buffered);
        int length = encoder.encode(buffered, frameNumber++);
        frameBytes.clear().limit(length);
        writeFully(frameBytes);
        minFrameBytes = Math.min(minFrameBytes, length);
        maxFrameBytes = Math.max(maxFrameBytes, length);
        buffered = 0;
    }

    /** MD5 over the samples as interleaved little-endian signed integers, as libFLAC computes it. */
    private void updateMd5(int frames) {
        int bytesPerSample = bitsPerSample / 8;
        int stride = channels * bytesPerSample;
        byte[] out = md5Bytes;
        for (int c = 0; c < channels; c++) {
            int[] samples = encoder.input(c);
            int pos = c * bytesPerSample;
            if (bytesPerSample == 2) {
                for (int i = 0; i < frames; i++, pos += stride) {
                    int v = samples[i];
                    out[pos] = (byte) v;
                    out[pos + 1] = (byte) (v >> 8);
                }
            } else {
                for (int i = 0; i < frames; i++, pos += stride) {
                    int v = samples[i];
                    out[pos] = (byte) v;
                    out[pos + 1] = (byte) (v >> 8);
                    out[pos + 2] = (byte) (v >> 16);
                }
            }
        }
        md5.update(out, 0, frames * stride);
    }

    private void writeHeaders() throws IOException {
        ByteBuffer head = ByteBuffer.allocate(4 + 4 + STREAMINFO_LENGTH + tags.length + 4 + PADDING_LENGTH);
        head.put(new byte[] {'f', 'L', 'a', 'C'});
        head.putInt(STREAMINFO_LENGTH); // not last, type 0
        head.put(streamInfo());
        head.put(tags); // VORBIS_COMMENT, not last
        head.putInt(0x81 << 24 | PADDING_LENGTH); // last, type 1; its body stays zero
        head.position(head.capacity()).flip();
        writeFully(head);
    }

    /** The STREAMINFO body; sizes, count and MD5 are zero ("unknown") until close. */
    private ByteBuffer streamInfo() {
        ByteBuffer info = ByteBuffer.allocate(STREAMINFO_LENGTH);
        info.putShort((short) BLOCK_SIZE);
        info.putShort((short) BLOCK_SIZE);
        boolean known = closed;
        put24(info, known && maxFrameBytes > 0 ? minFrameBytes : 0);
        put24(info, known ? maxFrameBytes : 0);
        long totalSamples = known && framesWritten <= MAX_TOTAL_SAMPLES ? framesWritten : 0;
        info.putLong((long) sampleRate << 44 | (long) (channels - 1) << 41
                | (long) (bitsPerSample - 1) << 36 | totalSamples);
        info.put(known ? md5.digest() : new byte[16]);
        info.flip();
        return info;
    }

    private static void put24(ByteBuffer buffer, int value) {
        buffer.put((byte) (value >>> 16)).put((byte) (value >>> 8)).put((byte) value);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides MD5", e);
        }
    }
}

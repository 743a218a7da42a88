package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioLimits;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.InvalidAudioException;
import io.mixfarm.engine.audio.SampleFormat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * Streams native FLAC (RFC 9639) as planar doubles, {@code v / 2^(bps-1)}.
 *
 * <p>Every frame's CRC-8 and CRC-16 is verified, and at the end of the stream the MD5 of the
 * decoded audio is compared with STREAMINFO's (unless the encoder left it all zeros). Any
 * corruption, truncation or rule violation is an {@link InvalidAudioException}
 * {@code "<source>: <reason>"}; after one, every further read throws it again.
 */
public final class FlacReader implements AudioReader {
    private final SeekableByteChannel channel;
    private final String source;
    private final FlacBitReader in;
    private final FlacStreamInfo streamInfo;
    private final AudioInfo info;
    private final FlacFrameDecoder decoder;
    private final FlacMd5 md5;
    private final double scale;

    private long frameIndex;
    private long samplesDecoded;
    private int blockLength;
    private int blockPosition;
    private boolean ended;
    private boolean closed;
    private InvalidAudioException failure;

    private FlacReader(SeekableByteChannel channel, String source) throws IOException {
        this.channel = channel;
        this.source = source;
        this.in = new FlacBitReader(channel);
        try {
            streamInfo = FlacMetadata.read(in);
        } catch (FlacFormatException e) {
            throw new InvalidAudioException(source, e.getMessage());
        }
        AudioLimits.check(source, streamInfo.sampleRate(), streamInfo.channels());
        int bps = streamInfo.bitsPerSample();
        long total = streamInfo.totalSamples();
        info = new AudioInfo(source, Container.FLAC, streamInfo.sampleRate(), streamInfo.channels(),
                containerFormat(bps), bps, total == 0 ? -1 : total);
        // a frame never needs more than ~40 bits per sample; anything longer is corrupt
        in.allowFrameBytes(streamInfo.maxBlockSize() * streamInfo.channels() * 5 + 65536);
        decoder = new FlacFrameDecoder(streamInfo);
        md5 = streamInfo.hasMd5()
                ? new FlacMd5(streamInfo.channels(), streamInfo.maxBlockSize(), bps) : null;
        scale = 1.0 / (1L << (bps - 1));
    }

    /**
     * Opens a FLAC stream and reads its metadata; the reader owns {@code channel} from here on
     * (it is closed here if opening fails).
     *
     * @param source names the file in error messages
     * @throws InvalidAudioException when the stream is not FLAC or its header is corrupt or
     *                               outside {@link AudioLimits}
     */
    public static AudioReader open(SeekableByteChannel channel, String source) throws IOException {
        try {
            return new FlacReader(channel, source);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The STREAMINFO block as read. */
    public FlacStreamInfo streamInfo() {
        return streamInfo;
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dest, int maxFrames) throws IOException {
        if (closed) {
            throw new IllegalStateException(source + ": reader is closed");
        }
        if (maxFrames < 1 || dest.length < info.channels()) {
            throw new IllegalArgumentException("need maxFrames >= 1 and " + info.channels()
                    + " channel arrays; got " + maxFrames + " and " + dest.length);
        }
        if (failure != null) {
            throw failure;
        }
        while (blockPosition >= blockLength) {
            if (!nextFrame()) {
                return -1;
            }
        }
        int n = Math.min(maxFrames, blockLength - blockPosition);
        int[][] samples = decoder.samples();
        for (int ch = 0; ch < samples.length; ch++) {
            int[] src = samples[ch];
            double[] out = dest[ch];
            int from = blockPosition;
            for (int i = 0; i < n; i++) {
                out[i] = src[from + i] * scale;
            }
        }
        blockPosition += n;
        return n;
    }

    /** Decodes the next frame; false at the end of the stream (after checking length and MD5). */
    private boolean nextFrame() throws IOException {
        if (ended) {
            return false;
        }
        long total = streamInfo.totalSamples();
        if (total > 0 && samplesDecoded >= total) {
            return finish(); // like the reference decoder, ignore anything after the last sample
        }
        if (in.atEnd()) {
            if (total > 0) {
                throw fail("stream ends at sample " + samplesDecoded + " of the " + total
                        + " STREAMINFO declares");
            }
            return finish();
        }
        int n;
        try {
            n = decoder.decode(in, frameIndex, samplesDecoded);
        } catch (EOFException e) {
            throw fail("truncated at frame " + frameIndex + " (sample " + samplesDecoded + ")");
        } catch (FlacFormatException e) {
            throw fail(frameContext() + e.getMessage());
        }
        if (total > 0 && samplesDecoded + n > total) {
            throw fail(frameContext() + "block of " + n + " samples runs past STREAMINFO's total of "
                    + total + " samples");
        }
        if (md5 != null) {
            md5.update(decoder.samples(), info.channels(), n);
        }
        frameIndex++;
        samplesDecoded += n;
        blockLength = n;
        blockPosition = 0;
        return true;
    }

    private boolean finish() {
        ended = true;
        if (md5 != null && !md5.matches(streamInfo.md5())) {
            throw fail("MD5 of decoded audio does not match STREAMINFO");
        }
        return false;
    }

    private String frameContext() {
        return "frame " + frameIndex + " (sample " + samplesDecoded + "): ";
    }

    private InvalidAudioException fail(String reason) {
        failure = new InvalidAudioException(source, reason);
        return failure;
    }

    private static SampleFormat containerFormat(int bps) {
        if (bps <= 8) {
            return SampleFormat.PCM_8;
        }
        if (bps <= 16) {
            return SampleFormat.PCM_16;
        }
        return bps <= 24 ? SampleFormat.PCM_24 : SampleFormat.PCM_32;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}

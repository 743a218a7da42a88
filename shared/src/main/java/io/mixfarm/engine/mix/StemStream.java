package io.mixfarm.engine.mix;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.dsp.Resampler;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * A stem's audio at the session rate, block by block: read from its {@link AudioReader},
 * resampled when its rate differs, and padded with silence after its end.
 *
 * <p>The resampler's group delay is removed by dropping its first {@link Resampler#latencyFrames()}
 * output frames, so a resampled stem stays sample-aligned with the others: an event at time t in
 * the file is at time t in the mix. A stem of N frames at rate r lasts ⌈N·R/r⌉ frames at the
 * session rate R.
 */
final class StemStream implements Closeable {

    private final AudioReader reader;
    private final int channels;
    private final Resampler resampler;
    private final double[][] input;
    private final int readBlock;
    private double[][] converted = new double[0][];
    private int convertedStart;
    private int convertedEnd;
    private int latencyToDrop;
    private boolean inputEnded;
    private boolean flushed;
    private long framesOut;

    StemStream(AudioReader reader, int sessionRate, int maxBlock) {
        this.reader = reader;
        AudioInfo info = reader.info();
        this.channels = info.channels();
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException(info.source() + ": " + channels + " channels; stems must be mono or stereo");
        }
        if (info.sampleRate() == sessionRate) {
            resampler = null;
            readBlock = maxBlock;
        } else {
            resampler = Resampler.create(info.sampleRate(), sessionRate);
            // Read about one session block's worth of input at a time.
            readBlock = Math.max(16, (int) Math.min(maxBlock, (long) maxBlock * info.sampleRate() / sessionRate + 1));
            resampler.prepare(info.sampleRate(), readBlock, channels);
            int capacity = resampler.maxOutputFrames(readBlock) + resampler.latencyFrames() + 4;
            converted = new double[channels][capacity];
            latencyToDrop = resampler.latencyFrames();
        }
        this.input = new double[channels][readBlock];
    }

    int channels() {
        return channels;
    }

    /** Frames delivered so far that came from the file (not padding). */
    long framesOut() {
        return framesOut;
    }

    /** True once every frame of the stem has been delivered. */
    boolean ended() {
        return resampler == null ? inputEnded : flushed && convertedStart == convertedEnd;
    }

    /**
     * Writes the next {@code frames} frames into {@code dest[0 .. channels)} from index 0, silence
     * after the stem's end, and returns how many of them are the stem's own.
     */
    int read(double[][] dest, int frames) throws IOException {
        int got = resampler == null ? readDirect(dest, frames) : readResampled(dest, frames);
        for (int ch = 0; ch < channels; ch++) {
            Arrays.fill(dest[ch], got, frames, 0.0);
        }
        framesOut += got;
        return got;
    }

    private int readDirect(double[][] dest, int frames) throws IOException {
        int got = 0;
        while (got < frames && !inputEnded) {
            if (got == 0) {
                // The common case: the reader fills the block directly, no copy.
                int n = reader.read(dest, frames);
                if (n < 0) {
                    inputEnded = true;
                } else {
                    got = n;
                }
                continue;
            }
            int n = reader.read(input, Math.min(readBlock, frames - got));
            if (n < 0) {
                inputEnded = true;
            } else {
                for (int ch = 0; ch < channels; ch++) {
                    System.arraycopy(input[ch], 0, dest[ch], got, n);
                }
                got += n;
            }
        }
        return got;
    }

    private int readResampled(double[][] dest, int frames) throws IOException {
        int got = 0;
        while (got < frames) {
            if (convertedStart < convertedEnd) {
                int n = Math.min(convertedEnd - convertedStart, frames - got);
                for (int ch = 0; ch < channels; ch++) {
                    System.arraycopy(converted[ch], convertedStart, dest[ch], got, n);
                }
                convertedStart += n;
                got += n;
            } else if (!refill()) {
                break;
            }
        }
        return got;
    }

    /** Converts the next piece of input (or the flushed tail); false when nothing is left. */
    private boolean refill() throws IOException {
        if (flushed) {
            return false;
        }
        int produced;
        if (!inputEnded) {
            int n = reader.read(input, readBlock);
            if (n < 0) {
                inputEnded = true;
                return true;
            }
            produced = resampler.process(input, n, converted);
        } else {
            int tail = resampler.flushFrames();
            if (tail > converted[0].length) {
                converted = new double[channels][tail]; // once, at the end of the stream
            }
            produced = resampler.flush(converted);
            flushed = true;
        }
        int drop = Math.min(latencyToDrop, produced);
        latencyToDrop -= drop;
        convertedStart = drop;
        convertedEnd = produced;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

package io.mixfarm.engine.mix;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;

import java.io.Closeable;
import java.io.IOException;

/**
 * One stem's place in a render: its stream, its strip and its output buffers. Each block is
 * processed by exactly one task, so the result does not depend on which thread runs it.
 *
 * <p>An inaudible stem (muted, or not soloed) is not processed; it still counts for the song's
 * length, taken from its header when the header gives it and otherwise by decoding it.
 */
final class StemLane implements Closeable {

    private final StemStream stream;
    private final ChannelStrip strip;
    private final long knownLength;
    private final double[][] out;
    private final double[][] preFader;
    private double[][] discard; // where an inaudible stem of unknown length is decoded to find its end
    private long position;
    private int realFrames;

    private StemLane(StemStream stream, ChannelStrip strip, long knownLength, int block, boolean needsPreFader) {
        this.stream = stream;
        this.strip = strip;
        this.knownLength = knownLength;
        this.out = strip == null ? null : new double[2][block];
        this.preFader = needsPreFader && strip != null ? new double[2][block] : null;
    }

    /** Opens the stem's source and prepares its strip (audible stems) for {@code sessionRate}. */
    static StemLane open(StemNode node, boolean audible, int sessionRate, int block) throws IOException {
        AudioReader reader = node.source().open();
        try {
            AudioInfo info = reader.info();
            if (!audible && info.frames() >= 0) {
                long length = info.sampleRate() == sessionRate ? info.frames()
                        : ceilDiv(info.frames() * sessionRate, info.sampleRate());
                reader.close();
                return new StemLane(null, null, length, block, false);
            }
            StemStream stream = new StemStream(reader, sessionRate, block);
            ChannelStrip strip = null;
            if (audible) {
                strip = new ChannelStrip(node.strip(), stream.channels());
                strip.prepare(sessionRate, block);
            }
            boolean pre = node.sends().stream().anyMatch(SendSettings::preFader);
            return new StemLane(stream, strip, -1, block, pre);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Reads and processes the next {@code frames} frames (zeros past the stem's end). */
    void next(int frames) throws IOException {
        if (stream == null) {
            realFrames = (int) Math.max(0, Math.min(frames, knownLength - position));
        } else if (strip == null) {
            realFrames = stream.ended() ? 0 : stream.read(discard(frames), frames);
        } else {
            realFrames = stream.read(out, frames);
            strip.process(out, frames, preFader);
        }
        position += frames;
    }

    private double[][] discard(int frames) {
        if (discard == null || discard[0].length < frames) {
            discard = new double[2][frames];
        }
        return discard;
    }

    /** Frames of the last block that lie within the stem. */
    int realFrames() {
        return realFrames;
    }

    /** The strip's stereo output of the last block (audible stems only). */
    double[][] out() {
        return out;
    }

    /** The stereo signal before the fader of the last block (stems with pre-fader sends only). */
    double[][] preFader() {
        return preFader;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
        }
    }
}

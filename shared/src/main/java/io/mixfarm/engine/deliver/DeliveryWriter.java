package io.mixfarm.engine.deliver;

import io.mixfarm.engine.audio.AudioLimits;
import io.mixfarm.engine.audio.AudioWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fans one mastered stream out into every deliverable of a song in a single pass: each
 * {@link DeliverySpec} gets its own sample-rate converter (linear phase, latency compensated: the
 * output has exactly round(N·out/in) frames and an event at input time t lands at output time t),
 * its own dither (integer formats only; float is written undithered), its own encoder and tags,
 * and its own measurements of what was actually written ({@link #results()}).
 *
 * <p>Write the master in blocks of any size, then {@link #close()}. A true peak that SRC or dither
 * pushed over the ceiling is reported, not hidden: check {@link DeliveryResult#exceeds(double)}
 * and re-master with the ceiling lowered by {@link DeliveryResult#overshootDb(double)}. Measured
 * on masters at −1.1 dBTP (TruePeakMarginTest): from 44.1/48 kHz masters to any rate, dithered
 * to 16 bits, at most +0.004 dB; from 96 kHz down to 44.1/48 kHz, removing the ultrasonic part of
 * saturated peaks adds up to +0.37 dB (heavily saturated) and +1.3 dB (hard-clipped), so
 * downsampled deliverables of hi-res masters are the ones to check. Dither itself adds at most
 * 1.5 LSB (TPDF) or 32 LSB (F-weighted shaping) — 0.0004 and 0.01 dB at 16 bits near −1 dBFS.
 *
 * <p>On failure the partial files are left for the caller to delete.
 */
public final class DeliveryWriter implements AudioWriter {
    /** Input block size used when none is given. */
    public static final int DEFAULT_MAX_BLOCK = 4096;

    private final int inputRate;
    private final int channels;
    private final int maxBlock;
    private final List<DeliveryOutput> outputs;
    private double[][] piece; // made when a block first exceeds maxBlock
    private List<DeliveryResult> results;
    private long frames;

    private DeliveryWriter(int inputRate, int channels, int maxBlock, List<DeliveryOutput> outputs) {
        this.inputRate = inputRate;
        this.channels = channels;
        this.maxBlock = maxBlock;
        this.outputs = outputs;
    }

    /** Creates every deliverable's file; the master arrives at {@code inputRate} with {@code channels}. */
    public static DeliveryWriter open(int inputRate, int channels, List<DeliverySpec> specs) throws IOException {
        return open(inputRate, channels, specs, DEFAULT_MAX_BLOCK);
    }

    public static DeliveryWriter open(int inputRate, int channels, List<DeliverySpec> specs, int maxBlock)
            throws IOException {
        AudioLimits.check("master stream", inputRate, channels);
        if (maxBlock < 1) {
            throw new IllegalArgumentException("maxBlock must be at least 1, was " + maxBlock);
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no deliverables to write");
        }
        if (specs.stream().map(s -> s.target().toAbsolutePath().normalize()).distinct().count() != specs.size()) {
            throw new IllegalArgumentException("two deliverables write the same file: " + specs);
        }
        List<DeliveryOutput> outputs = new ArrayList<>();
        try {
            for (DeliverySpec spec : specs) {
                outputs.add(new DeliveryOutput(spec, inputRate, channels, maxBlock));
            }
        } catch (IOException | RuntimeException e) {
            for (DeliveryOutput output : outputs) {
                try {
                    output.abandon();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new DeliveryWriter(inputRate, channels, maxBlock, List.copyOf(outputs));
    }

    @Override
    public void write(double[][] src, int frameCount) throws IOException {
        if (results != null) {
            throw new IllegalStateException("write after close");
        }
        if (frameCount < 0 || src.length < channels) {
            throw new IllegalArgumentException("need " + channels + " channels and frames >= 0, got "
                    + src.length + " channels and " + frameCount + " frames");
        }
        for (int done = 0; done < frameCount; ) {
            int n = Math.min(maxBlock, frameCount - done);
            double[][] block = src;
            if (done > 0) {
                if (piece == null) {
                    piece = new double[channels][maxBlock];
                }
                block = piece;
                for (int c = 0; c < channels; c++) {
                    // Blocks larger than maxBlock go on in pieces copied from 'done' on.
                    System.arraycopy(src[c], done, piece[c], 0, n);
                }
            }
            for (DeliveryOutput output : outputs) {
                output.process(block, n);
            }
            done += n;
            frames += n;
        }
    }

    /** Input frames taken so far. */
    @Override
    public long framesWritten() {
        return frames;
    }

    /** Flushes and closes every file and measures it; the first failure is thrown after all are closed. */
    @Override
    public void close() throws IOException {
        if (results != null) {
            return;
        }
        List<DeliveryResult> done = new ArrayList<>();
        IOException ioFailure = null;
        RuntimeException failure = null;
        for (DeliveryOutput output : outputs) {
            try {
                done.add(output.finish());
            } catch (IOException e) {
                ioFailure = ioFailure == null ? e : suppress(ioFailure, e);
            } catch (RuntimeException e) {
                failure = failure == null ? e : suppress(failure, e);
            }
        }
        results = List.copyOf(done);
        if (ioFailure != null) {
            throw ioFailure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** One result per deliverable, in the order given; available after {@link #close()}. */
    public List<DeliveryResult> results() {
        if (results == null) {
            throw new IllegalStateException("results are known after close()");
        }
        return results;
    }

    public int inputRate() {
        return inputRate;
    }

    private static <T extends Exception> T suppress(T first, Exception next) {
        first.addSuppressed(next);
        return first;
    }
}

package io.mixfarm.engine.deliver;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.dsp.Resampler;
import io.mixfarm.engine.loudness.LoudnessMeter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One deliverable's chain: resample (latency dropped, tail flushed, length trimmed to
 * round(N·out/in)), requantize (integer formats) or narrow to float, measure, encode.
 */
final class DeliveryOutput {
    private final DeliverySpec spec;
    private final int inputRate;
    private final int channels;
    private final Resampler resampler;
    private final Dither dither;
    private final LoudnessMeter meter;
    private final InterSamplePeakMeter interSample;
    private final AudioWriter writer;
    private final double[][] buffer;
    private int latencyToSkip;
    private long inputFrames;
    private long written;

    DeliveryOutput(DeliverySpec spec, int inputRate, int channels, int maxBlock) throws IOException {
        this.spec = spec;
        this.inputRate = inputRate;
        this.channels = channels;
        WriteSpec writeSpec = new WriteSpec(spec.container(), spec.sampleRate(), channels, spec.format());
        if (spec.sampleRate() != inputRate) {
            resampler = Resampler.create(inputRate, spec.sampleRate());
            resampler.prepare(inputRate, maxBlock, channels);
            latencyToSkip = resampler.latencyFrames();
            buffer = new double[channels][resampler.maxOutputFrames(maxBlock)];
        } else {
            resampler = null;
            buffer = new double[channels][maxBlock];
        }
        if (spec.format().isFloatingPoint()) {
            dither = null;
        } else {
            dither = new Dither(spec.dither(), spec.format().bits());
            dither.prepare(spec.sampleRate(), buffer[0].length, channels);
        }
        meter = new LoudnessMeter(spec.sampleRate(), channels);
        interSample = new InterSamplePeakMeter(spec.sampleRate(), channels);
        writer = AudioFiles.create(spec.target(), writeSpec, spec.metadata());
    }

    /** Takes {@code frames} (at most maxBlock) input frames; the caller's arrays are not modified. */
    void process(double[][] in, int frames) throws IOException {
        inputFrames += frames;
        if (resampler == null) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(in[c], 0, buffer[c], 0, frames);
            }
            emit(buffer, frames, Long.MAX_VALUE);
        } else {
            emit(buffer, resampler.process(in, frames, buffer), Long.MAX_VALUE);
        }
    }

    /** Flushes the converter, trims to the exact length, closes the file and measures it. */
    DeliveryResult finish() throws IOException {
        long target = expectedFrames();
        try (AudioWriter w = writer) {
            if (resampler != null) {
                double[][] tail = new double[channels][Math.max(1, resampler.flushFrames())];
                emit(tail, resampler.flush(tail), target);
            }
            if (written != target) {
                throw new IllegalStateException(spec.target() + ": wrote " + written + " frames, expected " + target);
            }
        }
        interSample.finish();
        return new DeliveryResult(spec.target(), spec.container(), spec.sampleRate(), spec.format(),
                dither == null ? DitherMode.NONE : dither.mode(), written, Files.size(spec.target()),
                sha256(), meter.integratedLufs(), meter.loudnessRangeLu(), meter.truePeakDbtp(),
                20 * Math.log10(interSample.peak()), meter.samplePeakDbfs(),
                dither == null ? 0 : dither.clippedSamples());
    }

    /** Closes the file without measuring (after a failure elsewhere). */
    void abandon() throws IOException {
        writer.close();
    }

    /** round(N · out / in), in exact integer arithmetic. */
    long expectedFrames() {
        return (2 * inputFrames * spec.sampleRate() + inputRate) / (2L * inputRate);
    }

    /** Drops the converter's latency, keeps at most {@code limit} frames in total, and writes. */
    private void emit(double[][] block, int frames, long limit) throws IOException {
        int skip = Math.min(latencyToSkip, frames);
        latencyToSkip -= skip;
        int n = (int) Math.min(frames - skip, limit - written);
        if (n <= 0) {
            return;
        }
        if (skip > 0) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(block[c], skip, block[c], 0, n);
            }
        }
        if (dither != null) {
            dither.process(block, n);
        } else {
            narrowToFloat(block, n);
        }
        meter.process(block, n);
        interSample.process(block, n);
        writer.write(block, n);
        written += n;
    }

    /** What a 32-bit float file will hold, so the measurements see exactly that. */
    private void narrowToFloat(double[][] block, int n) {
        for (int c = 0; c < channels; c++) {
            double[] x = block[c];
            for (int i = 0; i < n; i++) {
                x[i] = (float) x[i];
            }
        }
    }

    private String sha256() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(spec.target()), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}

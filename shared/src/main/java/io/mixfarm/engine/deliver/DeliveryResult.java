package io.mixfarm.engine.deliver;

import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;

import java.nio.file.Path;

/**
 * What was actually written for one deliverable, measured on the final samples (after
 * sample-rate conversion, dither and float narrowing).
 *
 * @param path                file written
 * @param container           WAV or FLAC
 * @param sampleRate          Hz
 * @param format              sample format
 * @param dither              requantization used
 * @param frames              frames written: round(input frames × out rate / in rate)
 * @param bytes               file size
 * @param sha256              SHA-256 of the file, lower-case hex
 * @param integratedLufs      BS.1770-4 gated loudness
 * @param loudnessRangeLu     EBU Tech 3342 loudness range
 * @param truePeakDbtp        BS.1770-4 true peak (4x below 96 kHz, as ffmpeg and other meters read it)
 * @param interSamplePeakDbtp stricter true peak, interpolated to at least 352.8 kHz
 * @param samplePeakDbfs      largest sample
 * @param clippedSamples      samples saturated at integer full scale (should be 0)
 */
public record DeliveryResult(Path path, Container container, int sampleRate, SampleFormat format, DitherMode dither,
                             long frames, long bytes, String sha256, double integratedLufs, double loudnessRangeLu,
                             double truePeakDbtp, double interSamplePeakDbtp, double samplePeakDbfs,
                             long clippedSamples) {

    /** The higher of the two true-peak readings. */
    public double peakDbtp() {
        return Math.max(truePeakDbtp, interSamplePeakDbtp);
    }

    /** By how much the file's true peak is above {@code ceilingDbtp} (0 when it is not). */
    public double overshootDb(double ceilingDbtp) {
        return Math.max(0.0, peakDbtp() - ceilingDbtp);
    }

    /** Whether the file breaks {@code ceilingDbtp} by either true-peak reading, or clipped. */
    public boolean exceeds(double ceilingDbtp) {
        return peakDbtp() > ceilingDbtp || clippedSamples > 0;
    }
}

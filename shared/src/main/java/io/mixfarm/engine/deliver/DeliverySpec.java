package io.mixfarm.engine.deliver;

import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.TrackMetadata;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to deliver from the mastered stream.
 *
 * @param target     file to create (replaced if it exists)
 * @param container  WAV or FLAC
 * @param sampleRate output rate; a rate other than the master's is converted
 * @param format     PCM_16 or PCM_24 (WAV and FLAC), FLOAT_32 (WAV only)
 * @param dither     how integer formats are requantized; float output requires {@link DitherMode#NONE}
 * @param metadata   tags to write; {@link TrackMetadata#NONE} for none
 */
public record DeliverySpec(Path target, Container container, int sampleRate, SampleFormat format, DitherMode dither,
                           TrackMetadata metadata) {

    public DeliverySpec {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dither, "dither");
        Objects.requireNonNull(metadata, "metadata (use TrackMetadata.NONE for none)");
        if (format.isFloatingPoint() && dither != DitherMode.NONE) {
            throw new IllegalArgumentException(target + ": " + format + " is written undithered; dither must be NONE, was "
                    + dither);
        }
    }

    /** The usual choice: TPDF for integer formats, none for float. */
    public static DeliverySpec of(Path target, Container container, int sampleRate, SampleFormat format,
                                  TrackMetadata metadata) {
        return new DeliverySpec(target, container, sampleRate, format,
                format.isFloatingPoint() ? DitherMode.NONE : DitherMode.TPDF, metadata);
    }
}

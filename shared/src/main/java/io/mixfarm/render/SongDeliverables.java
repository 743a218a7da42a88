package io.mixfarm.render;

import io.mixfarm.contract.OutputKeys;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.deliver.DeliverySpec;
import io.mixfarm.engine.deliver.DitherMode;
import io.mixfarm.manifest.Deliverable;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A song's deliverables as the manifest lists them, mapped to the engine's {@link DeliverySpec}s
 * under the names the farm uses ({@link OutputKeys#deliverableFile}), and the tags every file of
 * the song carries.
 */
public final class SongDeliverables {

    private SongDeliverables() {
    }

    /** The files of song {@code songIndex}, in the manifest's order, inside {@code songDir}. */
    public static List<DeliverySpec> specs(Session session, int songIndex, Path songDir, TrackMetadata tags) {
        Song song = session.songs().get(songIndex);
        Mastering mastering = session.masteringFor(song);
        return mastering.deliverables().stream().map(d -> new DeliverySpec(
                songDir.resolve(OutputKeys.deliverableFile(song.id(), d, session.sampleRate())),
                d.format() == Deliverable.Format.FLAC ? Container.FLAC : Container.WAV,
                d.sampleRate() != null ? d.sampleRate() : session.sampleRate(),
                format(d.bitDepth()), dither(d.dither()), tags)).toList();
    }

    /**
     * Title, artist, album (the session's title), ISRC without hyphens, track n of the session's
     * songs, and the ReplayGain 2.0 values (either may be null when unknown, e.g. silence).
     */
    public static TrackMetadata tags(Session session, int songIndex, TrackMetadata.ReplayGain track,
                                     TrackMetadata.ReplayGain album) {
        Song song = session.songs().get(songIndex);
        String isrc = song.isrc() == null ? null : song.isrc().replace("-", "").toUpperCase(Locale.ROOT);
        return TrackMetadata.of(song.title(), song.artist() != null ? song.artist() : session.artist(), session.title())
                .withIsrc(isrc)
                .withTrack(songIndex + 1, session.songs().size()).withReplayGain(track, album);
    }

    /** ReplayGain values for a measured programme; null when it has no loudness (silence)
     * or needs more than the ±64 dB tags allow. */
    public static TrackMetadata.ReplayGain replayGain(double integratedLufs, double truePeakDbtp) {
        if (!Double.isFinite(integratedLufs) || !Double.isFinite(truePeakDbtp)
                || Math.abs(TrackMetadata.ReplayGain.REFERENCE_LUFS - integratedLufs) > 64) {
            return null;
        }
        return TrackMetadata.ReplayGain.of(integratedLufs, truePeakDbtp);
    }

    private static SampleFormat format(int bits) {
        return switch (bits) {
            case 16 -> SampleFormat.PCM_16;
            case 24 -> SampleFormat.PCM_24;
            case 32 -> SampleFormat.FLOAT_32;
            default -> throw new IllegalArgumentException("bit depth " + bits + " is not 16, 24 or 32");
        };
    }

    private static DitherMode dither(Deliverable.Dither dither) {
        return switch (dither) {
            case TPDF -> DitherMode.TPDF;
            case TPDF_SHAPED -> DitherMode.TPDF_SHAPED;
            case NONE -> DitherMode.NONE;
        };
    }
}

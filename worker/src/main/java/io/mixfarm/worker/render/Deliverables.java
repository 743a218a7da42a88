package io.mixfarm.worker.render;

import io.mixfarm.contract.AlbumInfo;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SongSpec;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.deliver.DeliverySpec;
import io.mixfarm.engine.deliver.DitherMode;
import io.mixfarm.manifest.Deliverable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A task's deliverables: for each one of the song's resolved mastering, the local file the
 * delivery writer creates and the deterministic key it is uploaded to. Tags carry no time of
 * creation, so a redelivered task writes byte-identical files.
 */
final class Deliverables {

    private Deliverables() {
    }

    /** One planned deliverable: where it is written, and where it goes. */
    record Planned(DeliverySpec spec, RenderedFile file) {
    }

    static List<Planned> plan(RenderTask task, Path workDir) {
        SongSpec spec = task.spec();
        S3Uri output = S3Uri.parse(spec.outputPrefix());
        TrackMetadata tags = tags(spec);
        List<Planned> planned = new ArrayList<>();
        for (Deliverable d : spec.mastering().deliverables()) {
            String name = OutputKeys.deliverableFile(task.songId(), d, spec.sampleRate());
            Path file = workDir.resolve(name);
            int rate = d.sampleRate() != null ? d.sampleRate() : spec.sampleRate();
            Container container = d.format() == Deliverable.Format.FLAC ? Container.FLAC : Container.WAV;
            SampleFormat format = d.bitDepth() == 32 ? SampleFormat.FLOAT_32 : SampleFormat.pcm(d.bitDepth());
            DeliverySpec delivery = new DeliverySpec(file, container, rate, format, dither(d, format), tags);
            String contentType = container == Container.FLAC ? "audio/flac" : "audio/wav";
            String deliverTo = spec.song().deliverTo();
            S3Uri key = deliverTo == null ? OutputKeys.deliverable(output, task.songId(), d, spec.sampleRate())
                    : OutputKeys.namedDeliverable(output, deliverTo, d, spec.sampleRate(),
                            spec.mastering().deliverables().size() == 1);
            planned.add(new Planned(delivery, new RenderedFile(name, file, key, contentType)));
        }
        return planned;
    }

    private static DitherMode dither(Deliverable d, SampleFormat format) {
        if (format.isFloatingPoint() || d.dither() == Deliverable.Dither.NONE) {
            return DitherMode.NONE;
        }
        return d.dither() == Deliverable.Dither.TPDF_SHAPED ? DitherMode.TPDF_SHAPED : DitherMode.TPDF;
    }

    private static TrackMetadata tags(SongSpec spec) {
        AlbumInfo album = spec.album();
        String artist = spec.song().artist() != null ? spec.song().artist() : album.artist();
        TrackMetadata tags = TrackMetadata.of(spec.song().title(), artist, album.title())
                .withTrack(album.trackNumber(), album.trackCount());
        String isrc = spec.song().isrc();
        return isrc == null ? tags : tags.withIsrc(isrc.replace("-", "").toUpperCase(Locale.ROOT));
    }
}

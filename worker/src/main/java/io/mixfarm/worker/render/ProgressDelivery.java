package io.mixfarm.worker.render;

import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.render.DeliverableFiles;
import io.mixfarm.render.SongMasterer;

import java.io.IOException;
import java.util.List;

/**
 * The song's deliverable files ({@link DeliverableFiles}, as {@code farm render} writes them), with
 * every render reporting its progress as ENCODE — and so stopping when the task is abandoned.
 */
final class ProgressDelivery implements SongMasterer.Delivery {

    private final DeliverableFiles files;
    private final RenderProgress progress;

    ProgressDelivery(DeliverableFiles files, RenderProgress progress) {
        this.files = files;
        this.progress = progress;
    }

    @Override
    public AudioWriter open(AudioInfo mastered) throws IOException {
        return new ProgressWriter(files.open(mastered), mastered.frames(), Stage.ENCODE, progress);
    }

    @Override
    public List<DeliveryResult> results() {
        return files.results();
    }

    @Override
    public void discard() throws IOException {
        files.discard();
    }
}

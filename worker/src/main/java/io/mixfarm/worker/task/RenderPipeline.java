package io.mixfarm.worker.task;

import io.mixfarm.contract.Completion;
import io.mixfarm.contract.Output;
import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.worker.render.LocalStem;
import io.mixfarm.worker.render.RenderProgress;
import io.mixfarm.worker.render.RenderedFile;
import io.mixfarm.worker.render.RenderedSong;
import io.mixfarm.worker.render.SongRenderer;
import io.mixfarm.worker.storage.ObjectStore;
import io.mixfarm.worker.storage.StoredObject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt at a task, start to end, blocking: fetch every stem (verified) into a fresh scratch
 * directory, render, upload the outputs under their deterministic keys, and delete the scratch
 * directory whatever happened. Runs on the blocking dispatcher.
 */
public final class RenderPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(RenderPipeline.class);

    private final ObjectStore store;
    private final SongRenderer renderer;
    private final ScratchSpace scratch;
    private final TaskMetrics metrics;
    private int running;

    public RenderPipeline(ObjectStore store, SongRenderer renderer, ScratchSpace scratch) {
        this(store, renderer, scratch, TaskMetrics.NONE);
    }

    /** A pipeline that reports stage times, audio rendered and renders in flight to {@code metrics}. */
    public RenderPipeline(ObjectStore store, SongRenderer renderer, ScratchSpace scratch, TaskMetrics metrics) {
        this.store = store;
        this.renderer = renderer;
        this.scratch = scratch;
        this.metrics = metrics;
    }

    /** Runs one attempt; the completion lists every object written. */
    public Completion run(RenderTask task, RenderProgress progress) throws IOException {
        enter();
        long start = System.nanoTime();
        StageClock clock = new StageClock(progress);
        try (TaskMetrics.InFlight ignored = metrics.renderStarted();
             ScratchSpace.TaskScratch dir = scratch.create(task.taskId())) {
            List<LocalStem> stems = fetch(task, dir.stems(), clock);
            RenderedSong song = renderer.render(task, stems, dir.work(), clock);
            clock.settle();
            List<Output> outputs = upload(song.files(), clock);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            metrics.audioRendered(clock.audioSeconds());
            metrics.attemptCompleted(task.phase(), took);
            LOG.info("{} rendered in {} ms: {} stems, {} s of audio, {} files uploaded; ms per stage {}", task.taskId(),
                    took.toMillis(), stems.size(), String.format(java.util.Locale.ROOT, "%.3f", clock.audioSeconds()),
                    outputs.size(), millis(clock.times()));
            return new Completion(outputs, song.report(), song.analysis());
        } finally {
            metrics.stageTimes(clock.times());
            leave();
        }
    }

    private static Map<Stage, Long> millis(Map<Stage, Duration> times) {
        Map<Stage, Long> millis = new EnumMap<>(Stage.class);
        times.forEach((stage, time) -> millis.put(stage, time.toMillis()));
        return millis;
    }

    /** Waits until no attempt is running (abandoned ones stop at their next progress report). */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private List<LocalStem> fetch(RenderTask task, Path dir, RenderProgress progress) {
        List<LocalStem> stems = new ArrayList<>();
        int count = task.stems().size();
        progress.report(Stage.FETCH, 0);
        for (int i = 0; i < count; i++) {
            StemLocation location = task.stems().get(i);
            int index = i;
            long declared = location.bytes() != null ? location.bytes() : 0;
            // The file name is the stem's position: keys may hold anything, a local name must not.
            Path file = dir.resolve(String.format("stem-%03d", i));
            store.download(location.s3Uri(), file, location.bytes(), location.sha256(), done ->
                    progress.report(Stage.FETCH, (index + (declared > 0 ? (double) done / declared : 0)) / count));
            stems.add(new LocalStem(location, file));
        }
        progress.report(Stage.FETCH, 1);
        return stems;
    }

    private List<Output> upload(List<RenderedFile> files, RenderProgress progress) {
        List<Output> outputs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            progress.report(Stage.UPLOAD, (double) i / files.size());
            RenderedFile file = files.get(i);
            StoredObject stored = store.upload(file.file(), file.target(), file.contentType());
            outputs.add(new Output(file.name(), stored.uri().toString(), stored.bytes(), stored.sha256()));
        }
        progress.report(Stage.UPLOAD, 1);
        return outputs;
    }

    private synchronized void enter() {
        running++;
    }

    private synchronized void leave() {
        running--;
        notifyAll();
    }
}

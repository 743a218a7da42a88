package io.mixfarm.worker.task;

import io.mixfarm.contract.Completion;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.ContractMessage;
import io.mixfarm.contract.DoneMarker;
import io.mixfarm.contract.InputHash;
import io.mixfarm.contract.Output;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.worker.render.LocalStem;
import io.mixfarm.worker.render.RenderProgress;
import io.mixfarm.worker.render.RenderedFile;
import io.mixfarm.worker.render.RenderedSong;
import io.mixfarm.worker.render.SongRenderer;
import io.mixfarm.worker.storage.ObjectStore;
import io.mixfarm.worker.storage.StemCache;
import io.mixfarm.worker.storage.StoredObject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt at a task, start to end, blocking: fetch every stem (verified) into a fresh scratch
 * directory, render, upload the outputs under their deterministic keys, and delete the scratch
 * directory whatever happened. Runs on the blocking dispatcher. A stem with a known SHA-256 comes
 * from the worker's {@link StemCache} when an earlier task fetched it (a link in the scratch
 * directory: deleting the directory leaves the cache alone).
 *
 * <p>Album mode mixes once: ANALYZE uploads its float mix to {@link OutputKeys#workMix} (a bit-exact
 * 32-bit float WAV, listed in its completion as {@value #MIX_OUTPUT}); MASTER downloads it instead
 * of the stems, masters it and deletes it. When the mix is missing (a redelivered MASTER after the
 * delete, an ANALYZE by an older worker) MASTER mixes from the stems: the same mix, the same bytes.
 *
 * <p>The final phase (FULL, MASTER) writes the song's done marker, with the task's input hash and
 * completion, after every output is written ({@link DoneMarker}). It does not delete an older marker
 * first (one request per song saved): while outputs are being replaced, the old marker lists sizes
 * and SHA-256s that the new objects do not have, and the coordinator only trusts a marker whose
 * every output is there with its recorded size and SHA-256; outputs replaced from the same inputs
 * are the same bytes.
 */
public final class RenderPipeline {

    /** The name ANALYZE's reused mix is listed under in its completion's outputs. */
    public static final String MIX_OUTPUT = "mix";
    private static final String REUSED_MIX = "analyzed-mix.wav";
    private static final Logger LOG = LoggerFactory.getLogger(RenderPipeline.class);

    private final ObjectStore store;
    private final SongRenderer renderer;
    private final ScratchSpace scratch;
    private final StemCache cache;
    private final TaskMetrics metrics;
    private final Clock clock;
    private int running;

    public RenderPipeline(ObjectStore store, SongRenderer renderer, ScratchSpace scratch) {
        this(store, renderer, scratch, StemCache.disabled(), TaskMetrics.NONE, Clock.systemUTC());
    }

    /**
     * A pipeline that reports stage times, audio rendered and renders in flight to {@code metrics};
     * {@code clock} dates the done markers; stems come from {@code cache} when it holds them.
     */
    public RenderPipeline(ObjectStore store, SongRenderer renderer, ScratchSpace scratch, StemCache cache,
                          TaskMetrics metrics, Clock clock) {
        this.store = store;
        this.renderer = renderer;
        this.scratch = scratch;
        this.cache = cache;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs one attempt; the completion lists every object written. */
    public Completion run(RenderTask task, RenderProgress progress) throws IOException {
        enter();
        long start = System.nanoTime();
        StageClock stages = new StageClock(progress);
        try (TaskMetrics.InFlight ignored = metrics.renderStarted();
             ScratchSpace.TaskScratch dir = scratch.create(task.taskId())) {
            S3Uri workMix = workMix(task);
            RenderedSong song = task.phase() == Phase.MASTER && workMix != null
                    ? fromMix(task, workMix, dir.work(), stages) : null;
            if (song == null) {
                List<LocalStem> stems = fetch(task, dir.stems(), stages);
                song = renderer.render(task, stems, dir.work(), stages);
            }
            stages.settle();
            Completion completion = publish(task, song, workMix, stages);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            metrics.audioRendered(stages.audioSeconds());
            metrics.attemptCompleted(task.phase(), took);
            LOG.info("{} rendered in {} ms: {} s of audio, {} files uploaded; ms per stage {}", task.taskId(),
                    took.toMillis(), String.format(java.util.Locale.ROOT, "%.3f", stages.audioSeconds()),
                    completion.outputs().size(), millis(stages.times()));
            return completion;
        } finally {
            metrics.stageTimes(stages.times());
            leave();
        }
    }

    private static Map<Stage, Long> millis(Map<Stage, Duration> times) {
        Map<Stage, Long> millis = new EnumMap<>(Stage.class);
        times.forEach((stage, time) -> millis.put(stage, time.toMillis()));
        return millis;
    }

    /**
     * Uploads what the render produced, then (final phase) the done marker; ANALYZE leaves its mix
     * for MASTER, and MASTER removes the mix it no longer needs.
     */
    private Completion publish(RenderTask task, RenderedSong song, S3Uri workMix, RenderProgress progress) {
        S3Uri marker = task.phase() == Phase.ANALYZE ? null
                : OutputKeys.doneMarker(S3Uri.parse(task.spec().outputPrefix()), task.songId());
        List<Output> outputs = upload(song.files(), progress);
        if (task.phase() == Phase.ANALYZE && song.mix() != null && workMix != null) {
            StoredObject mix = store.upload(song.mix(), workMix, "audio/wav");
            outputs.add(new Output(MIX_OUTPUT, mix.uri().toString(), mix.bytes(), mix.sha256()));
        }
        if (task.phase() == Phase.MASTER && workMix != null) {
            deleteQuietly(workMix);
        }
        Completion completion = new Completion(outputs, song.report(), song.analysis());
        if (marker != null && task.inputHash() != null) {
            writeMarker(task, completion, marker);
        }
        return completion;
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

    /**
     * Where ANALYZE leaves the song's float mix for MASTER: keyed by the mix's input hash, so a
     * mix of other stems or settings is never reused; null when a stem's checksum is unknown.
     */
    static S3Uri workMix(RenderTask task) {
        String hash = InputHash.mix(task.spec(), task.stems());
        return hash == null ? null
                : OutputKeys.workMix(S3Uri.parse(task.spec().outputPrefix()), task.songId(), hash);
    }

    /** The master made from ANALYZE's mix; null when the mix is gone (deleted, or never made) or unusable. */
    private RenderedSong fromMix(RenderTask task, S3Uri workMix, Path workDir, RenderProgress progress)
            throws IOException {
        progress.report(Stage.FETCH, 0);
        Path mix = workDir.resolve(REUSED_MIX);
        if (store.downloadIfPresent(workMix, mix).isEmpty()) {
            return null;
        }
        progress.report(Stage.FETCH, 1);
        return renderer.renderFromMix(task, mix, workDir, progress);
    }

    /**
     * Removes the mix once its master is written. A failure only leaves the object behind: the
     * coordinator deletes the session's work folder when the session ends.
     */
    private void deleteQuietly(S3Uri workMix) {
        try {
            store.delete(workMix);
        } catch (RuntimeException e) {
            // left for the coordinator's clean-up; the master is written
        }
    }

    /** The done marker: every output is written, from inputs of the task's hash. */
    private void writeMarker(RenderTask task, Completion completion, S3Uri marker) {
        DoneMarker done = new DoneMarker(ContractMessage.SCHEMA_VERSION, task.sessionId(), task.songId(),
                task.inputHash(), task.taskId(), clock.instant(), task.albumGainDb(), completion);
        store.upload(ContractJson.write(done), marker, "application/json");
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
            cache.fetch(location.sha256(), declared, file, into -> store.download(location.s3Uri(), into,
                    location.bytes(), location.sha256(), done -> progress.report(Stage.FETCH,
                            (index + (declared > 0 ? (double) done / declared : 0)) / count)));
            progress.report(Stage.FETCH, (double) (i + 1) / count); // a cached stem reports no transfer
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
            StoredObject stored = file.content() != null
                    ? store.upload(file.content(), file.target(), file.contentType())
                    : store.upload(file.file(), file.target(), file.contentType());
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

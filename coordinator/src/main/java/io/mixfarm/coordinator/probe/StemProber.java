package io.mixfarm.coordinator.probe;

import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.coordinator.storage.ObjectHead;
import io.mixfarm.coordinator.storage.ObjectStore;
import io.mixfarm.coordinator.storage.StorageException;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks that stems exist in S3 and are audio the engine reads: HEAD for the size (and a known
 * SHA-256), then the header read through ranged GETs and opened with
 * {@link AudioFiles#open(java.nio.channels.SeekableByteChannel, String)} over a channel that
 * reports the object's true size. Probes run on a pool of {@code probe.parallelism} threads shared
 * by every admission, so a session of thousands of stems cannot flood the store; a URI named by
 * several songs is probed once.
 */
public final class StemProber implements AutoCloseable {

    private final ObjectStore store;
    private final CoordinatorSettings.Probe settings;
    private final long maxStemBytes;
    private final ExecutorService pool;

    public StemProber(ObjectStore store, CoordinatorSettings.Probe settings) {
        this(store, settings, Long.MAX_VALUE);
    }

    /** @param maxStemBytes a larger object is refused from its HEAD, before any of it is read */
    public StemProber(ObjectStore store, CoordinatorSettings.Probe settings, long maxStemBytes) {
        this.store = store;
        this.settings = settings;
        this.maxStemBytes = maxStemBytes;
        this.pool = Executors.newFixedThreadPool(settings.parallelism(), daemonThreads("mixfarm-stem-probe-"));
    }

    /** Probes every stem (blocking); results in the order given. */
    public List<ProbedStem> probeAll(List<StemRef> stems) {
        Map<String, CompletableFuture<Optional<Outcome>>> bucketChecks = new LinkedHashMap<>();
        for (StemRef stem : stems) {
            bucketChecks.computeIfAbsent(stem.uri().bucket(),
                    bucket -> CompletableFuture.supplyAsync(() -> bucketProblem(bucket), pool));
        }
        Map<S3Uri, CompletableFuture<Outcome>> byUri = new LinkedHashMap<>();
        for (StemRef stem : stems) {
            byUri.computeIfAbsent(stem.uri(), uri -> bucketChecks.get(uri.bucket())
                    .thenApplyAsync(problem -> problem.orElseGet(() -> probe(uri)), pool));
        }
        List<ProbedStem> results = new ArrayList<>(stems.size());
        for (StemRef stem : stems) {
            Outcome outcome = byUri.get(stem.uri()).join();
            results.add(outcome.problem != null
                    ? ProbedStem.problem(stem, outcome.problem, outcome.retriable)
                    : ProbedStem.ok(stem, new StemLocation(stem.stemId(), stem.uri().toString(),
                            outcome.head.size(), outcome.head.sha256().orElse(null)), outcome.info));
        }
        return results;
    }

    /**
     * A problem with a bucket (missing, access denied, store unavailable), or empty when it
     * exists; blocking.
     */
    public Optional<ProbeProblem> checkBucket(String bucket) {
        return bucketProblem(bucket).map(o -> new ProbeProblem(o.problem, o.retriable));
    }

    private Optional<Outcome> bucketProblem(String bucket) {
        try {
            return store.bucketExists(bucket) ? Optional.empty()
                    : Optional.of(Outcome.problem("bucket \"" + bucket + "\" does not exist", false));
        } catch (StorageException e) {
            return Optional.of(Outcome.problem(e.getMessage(), e.retriable()));
        }
    }

    private Outcome probe(S3Uri uri) {
        try {
            Optional<ObjectHead> head = store.head(uri);
            if (head.isEmpty()) {
                return Outcome.problem(uri + ": no such object", false);
            }
            long size = head.get().size();
            if (size > maxStemBytes) {
                return Outcome.problem(uri + ": " + size + " bytes; stems may be at most " + maxStemBytes + " bytes", false);
            }
            if (size == 0) {
                return Outcome.problem(uri + ": the object is empty (0 bytes)", false);
            }
            RangedObjectChannel channel = new RangedObjectChannel(store, uri, size, settings.chunkBytes(),
                    settings.maxHeaderBytes());
            try (AudioReader reader = AudioFiles.open(channel, uri.toString())) {
                return new Outcome(head.get(), reader.info(), null, false);
            }
        } catch (StorageException e) {
            return Outcome.problem(e.getMessage(), e.retriable());
        } catch (RangedObjectChannel.HeaderTooLargeException e) {
            return Outcome.problem(e.getMessage(), false);
        } catch (IOException e) {
            return Outcome.problem(uri + ": cannot be read: " + e.getMessage(), false);
        } catch (RuntimeException e) {
            // InvalidAudioException and other engine failures: their messages name the URI.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Outcome.problem(message.startsWith(uri.toString()) ? message : uri + ": " + message, false);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private record Outcome(ObjectHead head, AudioInfo info, String problem, boolean retriable) {
        static Outcome problem(String problem, boolean retriable) {
            return new Outcome(null, null, problem, retriable);
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

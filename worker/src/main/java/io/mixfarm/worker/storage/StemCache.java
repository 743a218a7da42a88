package io.mixfarm.worker.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A worker-local cache of stems, keyed by their SHA-256, that outlives tasks: a song whose stems
 * another song of this worker already fetched takes them from local disk instead of S3.
 *
 * <p>Only verified content enters: a download lands under a temporary name, is checked against
 * the key (size and SHA-256, by the {@link Loader}) and only then renamed into place atomically,
 * so an entry is never partial or corrupt. Tasks that need the same missing stem at once wait for
 * one download. A task gets its own hard link to the entry (a copy when the file system refuses
 * links): evicting an entry, or deleting the task's scratch directory, never touches the other.
 * Entries are read-only, so a task cannot alter the cached bytes through its link.
 *
 * <p>Bounded by bytes, least recently used first out; an entry being linked or copied is not
 * evicted meanwhile. The directory belongs to the cache alone; it is emptied when the worker
 * starts ({@link #purge}), since what a killed worker left there was never indexed.
 */
public final class StemCache {

    /** Counts what the cache does (worker metrics). Thread-safe. */
    public interface Meter {
        /** Counts nothing. */
        Meter NONE = new Meter() {
        };

        /** A stem of {@code bytes} was served from the cache. */
        default void hit(long bytes) {
        }

        /** A stem of {@code bytes} was not held: it was downloaded, verified and entered. */
        default void miss(long bytes) {
        }

        /** An entry of {@code bytes} was evicted to stay within the bound. */
        default void evicted(long bytes) {
        }

        /** The cache now holds {@code bytes} in its entries. */
        default void size(long bytes) {
        }
    }

    /** Downloads a stem into a file and verifies it against the declared size and checksum. */
    @FunctionalInterface
    public interface Loader {
        /** Fills {@code file}; throws (leaving no verified file) when the content does not check out. */
        FetchedObject load(Path file);
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Logger LOG = LoggerFactory.getLogger(StemCache.class);

    private final Path dir;
    private final Path entries;
    private final Path incoming;
    private final long maxBytes;
    private final Meter meter;
    private final AtomicLong counter = new AtomicLong();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> loading = new ConcurrentHashMap<>();
    // Guarded by this: access-ordered, eldest first.
    private final LinkedHashMap<String, Entry> index = new LinkedHashMap<>(16, 0.75f, true);
    private long held;

    /**
     * A cache in {@code dir} holding at most {@code maxBytes} (0: no cache, every stem is
     * downloaded straight to its task). Call {@link #purge} before use.
     */
    public StemCache(Path dir, long maxBytes, Meter meter) {
        if (maxBytes < 0 || (dir == null && maxBytes > 0)) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " in " + dir);
        }
        this.dir = dir;
        this.entries = dir == null ? null : dir.resolve("entries");
        this.incoming = dir == null ? null : dir.resolve("incoming");
        this.maxBytes = maxBytes;
        this.meter = meter;
    }

    /** A cache that caches nothing. */
    public static StemCache disabled() {
        return new StemCache(null, 0, Meter.NONE);
    }

    public boolean enabled() {
        return maxBytes > 0;
    }

    /** The bytes the entries hold now. */
    public synchronized long heldBytes() {
        return held;
    }

    /** Whether an entry for {@code sha256} is held now. */
    public synchronized boolean contains(String sha256) {
        return index.containsKey(sha256);
    }

    /**
     * Deletes everything in the cache's directory, and creates it afresh when enabled (a disabled
     * cache's directory is removed: what an earlier configuration left there).
     */
    public synchronized void purge() {
        if (dir == null) {
            return;
        }
        try {
            deleteRecursively(dir);
            if (enabled()) {
                Files.createDirectories(entries);
                Files.createDirectories(incoming);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the stem cache " + dir, e);
        }
        index.clear();
        held = 0;
        meter.size(0);
    }

    /**
     * Puts the stem of checksum {@code sha256} and {@code bytes} at {@code target}: from the
     * cache when held, else through {@code loader} (into the cache, then to the target). Without a
     * usable checksum, when disabled, or when the stem alone exceeds the bound, the loader fills
     * the target directly.
     *
     * @return true when the stem came from the cache
     */
    public boolean fetch(String sha256, long bytes, Path target, Loader loader) {
        if (!enabled() || sha256 == null || !SHA256.matcher(sha256).matches() || bytes > maxBytes) {
            loader.load(target);
            return false;
        }
        while (true) {
            if (serve(sha256, target)) {
                return true;
            }
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = loading.putIfAbsent(sha256, mine);
            if (other != null) {
                awaitOther(other, sha256); // then take it from the cache, or load it if that failed
                continue;
            }
            try {
                if (serve(sha256, target)) { // entered between the look-up and the claim
                    return true;
                }
                enter(sha256, loader, target);
                return false;
            } finally {
                loading.remove(sha256, mine);
                mine.complete(null);
            }
        }
    }

    /** Links (or copies) a held entry to {@code target}; false when none is held. */
    private boolean serve(String sha256, Path target) {
        Entry entry;
        synchronized (this) {
            entry = index.get(sha256);
            if (entry == null) {
                return false;
            }
            entry.pins++;
        }
        try {
            place(entries.resolve(sha256), target);
            meter.hit(entry.bytes);
            return true;
        } catch (NoSuchFileException e) {
            forget(sha256, entry); // deleted behind the cache's back (a tmp cleaner): fetch it again
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take stem " + sha256 + " from the cache", e);
        } finally {
            synchronized (this) {
                entry.pins--;
                evict();
            }
        }
    }

    /**
     * Loads into a temporary file, checks it is the key's content, gives the task its link and
     * renames the file into place.
     */
    private void enter(String sha256, Loader loader, Path target) {
        Path temp = incoming.resolve(sha256 + "-" + counter.incrementAndGet());
        try {
            FetchedObject fetched = loader.load(temp);
            if (!sha256.equals(fetched.sha256())) {
                throw new DownloadMismatchException(fetched.uri() + ": downloaded content has SHA-256 "
                        + fetched.sha256() + "; expected " + sha256);
            }
            long size = Files.size(temp);
            meter.miss(size);
            temp.toFile().setReadOnly(); // a task's link must not write into the cached bytes
            place(temp, target); // before the entry exists, so no eviction can come between
            Files.move(temp, entries.resolve(sha256), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            synchronized (this) {
                Entry previous = index.put(sha256, new Entry(size));
                held += size - (previous != null ? previous.bytes : 0);
                evict();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache stem " + sha256, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", temp, e.toString());
            }
        }
    }

    private synchronized void forget(String sha256, Entry entry) {
        if (index.remove(sha256, entry)) {
            held -= entry.bytes;
            meter.size(held);
        }
    }

    /** Drops least recently used, unpinned entries until the bound holds. Holds the lock. */
    private void evict() {
        Iterator<Map.Entry<String, Entry>> it = index.entrySet().iterator();
        while (held > maxBytes && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            if (eldest.getValue().pins > 0) {
                continue;
            }
            try {
                Files.deleteIfExists(entries.resolve(eldest.getKey()));
            } catch (IOException e) {
                LOG.warn("cannot evict stem {} from the cache: {}", eldest.getKey(), e.toString());
                continue;
            }
            it.remove();
            held -= eldest.getValue().bytes;
            meter.evicted(eldest.getValue().bytes);
        }
        meter.size(held);
    }

    private static void place(Path entry, Path target) throws IOException {
        try {
            Files.createLink(target, entry);
        } catch (UnsupportedOperationException | FileSystemException e) {
            // another file system, or links not supported: the task gets its own copy
            Files.copy(entry, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void awaitOther(CompletableFuture<Void> other, String sha256) {
        try {
            other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("waiting for stem " + sha256 + " interrupted");
        } catch (ExecutionException e) {
            // never completed exceptionally; the loop looks again either way
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static final class Entry {
        final long bytes;
        int pins;

        Entry(long bytes) {
            this.bytes = bytes;
        }
    }
}

package io.mixfarm.worker.storage;

import io.mixfarm.contract.S3Uri;
import io.mixfarm.worker.task.ScratchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stem cache on a real file system, with loaders standing in for S3 downloads. */
class StemCacheTest {

    @TempDir
    Path dir;

    private final CountingMeter meter = new CountingMeter();

    @Test
    void aMissDownloadsOnceAndTheNextTaskGetsALinkToTheSameBytes() throws Exception {
        StemCache cache = cache(10_000);
        Stem a = stem(1000, 1);
        Path first = dir.resolve("first");
        assertFalse(cache.fetch(a.sha, a.bytes.length, first, a.loader()), "a miss");
        Path second = dir.resolve("second");
        assertTrue(cache.fetch(a.sha, a.bytes.length, second, a.loader()), "a hit");
        assertEquals(1, a.loads.get(), "downloaded once");
        assertArrayEquals(a.bytes, Files.readAllBytes(first));
        assertArrayEquals(a.bytes, Files.readAllBytes(second));
        assertTrue((Integer) Files.getAttribute(second, "unix:nlink") >= 2, "a hard link, not a copy");
        assertEquals(1, meter.hits.get());
        assertEquals(1, meter.misses.get());
        assertEquals(1000, meter.served.get());
        assertEquals(1000, meter.size.get());
        assertEquals(1000, cache.heldBytes());
    }

    @Test
    void theLeastRecentlyUsedStemsAreEvictedToStayWithinTheBound() throws Exception {
        StemCache cache = cache(2500);
        Stem a = stem(1000, 1);
        Stem b = stem(1000, 2);
        Stem c = stem(1000, 3);
        fetch(cache, a, "a1");
        fetch(cache, b, "b1");
        assertTrue(fetch(cache, a, "a2"), "a is now the most recently used");
        fetch(cache, c, "c1");
        assertTrue(cache.contains(a.sha) && cache.contains(c.sha), "a and c kept");
        assertFalse(cache.contains(b.sha), "b, the least recently used, evicted");
        assertEquals(2000, cache.heldBytes());
        assertEquals(1, meter.evictions.get());
        assertEquals(2000, meter.size.get());
        assertEquals(List.of(a.sha, c.sha), entryNames());
        assertFalse(fetch(cache, b, "b2"), "an evicted stem is downloaded again");
        assertEquals(2, b.loads.get());
    }

    @Test
    void aStemLargerThanTheBoundGoesStraightToTheTask() throws Exception {
        StemCache cache = cache(500);
        Stem big = stem(1000, 4);
        assertFalse(fetch(cache, big, "t1"));
        assertFalse(fetch(cache, big, "t2"));
        assertEquals(2, big.loads.get());
        assertEquals(0, cache.heldBytes());
        assertArrayEquals(big.bytes, Files.readAllBytes(dir.resolve("t2")));
    }

    @Test
    void stemsWithoutAChecksumAreNeverCached() throws Exception {
        StemCache cache = cache(10_000);
        Stem a = stem(1000, 5);
        Path target = dir.resolve("t");
        assertFalse(cache.fetch(null, a.bytes.length, target, a.loader()));
        assertFalse(cache.fetch(null, a.bytes.length, dir.resolve("t2"), a.loader()));
        assertEquals(2, a.loads.get());
        assertArrayEquals(a.bytes, Files.readAllBytes(target));
        assertEquals(0, cache.heldBytes());
        assertEquals(0, meter.misses.get() + meter.hits.get(), "not a cache look-up");
    }

    @Test
    void concurrentTasksNeedingTheSameMissingStemDownloadItOnce() throws Exception {
        StemCache cache = cache(10_000);
        Stem a = stem(50_000 / 10, 6);
        int tasks = 8;
        CountDownLatch allAsking = new CountDownLatch(tasks);
        CountDownLatch release = new CountDownLatch(1);
        StemCache.Loader slow = file -> {
            try {
                release.await(30, TimeUnit.SECONDS); // held until every task has asked
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return a.loader().load(file);
        };
        ExecutorService pool = Executors.newFixedThreadPool(tasks);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                Path target = dir.resolve("task-" + i);
                results.add(pool.submit(() -> {
                    allAsking.countDown();
                    return cache.fetch(a.sha, a.bytes.length, target, slow);
                }));
            }
            assertTrue(allAsking.await(30, TimeUnit.SECONDS));
            Thread.sleep(200); // let them reach the cache
            release.countDown();
            int hits = 0;
            for (Future<Boolean> result : results) {
                hits += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, a.loads.get(), "one download for all");
            assertEquals(tasks - 1, hits);
            for (int i = 0; i < tasks; i++) {
                assertArrayEquals(a.bytes, Files.readAllBytes(dir.resolve("task-" + i)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCorruptDownloadIsNeverCachedAndTheNextTaskDownloadsAgain() throws Exception {
        StemCache cache = cache(10_000);
        Stem a = stem(1000, 7);
        byte[] altered = a.bytes.clone();
        altered[10] ^= 1;
        // what ObjectStore does on a checksum mismatch: delete the file and throw
        StemCache.Loader failing = file -> {
            write(file, altered);
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new DownloadMismatchException("s3://stems/a: downloaded content has SHA-256 " + Sha256.of(altered));
        };
        assertThrows(DownloadMismatchException.class, () -> cache.fetch(a.sha, 1000, dir.resolve("t1"), failing));
        // a loader that fails to check: the cache checks the key itself
        StemCache.Loader unchecked = file -> {
            write(file, altered);
            return new FetchedObject(new S3Uri("stems", "a"), file, altered.length, Sha256.of(altered), 1);
        };
        assertThrows(DownloadMismatchException.class, () -> cache.fetch(a.sha, 1000, dir.resolve("t2"), unchecked));
        assertFalse(cache.contains(a.sha));
        assertFalse(Files.exists(dir.resolve("t2")), "the task got nothing");
        assertEquals(List.of(), entryNames());
        assertEquals(List.of(), names(dir.resolve("cache/incoming")), "no temporary file left");
        assertFalse(fetch(cache, a, "t3"), "downloaded again");
        assertTrue(fetch(cache, a, "t4"));
        assertArrayEquals(a.bytes, Files.readAllBytes(dir.resolve("t4")));
    }

    @Test
    void atZeroBytesNothingIsCachedAndTheCacheDirectoryIsRemoved() throws Exception {
        Path cacheDir = dir.resolve("cache");
        Files.createDirectories(cacheDir.resolve("entries"));
        StemCache cache = new StemCache(cacheDir, 0, meter);
        cache.purge();
        assertFalse(cache.enabled());
        assertFalse(Files.exists(cacheDir), "left by an earlier configuration, removed");
        Stem a = stem(1000, 8);
        assertFalse(fetch(cache, a, "t1"));
        assertFalse(fetch(cache, a, "t2"));
        assertEquals(2, a.loads.get());
        assertArrayEquals(a.bytes, Files.readAllBytes(dir.resolve("t2")));
        assertFalse(Files.exists(cacheDir));
    }

    @Test
    void entriesSurviveTheTasksScratchDirectoriesAndTheirDeletion() throws Exception {
        ScratchSpace scratch = new ScratchSpace(dir.resolve("scratch/w1"));
        scratch.purge();
        StemCache cache = new StemCache(dir.resolve("scratch/.stem-cache-w1"), 10_000, meter);
        cache.purge();
        Stem a = stem(1000, 9);
        try (ScratchSpace.TaskScratch task = scratch.create("t1")) {
            assertFalse(cache.fetch(a.sha, 1000, task.stems().resolve("stem-000"), a.loader()));
        }
        assertTrue(scratch.isEmpty(), "the task's directory is gone");
        try (ScratchSpace.TaskScratch task = scratch.create("t2")) {
            Path stem = task.stems().resolve("stem-000");
            assertTrue(cache.fetch(a.sha, 1000, stem, a.loader()));
            assertArrayEquals(a.bytes, Files.readAllBytes(stem));
        }
        assertTrue(scratch.isEmpty());
        scratch.purge(); // a worker starting again purges its scratch: the cache is beside it
        assertTrue(cache.contains(a.sha));
        assertEquals(1, a.loads.get());
        cache.purge();
        assertEquals(0, cache.heldBytes());
        assertEquals(List.of(), entryNames(dir.resolve("scratch/.stem-cache-w1")));
    }

    @Test
    void evictingAStemATaskUsesLeavesTheTasksFileIntact() throws Exception {
        StemCache cache = cache(1500);
        Stem a = stem(1000, 10);
        Path inUse = dir.resolve("task-a");
        fetch(cache, a, "task-a");
        fetch(cache, stem(1000, 11), "task-b");
        assertFalse(cache.contains(a.sha), "evicted");
        assertArrayEquals(a.bytes, Files.readAllBytes(inUse), "the task still reads its stem");
    }

    @Test
    void anEntryDeletedBehindTheCachesBackIsFetchedAgain() throws Exception {
        StemCache cache = cache(10_000);
        Stem a = stem(1000, 12);
        fetch(cache, a, "t1");
        Path entry = dir.resolve("cache/entries").resolve(a.sha);
        Files.delete(entry); // e.g. a tmp cleaner
        assertFalse(fetch(cache, a, "t2"), "a miss, not a failure");
        assertArrayEquals(a.bytes, Files.readAllBytes(dir.resolve("t2")));
        assertEquals(2, a.loads.get());
        assertEquals(1000, cache.heldBytes());
        assertTrue(fetch(cache, a, "t3"));
    }

    private StemCache cache(long maxBytes) {
        StemCache cache = new StemCache(dir.resolve("cache"), maxBytes, meter);
        cache.purge();
        return cache;
    }

    private boolean fetch(StemCache cache, Stem stem, String target) {
        return cache.fetch(stem.sha, stem.bytes.length, dir.resolve(target), stem.loader());
    }

    private List<String> entryNames() throws IOException {
        return entryNames(dir.resolve("cache"));
    }

    private static List<String> entryNames(Path cacheDir) throws IOException {
        return names(cacheDir.resolve("entries"));
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Stem stem(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return new Stem(bytes, Sha256.of(bytes), new AtomicInteger());
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stem in "S3": its loader writes it and verifies it as ObjectStore would, counting downloads. */
    private record Stem(byte[] bytes, String sha, AtomicInteger loads) {
        StemCache.Loader loader() {
            return file -> {
                loads.incrementAndGet();
                write(file, bytes);
                return new FetchedObject(new S3Uri("stems", sha), file, bytes.length, Sha256.of(bytes), 1);
            };
        }
    }

    private static final class CountingMeter implements StemCache.Meter {
        final AtomicInteger hits = new AtomicInteger();
        final AtomicInteger misses = new AtomicInteger();
        final AtomicInteger evictions = new AtomicInteger();
        final AtomicLong served = new AtomicLong();
        final AtomicLong size = new AtomicLong();

        @Override
        public void hit(long bytes) {
            hits.incrementAndGet();
            served.addAndGet(bytes);
        }

        @Override
        public void miss(long bytes) {
            misses.incrementAndGet();
        }

        @Override
        public void evicted(long bytes) {
            evictions.incrementAndGet();
        }

        @Override
        public void size(long bytes) {
            size.set(bytes);
        }
    }
}

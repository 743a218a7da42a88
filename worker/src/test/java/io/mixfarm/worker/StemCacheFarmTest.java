package io.mixfarm.worker;

import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker on a real broker and S3 endpoint renders two songs made of the same stems: the second
 * takes them from the stem cache, without a request for them (they are even gone from S3 by then),
 * and renders a master of the same loudness. Stopping the worker empties the cache.
 */
class StemCacheFarmTest {

    private static final String PREFIX = "stemcache";
    private static final Topics TOPICS = Farm.topics(PREFIX);
    private static final String READ = "mixfarm_s3_read_bytes_total{application=\"worker\"}";
    private static final String HITS = "mixfarm_stem_cache_hits_total{application=\"worker\"}";
    private static final String MISSES = "mixfarm_stem_cache_misses_total{application=\"worker\"}";

    @RegisterExtension
    static final SharedFarm FARM = new SharedFarm();

    @Test
    void theSecondSongWithTheSameStemsFetchesNothingFromS3() throws Exception {
        Farm farm = FARM.get();
        Worker worker = Worker.start(farm.settings("worker-sc", PREFIX, Map.of("slots", 1)));
        Path cacheDir = worker.settings().stemCacheDir();
        try {
            RenderTask first = Songs.upload(farm, "sc", "song-1", 1, 7);
            List<StemLocation> stems = first.stems();
            farm.send(TOPICS, first);
            awaitCompleted(farm, worker, 1);
            long stemBytes = stems.stream().mapToLong(StemLocation::bytes).sum();
            assertEquals(stemBytes, value(worker, READ), "the first song downloaded its stems");
            assertEquals(2, value(worker, MISSES));
            assertEquals(0, value(worker, HITS));
            assertTrue(worker.scratch().isEmpty(), "the task's scratch directory is gone, the cache is not");
            assertEquals(stemBytes, value(worker, "mixfarm_stem_cache_size_bytes{application=\"worker\"}"));

            for (StemLocation stem : stems) { // only the cache can serve them now
                S3Uri uri = S3Uri.parseObject(stem.uri());
                farm.client.deleteObject(b -> b.bucket(uri.bucket()).key(uri.key())).join();
            }
            farm.send(TOPICS, Songs.task("sc", "song-2", Songs.output("sc"), stems));
            awaitCompleted(farm, worker, 2);
            assertEquals(stemBytes, value(worker, READ), "no stem byte fetched for the second song");
            assertEquals(2, value(worker, HITS));
            assertEquals(2, value(worker, MISSES));
            // the same stems, the same master (bar its dither and tags, which follow the song id)
            LoudnessMeasurement one = LoudnessAnalyzer.measure(master(farm, "song-1"));
            LoudnessMeasurement two = LoudnessAnalyzer.measure(master(farm, "song-2"));
            assertEquals(one.integratedLufs(), two.integratedLufs(), 0.01);
            assertEquals(1.0, two.durationSeconds(), 0.01);
            assertTrue(worker.scratch().isEmpty());
        } finally {
            worker.stop().toCompletableFuture().join();
        }
        assertTrue(!Files.exists(cacheDir) || isEmpty(cacheDir.resolve("entries")), "a stopped worker leaves no cache");
    }

    private static void awaitCompleted(Farm farm, Worker worker, int songs) {
        Await.until(Duration.ofSeconds(120), () -> Farm.byKind(farm.events(TOPICS), TaskEvent.Kind.COMPLETED).size() == songs,
                () -> farm.events(TOPICS) + "\n" + worker.metrics().scrape());
        assertTrue(Farm.byKind(farm.events(TOPICS), TaskEvent.Kind.FAILED).isEmpty(), () -> farm.events(TOPICS).toString());
    }

    /** The song's master (its WAV deliverable) as stored, in a local file. */
    private static Path master(Farm farm, String songId) throws Exception {
        TaskEvent done = Farm.byKind(farm.events(TOPICS), TaskEvent.Kind.COMPLETED).get(songId).get(0);
        String uri = done.completion().outputs().stream().filter(o -> o.name().endsWith(".wav")).findFirst()
                .orElseThrow().uri();
        return Files.write(farm.dir.resolve("stemcache-" + songId + ".wav"), farm.get(S3Uri.parseObject(uri)).orElseThrow());
    }

    private static boolean isEmpty(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    private static double value(Worker worker, String series) {
        return worker.metrics().scrape().lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " not exposed"));
    }
}

package io.mixfarm.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.TaskEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load (run by {@code reliability/run.sh}, not by {@code mvn verify}): three albums and one
 * 1,000-song session at once through a coordinator and two workers, each in its own JVM. Every
 * song of every session must end COMPLETED with its outputs; the peak heap of each JVM is reported
 * (from its GC log) and must stay under its -Xmx.
 */
@EnabledIfSystemProperty(named = "reliability.load", matches = "true")
@Timeout(3600)
class LoadTest {

    private static final int ALBUMS = Integer.getInteger("reliability.load.albums", 3);
    private static final int ALBUM_SONGS = Integer.getInteger("reliability.load.album-songs", 10);
    private static final double ALBUM_SECONDS = Double.parseDouble(System.getProperty("reliability.load.album-seconds", "20"));
    private static final int BACKFILL = Integer.getInteger("reliability.load.backfill", 1000);
    private static final double BACKFILL_SECONDS = Double.parseDouble(System.getProperty("reliability.load.backfill-seconds", "1"));
    private static final String HEAP = System.getProperty("reliability.load.heap", "512m");

    @TempDir
    Path dir;

    @Test
    void albumsAndABackfillAtOnceLoseNothing() throws Exception {
        try (Rig rig = Rig.start(dir); EventLog events = new EventLog(rig.kafka().bootstrapServers())) {
            int port = Rig.freePort();
            URI api = URI.create("http://127.0.0.1:" + port);
            ChildJvm coordinator = rig.startCoordinatorProcess(port, HEAP);
            ChildJvm one = rig.startWorkerProcess("worker-1", HEAP);
            ChildJvm two = rig.startWorkerProcess("worker-2", HEAP);
            Groups.awaitMembers(rig.kafka().bootstrapServers(), Set.of("worker-1", "worker-2"), Duration.ofSeconds(180));

            long began = System.nanoTime();
            List<String> sessions = new ArrayList<>();
            sessions.add(rig.submit(RigAlbum.writeShared(dir.resolve("backfill"), "backfill", BACKFILL, BACKFILL_SECONDS), api));
            for (int a = 1; a <= ALBUMS; a++) {
                sessions.add(rig.submit(RigAlbum.write(dir.resolve("album-" + a), "album-" + a, ALBUM_SONGS, ALBUM_SECONDS, true), api));
            }
            double submitted = (System.nanoTime() - began) / 1e9;
            List<JsonNode> views = new ArrayList<>();
            for (String session : sessions) {
                views.add(Rig.awaitEnd(api, session, Duration.ofMinutes(50)));
            }
            double elapsed = (System.nanoTime() - began) / 1e9;

            StringBuilder report = new StringBuilder();
            int songs = 0;
            int rerenders = 0;
            try (S3Client s3 = rig.s3Client()) {
                for (JsonNode view : views) {
                    String id = view.path("sessionId").asText();
                    assertEquals("COMPLETED", view.path("state").asText(), id + ": " + view.path("counts"));
                    int expected = id.startsWith("backfill") ? BACKFILL : ALBUM_SONGS;
                    assertEquals(expected, view.path("songs").size(), id + ": every song accounted for");
                    for (JsonNode song : view.path("songs")) {
                        assertEquals("COMPLETED", song.path("state").asText(), song.toString());
                        assertTrue(song.path("outputs").size() > 0, song.toString());
                    }
                    if (!id.startsWith("backfill")) {
                        Masters.assertMastered(view, s3, dir, Set.of());
                    }
                    Map<String, Long> starts = events.of(id, e -> e.kind() == TaskEvent.Kind.STARTED).stream()
                            .collect(Collectors.groupingBy(e -> e.songId() + " " + e.taskId().split("/")[2], Collectors.counting()));
                    int again = (int) starts.values().stream().filter(n -> n > 1).count();
                    rerenders += again;
                    songs += expected;
                    report.append(String.format(Locale.ROOT, "  %s: %d songs COMPLETED, %d task(s) started more than once%n",
                            id, expected, again));
                }
            }
            long coordinatorPeak = coordinator.peakHeapMib();
            long onePeak = one.peakHeapMib();
            long twoPeak = two.peakHeapMib();
            long limit = Long.parseLong(HEAP.replaceAll("[^0-9]", "")) * (HEAP.endsWith("g") ? 1024 : 1);
            String summary = String.format(Locale.ROOT,
                    "load: %d sessions, %d songs in %.1f s (%.1f songs/s; submission %.1f s); rerenders %d%n%s"
                            + "  peak heap (MiB, before GC, -Xmx %s): coordinator %d, worker-1 %d, worker-2 %d%n",
                    sessions.size(), songs, elapsed, songs / elapsed, submitted, rerenders, report, HEAP,
                    coordinatorPeak, onePeak, twoPeak);
            System.out.print(summary);
            Path out = Path.of("target", "reliability");
            Files.createDirectories(out);
            Files.writeString(out.resolve("load.txt"), summary);
            for (long peak : new long[] {coordinatorPeak, onePeak, twoPeak}) {
                assertTrue(peak > 0 && peak < limit, "peak heap " + peak + " MiB within -Xmx " + HEAP);
            }
        }
    }
}

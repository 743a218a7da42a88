package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.cli.bench.BenchSession;
import io.mixfarm.cli.standalone.StandaloneFarm;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.contract.Priority;
import io.mixfarm.worker.Worker;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * How a whole standalone farm (real Kafka, S3Proxy, coordinator, two workers of one slot each)
 * shares out work: a session's songs spread over both workers, and an urgent album submitted
 * after a large backfill finishes first while the backfill still completes. Songs are one
 * second at 8 kHz, so the farm's scheduling is what the test exercises.
 */
@Timeout(300)
class FarmSchedulingTest {

    private static final int RATE = 8_000;

    @TempDir
    static Path farmDir;
    @TempDir
    static Path stemDir;

    private static StandaloneFarm farm;
    private static CoordinatorClient client;
    private static List<String> stems;

    @BeforeAll
    static void startFarm() throws Exception {
        farm = StandaloneFarm.start(new StandaloneFarm.Options(2, farmDir, 0, "127.0.0.1", 1));
        client = new CoordinatorClient(farm.coordinatorUrl(), farm.apiToken());
        try (S3Client s3 = farm.s3Client()) {
            stems = BenchSession.uploadStems(s3, StandaloneFarm.STEMS_BUCKET, stemDir, RATE);
        }
        // Both workers hold their half of every tasks topic before anything is submitted (the second
        // joins later: one rebalance takes partitions from the first, the next hands them over). A
        // session's songs are on consecutive partitions, so then both workers get songs.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!sharedOut(farm.workers().stream().map(Worker::assignment).toList())) {
            if (System.nanoTime() > deadline) {
                fail("the workers do not hold half of every topic each: "
                        + farm.workers().stream().map(Worker::assignment).toList());
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopFarm() {
        if (farm != null) {
            farm.close();
        }
    }

    @Test
    void theSongsOfASessionAreCompletedByBothWorkers() throws Exception {
        String id = client.submit(BenchSession.manifest("spread", 16, stems, RATE));
        JsonNode view = awaitEnd(id);
        Set<String> workers = new TreeSet<>();
        for (JsonNode song : view.path("songs")) {
            assertEquals("COMPLETED", song.path("state").asText(), song.toString());
            workers.add(song.path("workerId").asText());
        }
        assertEquals(new TreeSet<>(farm.workers().stream().map(Worker::id).toList()), workers,
                "the workers named by the songs' completion events");
    }

    @Test
    void anUrgentAlbumSubmittedAfterALargeBackfillFinishesFirst() throws Exception {
        String backfill = client.submit(BenchSession.manifest("catalogue", 40, stems, RATE), Priority.BACKFILL);
        String urgent = client.submit(BenchSession.manifest("release", 4, stems, RATE), Priority.URGENT);

        JsonNode urgentView = awaitEnd(urgent);
        Instant urgentDone = lastEnded(urgentView);
        JsonNode backfillView = awaitEnd(backfill);
        Instant backfillDone = lastEnded(backfillView);
        assertEquals("urgent", urgentView.path("priority").asText().toLowerCase(), urgentView.path("priority").toString());
        assertTrue(urgentDone.isBefore(backfillDone), "the urgent album ended at " + urgentDone
                + ", the backfill submitted before it at " + backfillDone);
    }

    /** Every tasks topic's partitions held, each worker holding as many as any other, give or take one. */
    private static boolean sharedOut(List<Set<TopicPartition>> assignments) {
        Map<String, List<Integer>> held = new TreeMap<>();
        for (int w = 0; w < assignments.size(); w++) {
            for (TopicPartition tp : assignments.get(w)) {
                List<Integer> counts = held.computeIfAbsent(tp.topic(),
                        t -> new ArrayList<>(Collections.nCopies(assignments.size(), 0)));
                counts.set(w, counts.get(w) + 1);
            }
        }
        return held.size() == Priority.values().length && held.values().stream()
                .allMatch(c -> Collections.min(c) > 0 && Collections.max(c) - Collections.min(c) <= 1);
    }

    private static Instant lastEnded(JsonNode view) {
        Instant last = Instant.MIN;
        for (JsonNode song : view.path("songs")) {
            assertEquals("COMPLETED", song.path("state").asText(), song.toString());
            Instant ended = Instant.parse(song.path("timings").path("endedAt").asText());
            last = ended.isAfter(last) ? ended : last;
        }
        return last;
    }

    private static JsonNode awaitEnd(String sessionId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode view = client.session(sessionId);
            String state = view.path("state").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                assertEquals("COMPLETED", state, view.toPrettyString());
                return view;
            }
            Thread.sleep(250);
        }
        return fail("session " + sessionId + " did not end within 240 s");
    }
}

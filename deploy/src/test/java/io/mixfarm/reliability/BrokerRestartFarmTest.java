package io.mixfarm.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.coordinator.Coordinator;
import io.mixfarm.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kafka broker goes away mid-album and comes back on the same port with the same log: the
 * coordinator and both workers reconnect by themselves (none is restarted) and the album completes,
 * every song mastered once in the session state.
 */
@Timeout(420)
class BrokerRestartFarmTest {

    @TempDir
    Path dir;

    @Test
    void theAlbumCompletesAfterTheBrokerReturns() throws Exception {
        int songs = WorkerProcessFaultsTest.SONGS;
        try (Rig rig = Rig.start(dir); EventLog events = new EventLog(rig.kafka().bootstrapServers())) {
            Coordinator coordinator = rig.startCoordinator();
            Worker one = rig.startWorker("worker-1");
            Worker two = rig.startWorker("worker-2");
            Groups.awaitMembers(rig.kafka().bootstrapServers(), Set.of("worker-1", "worker-2"), Duration.ofSeconds(120));

            String session = rig.submit(RigAlbum.write(dir.resolve("album"), "broker", songs,
                    WorkerProcessFaultsTest.SECONDS, false), coordinator.url());
            Rig.await("a first song is mastered", Duration.ofSeconds(180),
                    () -> !events.of(session, TaskEvent.Kind.COMPLETED).isEmpty());
            rig.kafka().stop();
            Thread.sleep(Long.getLong("reliability.broker-down-ms", 8_000));
            rig.kafka().start();

            JsonNode view = Rig.awaitEnd(coordinator.url(), session, Duration.ofSeconds(300));
            assertEquals("COMPLETED", view.path("state").asText(), view.toPrettyString());
            try (S3Client s3 = rig.s3Client()) {
                assertEquals(songs, Masters.assertMastered(view, s3, dir, Set.of()).size());
            }
            Map<String, Long> starts = events.startsBySong(session, "full");
            assertEquals(songs, starts.size(), "every song rendered: " + starts);
            assertTrue(coordinator.ready(), "the coordinator is ready again without a restart");
            assertTrue(one.whenTerminated().toCompletableFuture().getNow(null) == null
                    && two.whenTerminated().toCompletableFuture().getNow(null) == null, "both workers still run");
            System.out.println("broker restart: renders per song " + starts);
        }
    }
}

package io.mixfarm.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.TaskEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coordinator (its own JVM) is killed with SIGKILL in the middle of an album-mode session,
 * while the workers go on analysing, and a new coordinator process starts on the same port: the
 * session and its progress come back from Kafka, the album gain is computed from the analyses
 * reported while no coordinator ran, and no song is rendered twice in either phase.
 */
@Timeout(420)
class CoordinatorKillTest {

    @TempDir
    Path dir;

    @Test
    void aKilledCoordinatorComesBackWithItsSessionsAndNoSongIsRenderedAgain() throws Exception {
        int songs = WorkerProcessFaultsTest.SONGS;
        try (Rig rig = Rig.start(dir); EventLog events = new EventLog(rig.kafka().bootstrapServers())) {
            int port = Rig.freePort();
            URI api = URI.create("http://127.0.0.1:" + port);
            ChildJvm first = rig.startCoordinatorProcess(port, "256m");
            rig.startWorker("worker-1");
            rig.startWorker("worker-2");
            Groups.awaitMembers(rig.kafka().bootstrapServers(), Set.of("worker-1", "worker-2"), Duration.ofSeconds(120));

            String session = rig.submit(RigAlbum.write(dir.resolve("album"), "crash", songs,
                    WorkerProcessFaultsTest.SECONDS, true), api);
            Rig.await("a first song is analysed", Duration.ofSeconds(180),
                    () -> !events.of(session, TaskEvent.Kind.COMPLETED).isEmpty());
            first.kill();
            int completedWhileAlive = events.of(session, TaskEvent.Kind.COMPLETED).size();
            Thread.sleep(3_000); // the workers go on without a coordinator
            rig.startCoordinatorProcess(port, "256m");

            JsonNode view = Rig.awaitEnd(api, session, Duration.ofSeconds(300));
            assertEquals("COMPLETED", view.path("state").asText(), view.toPrettyString());
            assertTrue(completedWhileAlive < 2 * songs, "the kill came mid-session");
            try (S3Client s3 = rig.s3Client()) {
                assertEquals(songs, Masters.assertMastered(view, s3, dir, Set.of()).size());
            }
            for (String phase : new String[] {"analyze", "master"}) {
                Map<String, Long> starts = events.startsBySong(session, phase);
                assertEquals(songs, starts.size(), phase + ": every song rendered " + starts);
                starts.forEach((song, count) -> assertEquals(1L, count, phase + " of " + song + " rendered once: " + starts));
            }
        }
    }
}

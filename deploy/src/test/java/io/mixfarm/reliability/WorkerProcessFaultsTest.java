package io.mixfarm.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.Progress;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.coordinator.Coordinator;
import io.mixfarm.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker in its own JVM stopped mid-render while another worker (in this JVM) keeps running:
 * killed with SIGKILL, or stopped gracefully with SIGTERM. Every song of the album ends mastered
 * exactly once in the session state, on target, and no scratch file is left behind.
 *
 * <p>Scratch policy under test: each task attempt has its own directory under the worker's own
 * scratch space ({@code <scratch-dir>/<worker-id>}); a graceful stop empties it, and a worker
 * killed outright leaves its in-flight directory until the next start of the same worker id
 * (a restarted pod), which purges it before taking tasks.
 */
@Timeout(420)
class WorkerProcessFaultsTest {

    // The coordinator puts an album's songs on consecutive partitions and each worker holds 6 of
    // the tasks topic's 12 (Groups.awaitMembers waits for that): 12 songs give each worker 6.
    static final int SONGS = Integer.getInteger("reliability.songs", 12);
    static final double SECONDS = Double.parseDouble(System.getProperty("reliability.seconds", "20"));

    @TempDir
    Path dir;

    @Test
    void sigkillMidRenderLosesNoSongAndTheRestartPurgesTheScratch() throws Exception {
        try (Rig rig = Rig.start(dir); EventLog events = new EventLog(rig.kafka().bootstrapServers())) {
            Coordinator coordinator = rig.startCoordinator();
            Worker survivor = rig.startWorker("worker-1");
            ChildJvm victim = rig.startWorkerProcess("worker-2", "384m");
            Groups.awaitMembers(rig.kafka().bootstrapServers(), Set.of("worker-1", "worker-2"), Duration.ofSeconds(120));

            String session = rig.submit(RigAlbum.write(dir.resolve("album"), "kill", SONGS, SECONDS, false), coordinator.url());
            // mixing has begun: the stems are in the task's scratch directory, mastering and upload are still to come
            TaskEvent inFlight = awaitRenderOf(events, session, "worker-2", e -> e.kind() == TaskEvent.Kind.PROGRESS
                    && e.progress().stage() == Progress.Stage.MIX);
            victim.kill();
            boolean leftBehind = hasFiles(rig.scratchDir("worker-2"));

            JsonNode view = Rig.awaitEnd(coordinator.url(), session, Duration.ofSeconds(300));
            assertEquals("COMPLETED", view.path("state").asText(), view.toPrettyString());
            try (S3Client s3 = rig.s3Client()) {
                assertEquals(SONGS, Masters.assertMastered(view, s3, dir, Set.of()).size());
            }
            // it might still have finished in the moment before the signal (on a fast machine)
            boolean finishedBeforeKill = !events.of(session, e -> e.kind() == TaskEvent.Kind.COMPLETED
                    && e.taskId().equals(inFlight.taskId()) && e.workerId().equals("worker-2")).isEmpty();
            if (!finishedBeforeKill) {
                assertTrue(leftBehind, "the SIGKILL left " + inFlight.taskId() + "'s scratch directory behind");
                List<TaskEvent> rerun = events.of(session, e -> e.kind() == TaskEvent.Kind.STARTED
                        && e.songId().equals(inFlight.songId()) && e.workerId().equals("worker-1"));
                assertFalse(rerun.isEmpty(), "the killed render was redelivered to the surviving worker");
            }
            System.out.println("worker SIGKILL: " + inFlight.taskId() + (finishedBeforeKill
                    ? " had finished when the signal came" : " was killed mid-render and redelivered")
                    + "; scratch left behind: " + leftBehind);
            assertTrue(survivor.scratch().isEmpty(), "the survivor's scratch space is empty");

            // the same worker id starting again purges what the killed process left
            ChildJvm restarted = rig.startWorkerProcess("worker-2", "384m");
            Rig.await("the restarted worker-2 purged its scratch space", Duration.ofSeconds(120),
                    () -> !hasFiles(rig.scratchDir("worker-2")));
            int code = restarted.terminate(Duration.ofSeconds(120));
            assertTrue(code == 0 || code == 143, "the restarted worker stopped on SIGTERM (exit " + code + "):\n"
                    + restarted.logText());
        }
    }

    @Test
    void sigtermMidRenderFinishesOrHandsBackTheTask() throws Exception {
        try (Rig rig = Rig.start(dir); EventLog events = new EventLog(rig.kafka().bootstrapServers())) {
            Coordinator coordinator = rig.startCoordinator();
            rig.startWorker("worker-1");
            ChildJvm stopping = rig.startWorkerProcess("worker-2", "384m");
            Groups.awaitMembers(rig.kafka().bootstrapServers(), Set.of("worker-1", "worker-2"), Duration.ofSeconds(120));

            String session = rig.submit(RigAlbum.write(dir.resolve("album"), "term", SONGS, SECONDS, false), coordinator.url());
            TaskEvent inFlight = awaitRenderOf(events, session, "worker-2", e -> e.kind() == TaskEvent.Kind.STARTED);
            int code = stopping.terminate(Duration.ofSeconds(120));
            assertTrue(code == 0 || code == 143, "worker-2 stopped on SIGTERM within the drain deadline (exit " + code
                    + "):\n" + stopping.logText());
            assertFalse(hasFiles(rig.scratchDir("worker-2")), "a graceful stop leaves no scratch files");

            JsonNode view = Rig.awaitEnd(coordinator.url(), session, Duration.ofSeconds(300));
            assertEquals("COMPLETED", view.path("state").asText(), view.toPrettyString());
            try (S3Client s3 = rig.s3Client()) {
                assertEquals(SONGS, Masters.assertMastered(view, s3, dir, Set.of()).size());
            }
            boolean finishedByStopping = !events.of(session, e -> e.kind() == TaskEvent.Kind.COMPLETED
                    && e.taskId().equals(inFlight.taskId()) && e.workerId().equals("worker-2")).isEmpty();
            boolean redelivered = !events.of(session, e -> e.kind() == TaskEvent.Kind.STARTED
                    && e.taskId().equals(inFlight.taskId()) && e.workerId().equals("worker-1")).isEmpty();
            assertTrue(finishedByStopping || redelivered, inFlight.taskId() + " was finished by worker-2 or redelivered");
            Map<String, Long> starts = events.startsBySong(session, "full");
            assertEquals(SONGS, starts.size(), "every song rendered: " + starts);
        }
    }

    /** Waits for an event {@code which} of {@code workerId} about a task of the session that is not finished yet. */
    static TaskEvent awaitRenderOf(EventLog events, String session, String workerId, Predicate<TaskEvent> which)
            throws InterruptedException {
        TaskEvent[] found = new TaskEvent[1];
        Rig.await(workerId + " is rendering a song of " + session, Duration.ofSeconds(180), () -> {
            for (TaskEvent started : events.of(session, e -> which.test(e) && e.workerId().equals(workerId))) {
                boolean ended = !events.of(session, e -> e.taskId().equals(started.taskId())
                        && (e.kind() == TaskEvent.Kind.COMPLETED || e.kind() == TaskEvent.Kind.FAILED)).isEmpty();
                if (!ended) {
                    found[0] = started;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isPresent();
        }
    }
}

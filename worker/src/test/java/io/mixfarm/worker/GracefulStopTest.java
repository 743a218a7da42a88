package io.mixfarm.worker;

import io.mixfarm.contract.Progress;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker stopped (as by SIGTERM) in the middle of a render: within the drain deadline it
 * finishes and commits the song; past it, it abandons the render uncommitted and the other
 * worker renders the song. Either way the song completes exactly once and nothing is lost.
 */
class GracefulStopTest {

    @RegisterExtension
    static final SharedFarm FARM = new SharedFarm();
    private static Farm farm;
    private static Path dir;

    @BeforeAll
    static void start() {
        farm = FARM.get();
        dir = farm.dir;
    }

    @Test
    void aRenderInFlightFinishesWithinTheDrainDeadline() {
        List<TaskEvent> completed = stopMidRender("drain", Duration.ofSeconds(60));
        assertEquals("first", completed.get(0).workerId(), "the stopping worker finished its render");
    }

    @Test
    void aRenderPastTheDrainDeadlineIsAbandonedAndRedelivered() {
        List<TaskEvent> completed = stopMidRender("abandon", Duration.ofMillis(200));
        assertEquals("second", completed.get(0).workerId(), "the other worker rendered the abandoned song");
    }

    /**
     * With both workers in the group, starts a long song on the first one (its key chosen to land
     * on the first worker's partitions) and stops that worker mid-mix; returns the song's
     * COMPLETED events.
     */
    private static List<TaskEvent> stopMidRender(String prefix, Duration drainDeadline) {
        Topics topics = Farm.topics(prefix);
        Worker first = Worker.start(farm.settings("first", prefix, Map.of("slots", 1, "drain-deadline",
                drainDeadline.toMillis() + "ms")));
        Worker second = Worker.start(farm.settings("second", prefix, Map.of("slots", 1)));
        RenderTask task;
        try {
            FarmEndToEndTest.awaitBalanced(List.of(first, second));
            task = Songs.upload(farm, prefix, songOn(first, prefix), 90, 7);
            farm.send(topics, task);
            Await.until(Duration.ofSeconds(60), () -> mixing(farm.events(topics)), () -> "no MIX progress yet");
            first.stop().toCompletableFuture().join();
            assertTrue(first.scratch().isEmpty(), "the stopped worker left no scratch");
            Await.until(Duration.ofSeconds(90), () -> Farm.byKind(farm.events(topics), TaskEvent.Kind.COMPLETED)
                    .containsKey(task.songId()), () -> "song not completed: " + farm.events(topics).stream()
                    .map(e -> e.workerId() + ":" + e.kind()).toList());
        } finally {
            first.stop().toCompletableFuture().join();
            second.stop().toCompletableFuture().join();
            assertTrue(second.scratch().isEmpty(), "no scratch left");
        }
        List<TaskEvent> completed = Farm.byKind(farm.events(topics), TaskEvent.Kind.COMPLETED).get(task.songId());
        assertEquals(1, completed.size(), "completed exactly once: " + completed);
        assertEquals(farm.endOffsets(topics.renderTasks()), farm.committed(prefix + "-workers"), "committed");
        return completed;
    }

    /** A song id whose key the worker's partitions hold. */
    private static String songOn(Worker worker, String session) {
        for (int i = 0; ; i++) {
            int partition = Farm.partitionOf(session + "/song-" + i);
            if (worker.assignment().stream().anyMatch(tp -> tp.partition() == partition && Farm.isNormalTasks(tp))) {
                return "song-" + i;
            }
        }
    }

    private static boolean mixing(List<TaskEvent> events) {
        return events.stream().anyMatch(e -> e.kind() == TaskEvent.Kind.PROGRESS
                && e.progress().stage() == Progress.Stage.MIX);
    }
}

package io.mixfarm.worker;

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
 * Renders far longer than {@code max.poll.interval.ms} do not get the worker evicted from its
 * group: the intake pauses its partitions and keeps polling while the single slot is busy.
 */
class LongRenderTest {

    private static final Duration MAX_POLL_INTERVAL = Duration.ofMillis(500);

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
    void rendersLongerThanTheMaxPollIntervalKeepTheWorkerInItsGroup() {
        String prefix = "long";
        Topics topics = Farm.topics(prefix);
        Worker worker = Worker.start(farm.settings("worker-l", prefix, Map.of("slots", 1,
                "kafka.consumer.max.poll.interval.ms", MAX_POLL_INTERVAL.toMillis())));
        List<RenderTask> tasks = List.of(Songs.upload(farm, "long", "one", 90, 1), Songs.upload(farm, "long", "two", 90, 2));
        int revocations;
        try {
            FarmEndToEndTest.awaitBalanced(List.of(worker));
            tasks.forEach(t -> farm.send(topics, t));
            Await.until(Duration.ofSeconds(120), () -> Farm.byKind(farm.events(topics), TaskEvent.Kind.COMPLETED).size() == 2,
                    () -> "events: " + farm.events(topics).stream().map(e -> e.songId() + ":" + e.kind()).toList());
            revocations = worker.revocations(); // before stopping, which gives every partition up
        } finally {
            worker.stop().toCompletableFuture().join();
        }
        List<TaskEvent> events = farm.events(topics);
        for (RenderTask task : tasks) {
            List<TaskEvent> song = events.stream().filter(e -> e.songId().equals(task.songId())).toList();
            TaskEvent started = song.stream().filter(e -> e.kind() == TaskEvent.Kind.STARTED).findFirst().orElseThrow();
            List<TaskEvent> completed = song.stream().filter(e -> e.kind() == TaskEvent.Kind.COMPLETED).toList();
            assertEquals(1, completed.size(), "rendered once: " + song);
            Duration render = Duration.between(started.at(), completed.get(0).at());
            System.out.printf("render of %s took %d ms (max.poll.interval.ms %d)%n", task.songId(), render.toMillis(),
                    MAX_POLL_INTERVAL.toMillis());
            assertTrue(render.compareTo(MAX_POLL_INTERVAL.multipliedBy(2)) > 0,
                    "the render (" + render + ") must outlast max.poll.interval.ms twice for this test to mean anything");
            assertTrue(song.stream().anyMatch(e -> e.kind() == TaskEvent.Kind.PROGRESS), "progress reported");
        }
        assertEquals(0, revocations, "never lost or gave up a partition while rendering");
        assertEquals(farm.endOffsets(topics.renderTasks()), farm.committed(prefix + "-workers"));
    }
}

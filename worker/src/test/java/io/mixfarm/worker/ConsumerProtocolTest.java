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

/** The KIP-848 consumer group protocol (group-protocol = consumer) works with the same intake. */
class ConsumerProtocolTest {

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
    void aWorkerOnTheConsumerProtocolRendersAndCommits() {
        String prefix = "kip848";
        Topics topics = Farm.topics(prefix);
        Worker worker = Worker.start(farm.settings("worker-c", prefix, Map.of("kafka.group-protocol", "consumer")));
        List<RenderTask> tasks = List.of(Songs.upload(farm, prefix, "a", 3, 1), Songs.upload(farm, prefix, "b", 3, 2),
                Songs.upload(farm, prefix, "c", 3, 3));
        try {
            FarmEndToEndTest.awaitBalanced(List.of(worker));
            tasks.forEach(t -> farm.send(topics, t));
            Await.until(Duration.ofSeconds(60), () -> Farm.byKind(farm.events(topics), TaskEvent.Kind.COMPLETED).size() == 3,
                    () -> "events: " + farm.events(topics).stream().map(e -> e.songId() + ":" + e.kind()).toList());
            Await.until(Duration.ofSeconds(10), () -> farm.committed(prefix + "-workers")
                    .equals(farm.endOffsets(topics.renderTasks())), () -> "committed " + farm.committed(prefix + "-workers"));
        } finally {
            worker.stop().toCompletableFuture().join();
        }
        Farm.byKind(farm.events(topics), TaskEvent.Kind.COMPLETED).values().forEach(e -> assertEquals(1, e.size()));
    }
}

package io.mixfarm.worker;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Static membership: a second worker started under the same id (a restarted pod while the old
 * one still runs) takes the membership over, and the fenced worker stops on its own instead of
 * polling on as a zombie.
 */
class FencedWorkerTest {

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
    void aWorkerFencedByAnotherInstanceOfItsIdStops() throws Exception {
        String prefix = "fence";
        Worker old = Worker.start(farm.settings("pod-0", prefix, Map.of("scratch-dir", dir.resolve("a").toString())));
        FarmEndToEndTest.awaitBalanced(List.of(old));
        Worker replacement = Worker.start(farm.settings("pod-0", prefix,
                Map.of("scratch-dir", dir.resolve("b").toString())));
        try {
            old.whenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(20), () -> replacement.assignment().size()
                            == Farm.PARTITIONS * io.mixfarm.contract.Priority.values().length,
                    () -> "replacement holds " + replacement.assignment());
            assertFalse(replacement.whenTerminated().toCompletableFuture().isDone());
        } finally {
            replacement.stop().toCompletableFuture().join();
            old.stop().toCompletableFuture().join();
        }
    }
}

package io.mixfarm.worker;

import io.mixfarm.contract.Output;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.worker.storage.Sha256;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two workers on a real broker and a real S3 endpoint render an album. */
class FarmEndToEndTest {

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
    void twoWorkersRenderEverySongOnceAndCommit() throws Exception {
        String prefix = "e2e";
        Topics topics = Farm.topics(prefix);
        Worker a = Worker.start(farm.settings("worker-a", prefix, Map.of()));
        Worker b = Worker.start(farm.settings("worker-b", prefix, Map.of()));
        List<Worker> workers = List.of(a, b);
        try {
            awaitBalanced(workers);
            // Songs chosen so that each worker's partitions get three: the load must spread.
            List<RenderTask> tasks = songsSpreadOver(workers, 3, "album-1");
            tasks.forEach(t -> farm.send(topics, t));

            Await.until(Duration.ofSeconds(90), () -> Farm.byKind(farm.events(topics), TaskEvent.Kind.COMPLETED).size()
                    == tasks.size(), () -> "completed: " + Farm.byKind(farm.events(topics), TaskEvent.Kind.COMPLETED).keySet());
        } finally {
            a.stop().toCompletableFuture().join();
            b.stop().toCompletableFuture().join();
        }
        List<TaskEvent> events = farm.events(topics);
        Map<String, List<TaskEvent>> completed = Farm.byKind(events, TaskEvent.Kind.COMPLETED);
        assertEquals(6, completed.size());
        Set<String> renderedBy = new HashSet<>();
        for (List<TaskEvent> songEvents : completed.values()) {
            assertEquals(1, songEvents.size(), "one COMPLETED per song: " + songEvents);
            renderedBy.add(songEvents.get(0).workerId());
            checkOutputs(songEvents.get(0));
        }
        assertEquals(Set.of("worker-a", "worker-b"), renderedBy, "both workers rendered");
        assertTrue(Farm.byKind(events, TaskEvent.Kind.FAILED).isEmpty());
        Map<TopicPartition, Long> end = farm.endOffsets(topics.renderTasks());
        assertEquals(end, farm.committed(prefix + "-workers"), "every task's offset committed");
        assertTrue(a.scratch().isEmpty() && b.scratch().isEmpty(), "no scratch left");
    }

    private static void checkOutputs(TaskEvent completed) throws Exception {
        List<Output> outputs = completed.completion().outputs();
        assertEquals(Set.of("song", "plot", "report"), kinds(outputs, completed.songId()));
        for (Output output : outputs) {
            byte[] bytes = farm.get(S3Uri.parseObject(output.uri())).orElseThrow();
            assertEquals(output.bytes(), bytes.length, output.uri());
            assertEquals(output.sha256(), Sha256.of(bytes), output.uri());
            if (output.name().endsWith(".wav") || output.name().endsWith(".flac")) {
                Path file = Files.write(dir.resolve(output.name()), bytes);
                LoudnessMeasurement m = LoudnessAnalyzer.measure(file);
                assertEquals(Songs.TARGET_LUFS, m.integratedLufs(), 0.2, output.uri());
                assertEquals(output.name().endsWith(".flac") ? 44_100 : Songs.RATE, m.info().sampleRate());
                assertEquals(20.0, m.durationSeconds(), 0.01, output.uri());
            }
            if (output.name().equals("plot")) {
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
            }
        }
        assertEquals(Songs.TARGET_LUFS, completed.completion().report().at("/deliverables/0/integratedLufs").asDouble(), 0.2);
    }

    private static Set<String> kinds(List<Output> outputs, String songId) {
        Set<String> kinds = new HashSet<>();
        for (Output o : outputs) {
            assertTrue(o.uri().startsWith("s3://" + Farm.BUCKET + "/out/album-1/" + songId + "/"), o.uri());
            kinds.add(o.name().startsWith(songId + "-") ? "song" : o.name());
        }
        return kinds;
    }

    /** Songs whose keys land {@code perWorker} on each worker's partitions. */
    private static List<RenderTask> songsSpreadOver(List<Worker> workers, int perWorker, String session) {
        List<RenderTask> tasks = new ArrayList<>();
        int[] counts = new int[workers.size()];
        for (int i = 0; tasks.size() < perWorker * workers.size(); i++) {
            String songId = "song-" + i;
            int partition = Farm.partitionOf(session + "/" + songId);
            for (int w = 0; w < workers.size(); w++) {
                boolean owns = workers.get(w).assignment().stream()
                        .anyMatch(tp -> tp.partition() == partition && Farm.isNormalTasks(tp));
                if (owns && counts[w] < perWorker) {
                    counts[w]++;
                    tasks.add(song(session, songId, i));
                }
            }
        }
        return tasks;
    }

    static RenderTask song(String session, String songId, int seed) {
        return Songs.upload(farm, session, songId, 20, seed);
    }

    static void awaitBalanced(List<Worker> workers) {
        Await.until(Duration.ofSeconds(30), () -> {
            int total = 0;
            for (Worker w : workers) {
                if (w.assignment().isEmpty()) {
                    return false;
                }
                total += w.assignment().size();
            }
            return total == Farm.PARTITIONS * Priority.values().length; // one tasks topic per class
        }, () -> workers.stream().map(w -> w.id() + "=" + w.assignment()).toList().toString());
    }
}

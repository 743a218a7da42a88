package io.mixfarm.worker;

import io.mixfarm.contract.Progress;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.worker.settings.WorkerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real entry point in its own JVM: {@link WorkerMain} configured by system properties, sent
 * SIGTERM mid-render, finishes the song, commits, leaves the group and exits, leaving no scratch.
 */
class SigtermTest {

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
    void sigtermMidRenderFinishesTheSongCommitsAndExits() throws Exception {
        String prefix = "sigterm";
        Topics topics = Farm.topics(prefix);
        Path scratch = dir.resolve("scratch-proc");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        farm.config("proc-1", prefix, Map.of("slots", 1, "scratch-dir", scratch.toString(), "drain-deadline", "90s"))
                .getConfig(WorkerSettings.PATH).entrySet().forEach(e -> command.add(
                        "-D" + WorkerSettings.PATH + "." + e.getKey().replace("\"", "") + "=" + e.getValue().unwrapped()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerMain.class.getName()));
        Path log = dir.resolve("worker.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            RenderTask task = Songs.upload(farm, prefix, "song", 60, 3);
            farm.send(topics, task);
            Await.until(Duration.ofSeconds(90), () -> farm.events(topics).stream().anyMatch(e ->
                    e.kind() == TaskEvent.Kind.PROGRESS && e.progress().stage() == Progress.Stage.MIX),
                    () -> "no MIX progress; worker log:\n" + tail(log));
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "worker did not exit:\n" + tail(log));

            List<TaskEvent> completed = Farm.byKind(farm.events(topics), TaskEvent.Kind.COMPLETED)
                    .getOrDefault(task.songId(), List.of());
            assertEquals(1, completed.size(), "finished during the drain:\n" + tail(log));
            assertEquals("proc-1", completed.get(0).workerId());
            assertEquals(farm.endOffsets(topics.renderTasks()), farm.committed(prefix + "-workers"), "committed");
            try (var left = Files.list(scratch.resolve("proc-1"))) {
                assertEquals(0, left.count(), "no scratch left");
            }
            assertTrue(tail(log).contains("left group"), tail(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(File.separator.equals("/") ? "\n" : "\r\n",
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}

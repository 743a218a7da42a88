package io.mixfarm.worker;

import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.contract.Topics;
import io.mixfarm.worker.storage.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A worker's failure meters on a real farm: a permanent failure, a download that never verifies
 * (two retried attempts, then dead-lettered) and an unreadable record (poison) move exactly the
 * counters they should; the slots are free again afterwards.
 */
class WorkerFailureMetricsTest {

    private static final String PREFIX = "failmetrics";
    private static final Topics TOPICS = Farm.topics(PREFIX);

    @RegisterExtension
    static final SharedFarm FARM = new SharedFarm();

    @Test
    void failuresAreCountedByReasonAndDeadLettersOnce() {
        Farm farm = FARM.get();
        Worker worker = Worker.start(farm.settings("worker-fm", PREFIX, Map.of("slots", 1)));
        try {
            StemLocation text = farm.putStem("vocals", "stems/fm/bad/vocals.wav",
                    "not audio\n".getBytes(StandardCharsets.UTF_8));
            farm.send(TOPICS, Songs.task("fm", "bad", Songs.output("fm"), List.of(text)));
            byte[] audio = StemAudio.wav(farm.dir, 1, Songs.RATE, 1, 220, 0.3, 3);
            farm.put("stems/fm/liar/bass.wav", audio);
            StemLocation lying = new StemLocation("bass", "s3://" + Farm.BUCKET + "/stems/fm/liar/bass.wav",
                    (long) audio.length, Sha256.of(new byte[] {1, 2, 3}));
            RenderTask liar = Songs.task("fm", "liar", Songs.output("fm"), List.of(lying));
            farm.send(TOPICS, liar);
            farm.sendRaw(TOPICS, "fm/poison", "{not a task".getBytes(StandardCharsets.UTF_8));

            Await.until(Duration.ofSeconds(90), () -> value(worker, "mixfarm_tasks_dead_lettered_total{application=\"worker\"}") == 2
                            && value(worker, "mixfarm_tasks_failed_total{application=\"worker\",reason=\"permanent\"}") == 1,
                    () -> worker.metrics().scrape());
            String phase = liar.phase().name().toLowerCase(java.util.Locale.ROOT);
            assertEquals(1, value(worker, "mixfarm_tasks_failed_total{application=\"worker\",reason=\"permanent\"}"));
            assertEquals(2, value(worker, "mixfarm_tasks_failed_total{application=\"worker\",reason=\"retriable\"}"),
                    "max-attempts 3: two attempts tried again");
            assertEquals(1, value(worker, "mixfarm_tasks_failed_total{application=\"worker\",reason=\"dead_lettered\"}"));
            assertEquals(0, value(worker, "mixfarm_tasks_failed_total{application=\"worker\",reason=\"poison\"}"),
                    "an unreadable record never became a task attempt");
            assertEquals(4, value(worker, "mixfarm_tasks_started_total{application=\"worker\",phase=\"" + phase + "\"}"));
            assertEquals(0, value(worker, "mixfarm_tasks_completed_total{application=\"worker\",phase=\"" + phase + "\"}"));
            assertEquals(4, value(worker, "mixfarm_render_stage_seconds_count{application=\"worker\",stage=\"fetch\"}"),
                    "every attempt fetched");
            assertEquals(0, value(worker, "mixfarm_s3_written_bytes_total{application=\"worker\"}"));
            Await.until(Duration.ofSeconds(10), () -> value(worker, "mixfarm_render_slots_busy{application=\"worker\"}") == 0,
                    () -> worker.metrics().scrape());
        } finally {
            worker.stop().toCompletableFuture().join();
        }
    }

    private static double value(Worker worker, String series) {
        return worker.metrics().scrape().lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " not exposed"));
    }
}

package io.mixfarm.worker;

import io.mixfarm.contract.DeadLetter;
import io.mixfarm.contract.Failure;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.worker.storage.Sha256;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on a real farm: a stem that is not audio fails its song at once; a stem whose
 * download never verifies is retried and dead-lettered; a record that is not a task is poison.
 * The other songs complete every time. One worker serves the class; tests use their own sessions.
 */
class FarmFailureTest {

    private static final String PREFIX = "failures";
    private static final Topics TOPICS = Farm.topics(PREFIX);

    @RegisterExtension
    static final SharedFarm FARM = new SharedFarm();
    private static Farm farm;
    private static Path dir;
    private static Worker worker;

    @BeforeAll
    static void start() {
        farm = FARM.get();
        dir = farm.dir;
        worker = Worker.start(farm.settings("worker-f", PREFIX, Map.of()));
    }

    @AfterAll
    static void stop() {
        worker.stop().toCompletableFuture().join();
        assertTrue(worker.scratch().isEmpty(), "no scratch left");
    }

    @Test
    void aStemThatIsNotAudioFailsItsSongAtOnce() {
        String session = "perm";
        RenderTask good = Songs.upload(farm, session, "good", 5, 1);
        StemLocation text = farm.putStem("vocals", "stems/perm/bad/vocals.wav",
                "these are the lyrics, not audio\n".getBytes(StandardCharsets.UTF_8));
        RenderTask bad = Songs.task(session, "bad", Songs.output(session), List.of(text));
        farm.send(TOPICS, bad);
        farm.send(TOPICS, good);

        List<TaskEvent> events = awaitEnded(session, 2);
        TaskEvent failed = only(events, "bad", TaskEvent.Kind.FAILED);
        assertEquals(Failure.ReasonClass.PERMANENT, failed.failure().reasonClass());
        assertTrue(failed.failure().message().contains("s3://mixfarm-test/stems/perm/bad/vocals.wav"),
                failed.failure().message());
        assertTrue(failed.failure().message().contains("not a WAV"), failed.failure().message());
        assertEquals(1, count(events, "bad", TaskEvent.Kind.STARTED), "a permanent failure is not retried");
        only(events, "good", TaskEvent.Kind.COMPLETED);
        assertTrue(farm.deadLetters(TOPICS).stream().noneMatch(d -> "perm".equals(d.sessionId())));
    }

    @Test
    void aDownloadThatNeverVerifiesIsRetriedThenDeadLettered() {
        String session = "mismatch";
        RenderTask good = Songs.upload(farm, session, "good", 5, 2);
        byte[] audio = StemAudio.wav(dir, 2, Songs.RATE, 1, 220, 0.3, 3);
        farm.put("stems/mismatch/liar/bass.wav", audio);
        // The task declares the checksum of other bytes: every download is refused before rendering.
        StemLocation lying = new StemLocation("bass", "s3://" + Farm.BUCKET + "/stems/mismatch/liar/bass.wav",
                (long) audio.length, Sha256.of(new byte[] {1, 2, 3}));
        RenderTask liar = Songs.task(session, "liar", Songs.output(session), List.of(lying));
        farm.send(TOPICS, liar);
        farm.send(TOPICS, good);

        List<TaskEvent> events = awaitEnded(session, 2);
        TaskEvent failed = only(events, "liar", TaskEvent.Kind.FAILED);
        assertEquals(Failure.ReasonClass.DEAD_LETTERED, failed.failure().reasonClass());
        assertTrue(failed.failure().message().contains("SHA-256"), failed.failure().message());
        assertEquals(3, count(events, "liar", TaskEvent.Kind.STARTED), "max-attempts = 3");
        List<java.time.Instant> starts = events.stream()
                .filter(e -> e.songId().equals("liar") && e.kind() == TaskEvent.Kind.STARTED).map(TaskEvent::at).toList();
        assertTrue(Duration.between(starts.get(0), starts.get(1)).toMillis() >= 100, "backoff 100 ms: " + starts);
        assertTrue(Duration.between(starts.get(1), starts.get(2)).toMillis() >= 200, "then 200 ms: " + starts);
        assertEquals(0, count(events, "liar", TaskEvent.Kind.COMPLETED));
        DeadLetter letter = farm.deadLetters(TOPICS).stream()
                .filter(d -> session.equals(d.sessionId())).findFirst().orElseThrow();
        assertEquals(liar.taskId(), letter.taskId());
        assertEquals(liar.key(), letter.key());
        assertEquals(3, letter.attempts());
        assertEquals(Failure.ReasonClass.DEAD_LETTERED, letter.reasonClass());
        assertEquals(liar, io.mixfarm.contract.ContractJson.read(
                letter.originalPayload().getBytes(StandardCharsets.UTF_8), RenderTask.class));
        only(events, "good", TaskEvent.Kind.COMPLETED);
        assertTrue(farm.get(io.mixfarm.contract.OutputKeys.songReport(
                io.mixfarm.contract.S3Uri.parse(Songs.output(session)), "liar")).isEmpty(), "nothing written");
    }

    @Test
    void aTaskThatCrashesTheRendererEveryTimeIsPoison() {
        String session = "crash";
        RenderTask good = Songs.upload(farm, session, "good", 5, 4);
        // A hand-made task the manifest validator would have refused: 20-bit deliverables do not
        // exist, and the engine throws a plain IllegalArgumentException on every attempt.
        RenderTask base = Songs.upload(farm, session, "twenty-bit", 2, 5);
        io.mixfarm.manifest.Mastering m = base.spec().mastering();
        io.mixfarm.manifest.Mastering twenty = new io.mixfarm.manifest.Mastering(m.preset(), m.targetLufs(),
                m.ceilingDbtp(), m.albumMode(), m.maxLimitingDb(), m.whenUnreachable(), m.eq(), m.glue(),
                m.multiband(), m.stereoWidth(),
                List.of(new io.mixfarm.manifest.Deliverable(io.mixfarm.manifest.Deliverable.Format.WAV, 20, null, null)));
        io.mixfarm.contract.SongSpec spec = base.spec();
        RenderTask crashing = RenderTask.of(session, 1, base.phase(), base.priority(), base.enqueuedAt(),
                new io.mixfarm.contract.SongSpec(spec.sampleRate(), spec.outputPrefix(), spec.album(), spec.song(),
                        spec.buses(), twenty), base.stems(), null);
        farm.send(TOPICS, crashing);
        farm.send(TOPICS, good);

        List<TaskEvent> events = awaitEnded(session, 2);
        TaskEvent failed = only(events, "twenty-bit", TaskEvent.Kind.FAILED);
        assertEquals(Failure.ReasonClass.POISON, failed.failure().reasonClass());
        assertTrue(failed.failure().message().contains("gave up after 3 attempts")
                && failed.failure().message().contains("IllegalArgumentException"), failed.failure().message());
        assertEquals(3, count(events, "twenty-bit", TaskEvent.Kind.STARTED));
        DeadLetter letter = farm.deadLetters(TOPICS).stream()
                .filter(d -> session.equals(d.sessionId())).findFirst().orElseThrow();
        assertEquals(Failure.ReasonClass.POISON, letter.reasonClass());
        assertEquals(crashing.taskId(), letter.taskId());
        only(events, "good", TaskEvent.Kind.COMPLETED);
    }

    @Test
    void aRecordThatIsNotATaskIsDeadLetteredAsPoisonAndCommitted() {
        String key = "poison/record";
        farm.sendRaw(TOPICS, key, "{\"type\":\"RenderTask\",\"v\":1,\"taskId\":".getBytes(StandardCharsets.UTF_8));
        Await.until(Duration.ofSeconds(30), () -> farm.deadLetters(TOPICS).stream().anyMatch(d -> key.equals(d.key())),
                () -> "dead letters: " + farm.deadLetters(TOPICS));
        DeadLetter letter = farm.deadLetters(TOPICS).stream().filter(d -> key.equals(d.key())).findFirst().orElseThrow();
        assertEquals(Failure.ReasonClass.POISON, letter.reasonClass());
        assertNull(letter.taskId());
        assertEquals("{\"type\":\"RenderTask\",\"v\":1,\"taskId\":", letter.originalPayload());
        assertTrue(letter.message().contains("not JSON"), letter.message());
        TopicPartition partition = new TopicPartition(TOPICS.renderTasks(), Farm.partitionOf(key));
        long end = farm.endOffsets(TOPICS.renderTasks()).get(partition);
        Await.until(Duration.ofSeconds(10), () -> farm.committed(PREFIX + "-workers").getOrDefault(partition, -1L) == end,
                () -> "committed " + farm.committed(PREFIX + "-workers") + ", end " + end);
    }

    private static List<TaskEvent> awaitEnded(String session, int songs) {
        Await.until(Duration.ofSeconds(60), () -> ended(session).size() == songs, () -> "ended: " + ended(session));
        return farm.events(TOPICS).stream().filter(e -> e.sessionId().equals(session)).toList();
    }

    private static List<TaskEvent> ended(String session) {
        return farm.events(TOPICS).stream()
                .filter(e -> e.sessionId().equals(session))
                .filter(e -> e.kind() == TaskEvent.Kind.COMPLETED || e.kind() == TaskEvent.Kind.FAILED)
                .toList();
    }

    private static TaskEvent only(List<TaskEvent> events, String songId, TaskEvent.Kind kind) {
        List<TaskEvent> matching = events.stream().filter(e -> e.songId().equals(songId) && e.kind() == kind).toList();
        assertEquals(1, matching.size(), kind + " events of " + songId + ": " + matching);
        return matching.get(0);
    }

    private static long count(List<TaskEvent> events, String songId, TaskEvent.Kind kind) {
        return events.stream().filter(e -> e.songId().equals(songId) && e.kind() == kind).count();
    }
}

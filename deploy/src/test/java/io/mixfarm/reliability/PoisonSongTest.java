package io.mixfarm.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.DeadLetter;
import io.mixfarm.contract.Failure;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.Coordinator;
import io.mixfarm.worker.render.EngineSongRenderer;
import io.mixfarm.worker.render.SongRenderer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A song whose render crashes every time (the renderer throws an unexpected RuntimeException for
 * it, as an engine bug would): the worker tries it the configured number of times (worker max-attempts), dead-letters it, and
 * marked failed with the reason; the other songs of the album are mastered normally.
 */
@Timeout(300)
class PoisonSongTest {

    private static final String POISON = "song-02";

    @TempDir
    Path dir;

    @Test
    void aSongThatCrashesTheRendererIsDeadLetteredAndTheRestOfTheAlbumCompletes() throws Exception {
        AtomicInteger crashes = new AtomicInteger();
        try (Rig rig = Rig.start(dir); EventLog events = new EventLog(rig.kafka().bootstrapServers())) {
            Coordinator coordinator = rig.startCoordinator();
            EngineSongRenderer engine = new EngineSongRenderer(1);
            SongRenderer crashing = (task, stems, workDir, progress) -> {
                if (task.songId().equals(POISON)) {
                    crashes.incrementAndGet();
                    throw new IllegalStateException("renderer bug triggered by " + task.songId());
                }
                return engine.render(task, stems, workDir, progress);
            };
            int maxAttempts = rig.startWorker("worker-1", rig.s3().endpoint(), crashing).settings().maxAttempts();
            rig.startWorker("worker-2", rig.s3().endpoint(), crashing);
            // both in the group first: a rebalance mid-render would hand a song over (a legitimate re-render)
            Groups.awaitMembers(rig.kafka().bootstrapServers(), Set.of("worker-1", "worker-2"), Duration.ofSeconds(120));

            String session = rig.submit(RigAlbum.write(dir.resolve("album"), "poison", 4, 3, false), coordinator.url());
            JsonNode view = Rig.awaitEnd(coordinator.url(), session, Duration.ofSeconds(240));

            assertEquals(maxAttempts, crashes.get(), "the poison song was tried max-attempts times: " + view.toPrettyString());
            assertEquals("FAILED", view.path("state").asText(), "a session with a failed song ends FAILED");
            JsonNode poison = song(view, POISON);
            assertEquals("FAILED", poison.path("state").asText(), poison.toPrettyString());
            assertTrue(poison.path("error").asText().contains("renderer bug triggered by song-02"), poison.toPrettyString());
            assertTrue(poison.path("error").asText().contains("gave up after " + maxAttempts + " attempts"), poison.toPrettyString());
            try (S3Client s3 = rig.s3Client()) {
                assertEquals(3, Masters.assertMastered(view, s3, dir, Set.of(POISON)).size());
            }
            List<DeadLetter> letters = deadLetters(rig.kafka().bootstrapServers(), 1);
            assertEquals(1, letters.size(), "one dead letter: " + letters);
            DeadLetter letter = letters.get(0);
            assertEquals(session + "/" + POISON, letter.key());
            assertEquals(maxAttempts, letter.attempts(), letter.toString());
            assertEquals(Failure.ReasonClass.POISON, letter.reasonClass(), "a crash, not a transient fault: " + letter);
            assertTrue(letter.message().contains("renderer bug"), letter.toString());
            for (String other : List.of("song-01", "song-03", "song-04")) {
                assertEquals(1, events.of(session, e -> e.songId().equals(other) && e.kind() == TaskEvent.Kind.STARTED).size(),
                        other + " rendered once, unaffected by the poison song");
            }
        }
    }

    private static JsonNode song(JsonNode view, String id) {
        for (JsonNode song : view.path("songs")) {
            if (song.path("songId").asText().equals(id)) {
                return song;
            }
        }
        throw new AssertionError("no song " + id + " in " + view.toPrettyString());
    }

    /** Reads the dead-letter topic until {@code expected} letters arrived or 30 s passed. */
    private static List<DeadLetter> deadLetters(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        String topic = Topics.defaults().deadLetter();
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.size() < expected && System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(ContractJson.read(r.value(), DeadLetter.class));
                }
            }
            // anything more that arrives shortly after is a duplicate letter
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(2))) {
                letters.add(ContractJson.read(r.value(), DeadLetter.class));
            }
        }
        return letters;
    }
}

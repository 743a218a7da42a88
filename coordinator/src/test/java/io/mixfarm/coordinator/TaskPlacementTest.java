package io.mixfarm.coordinator;

import io.mixfarm.contract.Phase;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A session's songs go to consecutive partitions of its tasks topic — so an album covers
 * distinct partitions and, with every worker holding its share of every topic, every worker —
 * and a song's MASTER task goes where its ANALYZE task went. The task topics exist with more
 * partitions than configured: the coordinator places by the live count.
 */
class TaskPlacementTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int LIVE_PARTITIONS = 12;
    private static final int SONGS = 12;

    @Test
    void aTwelveSongAlbumLandsOnTwelveConsecutivePartitionsTheSameInBothPhases() throws Exception {
        TestFarm farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "placement/a.wav", TestAudio.wav(48000, 2, 0.2));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix());
        Topics topics = settings.kafka().topics();
        createTaskTopics(farm, topics);

        try (Coordinator coordinator = TestFarm.startReady(settings); WorkerSide worker = new WorkerSide(farm, topics)) {
            ApiClient api = new ApiClient(coordinator.url());
            List<List<String>> stems = IntStream.range(0, SONGS).mapToObj(i -> List.of("s3://stems/placement/a.wav")).toList();
            ApiClient.Answer answer = api.submitYaml(Manifests.yaml("placement", true, "s3://masters/placement/", stems));
            assertEquals(202, answer.status(), answer.toString());

            List<RenderTask> analyze = worker.awaitTasks(SONGS, WAIT);
            Map<String, Integer> partitionOfSong = new HashMap<>();
            analyze.forEach(t -> partitionOfSong.put(t.songId(), worker.taskPartitions().get(t.taskId())));
            assertEquals(SONGS, new HashSet<>(partitionOfSong.values()).size(), "distinct partitions: " + partitionOfSong);
            int first = partitionOfSong.get("song-1");
            for (int i = 1; i <= SONGS; i++) {
                assertEquals((first + i - 1) % LIVE_PARTITIONS, partitionOfSong.get("song-" + i), "song-" + i + " follows song-1");
            }
            analyze.forEach(t -> assertEquals(topics.renderTasks(), worker.taskTopics().get(t.taskId())));

            analyze.forEach(t -> worker.send(worker.analysis(t, WorkerSide.steady(-18, 100, -16))));
            List<RenderTask> master = worker.awaitTasks(2 * SONGS, WAIT).stream()
                    .filter(t -> t.phase() == Phase.MASTER).toList();
            assertEquals(SONGS, master.size());
            master.forEach(t -> assertEquals(partitionOfSong.get(t.songId()), worker.taskPartitions().get(t.taskId()),
                    t.songId() + "'s MASTER task goes where its ANALYZE task went"));
        }
    }

    private static void createTaskTopics(TestFarm farm, Topics topics) throws Exception {
        assertEquals(TestFarm.PARTITIONS, topics.partitions(), "configured fewer partitions than the topics have");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                farm.kafka().bootstrapServers()))) {
            admin.createTopics(topics.allRenderTasks().stream()
                    .map(t -> new NewTopic(t, LIVE_PARTITIONS, (short) 1)).toList()).all().get();
        }
    }
}

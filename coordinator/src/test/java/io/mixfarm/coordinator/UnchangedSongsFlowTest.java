package io.mixfarm.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.ContractMessage;
import io.mixfarm.contract.DoneMarker;
import io.mixfarm.contract.Output;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Re-runs skip unchanged work: a song whose done marker carries the task's input hash, beside
 * outputs that are all there, completes as unchanged without a task; a changed song renders; in
 * album mode one changed song renders the whole album. The test plays the worker: it writes the
 * outputs and the marker as a worker's final phase does, and sends the completion.
 */
class UnchangedSongsFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OUT = "s3://" + TestFarm.MASTERS + "/unchanged/";
    private static final String STEM = "s3://" + TestFarm.STEMS + "/unchanged/a.wav";
    private static TestFarm farm;
    private static Coordinator coordinator;
    private static ApiClient api;
    private static WorkerSide worker;

    @BeforeAll
    static void start() throws Exception {
        farm = TestFarm.get();
        byte[] wav = TestAudio.wav(48000, 2, 0.2);
        farm.put(TestFarm.STEMS, "unchanged/a.wav", wav, Map.of("sha256", sha256(wav)));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix());
        coordinator = TestFarm.startReady(settings);
        api = new ApiClient(coordinator.url());
        worker = new WorkerSide(farm, settings.kafka().topics());
    }

    @AfterAll
    static void stop() {
        worker.close();
        coordinator.close();
    }

    @Test
    void aResubmittedSessionSkipsUnchangedSongsAndRendersOnlyTheChangedOne() {
        String yaml = manifest("same", false);
        String first = submit(yaml);
        List<RenderTask> tasks = tasksOf(first, 2);
        tasks.forEach(t -> assertNotNull(t.inputHash(), "every task carries its input hash"));
        assertNotEquals(task(tasks, "song-1").inputHash(), task(tasks, "song-2").inputHash());
        tasks.forEach(this::finish);
        api.await(path(first), s -> s.get("state").asText().equals("COMPLETED"), WAIT);

        String second = submit(yaml);
        JsonNode again = api.await(path(second), s -> s.get("state").asText().equals("COMPLETED"), WAIT);
        for (JsonNode song : again.get("songs")) {
            assertEquals("COMPLETED", song.get("state").asText(), song.toString());
            assertTrue(song.get("unchanged").asBoolean(), "recorded unchanged: " + song);
            assertEquals(2, song.get("outputs").size(), "the marker's outputs: " + song);
            assertEquals(song.get("songId").asText(), song.get("report").get("song").asText());
        }
        assertTrue(worker.tasksAfter(Duration.ofSeconds(1)).stream().noneMatch(t -> t.sessionId().equals(second)),
                "no task for an unchanged session");

        String third = submit(yaml.replace("title: Song 2\n", "title: Song Two\n"));
        List<RenderTask> changed = tasksOf(third, 1);
        assertEquals("song-2", changed.get(0).songId(), "only the song whose settings changed renders");
        assertNotEquals(task(tasks, "song-2").inputHash(), changed.get(0).inputHash());
        JsonNode running = api.get(path(third)).body();
        assertTrue(song(running, "song-1").get("unchanged").asBoolean(), running.toString());
        finish(changed.get(0));
        JsonNode done = api.await(path(third), s -> s.get("state").asText().equals("COMPLETED"), WAIT);
        assertFalse(song(done, "song-2").get("unchanged").asBoolean(), done.toString());
    }

    @Test
    void aMarkerWhoseOutputsChangedSinceDoesNotCount() {
        String yaml = manifest("gone", false);
        String first = submit(yaml);
        List<RenderTask> tasks = tasksOf(first, 2);
        tasks.forEach(this::finish);
        api.await(path(first), s -> s.get("state").asText().equals("COMPLETED"), WAIT);
        // Someone replaced song-1's master: the marker no longer vouches for what is there.
        S3Uri master = S3Uri.parseObject(worker.completion(task(tasks, "song-1"), null).completion().outputs().get(0).uri());
        farm.put(master.bucket(), master.key(), new byte[10]);

        String second = submit(yaml);
        List<RenderTask> rendered = tasksOf(second, 1);
        assertEquals("song-1", rendered.get(0).songId());
    }

    @Test
    void aMarkerDoesNotVouchForOutputsOfTheSameSizeWithOtherContent() {
        String yaml = manifest("replaced", false);
        String first = submit(yaml);
        List<RenderTask> tasks = tasksOf(first, 2);
        tasks.forEach(this::finish);
        api.await(path(first), s -> s.get("state").asText().equals("COMPLETED"), WAIT);
        // Workers leave the old marker while they replace outputs: a master half-way through being
        // replaced has the recorded size but another SHA-256 (or none, written by something else).
        Output master1 = worker.completion(task(tasks, "song-1"), null).completion().outputs().get(0);
        S3Uri uri1 = S3Uri.parseObject(master1.uri());
        farm.put(uri1.bucket(), uri1.key(), new byte[(int) master1.bytes()], Map.of("sha256", "0".repeat(64)));
        Output master2 = worker.completion(task(tasks, "song-2"), null).completion().outputs().get(0);
        S3Uri uri2 = S3Uri.parseObject(master2.uri());
        farm.put(uri2.bucket(), uri2.key(), new byte[(int) master2.bytes()]);

        String second = submit(yaml);
        List<RenderTask> rendered = tasksOf(second, 2);
        assertEquals(Set.of("song-1", "song-2"), rendered.stream().map(RenderTask::songId).collect(Collectors.toSet()));
    }

    @Test
    void inAlbumModeOneChangedSongRendersTheWholeAlbum() {
        String yaml = manifest("album", true);
        String first = submit(yaml);
        List<RenderTask> analyze = tasksOf(first, 2);
        assertEquals(analyze.get(0).inputHash(), analyze.get(1).inputHash(), "one hash over the album");
        analyze.forEach(t -> worker.send(worker.analysis(t, WorkerSide.steady(-20, 100, -6))));
        List<RenderTask> master = tasksOf(first, Phase.MASTER, 2);
        master.forEach(t -> assertEquals(Phase.MASTER, t.phase()));
        master.forEach(this::finish);
        JsonNode done = api.await(path(first), s -> s.get("state").asText().equals("COMPLETED"), WAIT);

        String second = submit(yaml);
        JsonNode unchanged = api.await(path(second), s -> s.get("state").asText().equals("COMPLETED"), WAIT);
        unchanged.get("songs").forEach(s -> assertTrue(s.get("unchanged").asBoolean(), s.toString()));
        assertEquals(done.get("album").get("gainDb").asDouble(), unchanged.get("album").get("gainDb").asDouble(), 1e-9,
                "the album gain the outputs were mastered with");

        String third = submit(yaml.replace("title: Song 2\n", "title: Song Two\n"));
        List<RenderTask> again = tasksOf(third, 2);
        again.forEach(t -> assertEquals(Phase.ANALYZE, t.phase(), "the album gain may change: every song again"));
    }

    /** What a worker's final phase leaves: the outputs, then the marker; then the completion. */
    private void finish(RenderTask task) {
        TaskEvent completed = worker.completion(task, null);
        for (Output output : completed.completion().outputs()) {
            S3Uri uri = S3Uri.parseObject(output.uri());
            farm.put(uri.bucket(), uri.key(), new byte[(int) output.bytes()], Map.of("sha256", output.sha256()));
        }
        DoneMarker marker = new DoneMarker(ContractMessage.SCHEMA_VERSION, task.sessionId(), task.songId(),
                task.inputHash(), task.taskId(), Instant.now(), task.albumGainDb(), completed.completion());
        S3Uri at = OutputKeys.doneMarker(S3Uri.parse(task.spec().outputPrefix()), task.songId());
        farm.put(at.bucket(), at.key(), ContractJson.write(marker));
        worker.send(completed);
    }

    private static String manifest(String name, boolean album) {
        return Manifests.yaml(name, album, OUT + name + "/", List.of(List.of(STEM), List.of(STEM)));
    }

    private String submit(String yaml) {
        ApiClient.Answer answer = api.submitYaml(yaml);
        assertEquals(202, answer.status(), answer.toString());
        return answer.body().get("sessionId").asText();
    }

    private List<RenderTask> tasksOf(String id, int count) {
        return tasksOf(id, null, count);
    }

    /** The tasks of session {@code id} (of {@code phase}, when given), once {@code count} are out. */
    private List<RenderTask> tasksOf(String id, Phase phase, int count) {
        Instant deadline = Instant.now().plus(WAIT);
        List<RenderTask> mine = List.of();
        while (mine.size() < count && Instant.now().isBefore(deadline)) {
            mine = new java.util.ArrayList<>(mine);
            for (RenderTask t : worker.tasksAfter(Duration.ofMillis(100))) {
                if (t.sessionId().equals(id) && (phase == null || t.phase() == phase) && mine.stream().noneMatch(m -> m.taskId().equals(t.taskId()))) {
                    mine.add(t);
                }
            }
        }
        assertEquals(count, mine.size(), "tasks of " + id);
        return mine;
    }

    private static RenderTask task(List<RenderTask> tasks, String songId) {
        return tasks.stream().filter(t -> t.songId().equals(songId)).findFirst().orElseThrow();
    }

    private static JsonNode song(JsonNode session, String songId) {
        for (JsonNode s : session.get("songs")) {
            if (s.get("songId").asText().equals(songId)) {
                return s;
            }
        }
        throw new AssertionError("no song " + songId + " in " + session);
    }

    private static String path(String id) {
        return "/api/v1/sessions/" + id;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

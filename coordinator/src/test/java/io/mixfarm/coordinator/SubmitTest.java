package io.mixfarm.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Submissions through the HTTP API against a real broker and S3 endpoint: what is accepted, what
 * is refused and how (every problem at once, with its path), and what lands on the tasks topic.
 */
class SubmitTest {

    private static final String OUT = "s3://" + TestFarm.MASTERS + "/submit-test/";
    private static TestFarm farm;
    private static Coordinator coordinator;
    private static ApiClient api;
    private static WorkerSide worker;
    private static byte[] wav;

    @BeforeAll
    static void start() throws Exception {
        farm = TestFarm.get();
        wav = TestAudio.wav(48000, 2, 0.5);
        farm.put(TestFarm.STEMS, "submit/a.wav", wav, Map.of("sha256", "0123456789abcdef".repeat(4)));
        farm.put(TestFarm.STEMS, "submit/b.flac", TestAudio.flac(44100, 1, 0.5));
        farm.put(TestFarm.STEMS, "submit/notes.wav", "these are my mixing notes, not audio\n".getBytes(StandardCharsets.UTF_8));
        farm.put(TestFarm.STEMS, "submit/lying.wav", TestAudio.wavClaimingMore(48000, 2, 0.1, 1_000_000));
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
    void aValidSessionIsAcceptedAndSplitIntoOneTaskPerSongKeyedBySessionAndSong() {
        String manifest = Manifests.yaml("valid", false, OUT + "valid/", List.of(
                List.of("s3://stems/submit/a.wav"),
                List.of("s3://stems/submit/a.wav", "s3://stems/submit/b.flac")));
        ApiClient.Answer answer = api.submitYaml(manifest);
        assertEquals(202, answer.status(), answer.toString());
        String id = answer.body().get("sessionId").asText();
        assertTrue(id.startsWith("valid-"), id);
        assertEquals("/api/v1/sessions/" + id, answer.raw().headers().firstValue("Location").orElseThrow());

        List<RenderTask> tasks = worker.awaitTasks(2, Duration.ofSeconds(20)).stream()
                .filter(t -> t.sessionId().equals(id)).toList();
        assertEquals(2, tasks.size());
        Set<String> keys = new HashSet<>(worker.taskKeys());
        for (RenderTask t : tasks) {
            assertEquals(Phase.FULL, t.phase());
            assertEquals(1, t.attempt());
            assertEquals(id + "/" + t.songId() + "/full/1", t.taskId());
            assertTrue(keys.contains(id + "/" + t.songId()), "keyed <session>/<song>");
            assertNull(t.albumGainDb());
            assertEquals(Priority.NORMAL, t.priority());
            assertEquals(OUT + "valid/", t.spec().outputPrefix());
            assertEquals(t.spec().song().stems().size(), t.stems().size());
        }
        RenderTask second = tasks.stream().filter(t -> t.songId().equals("song-2")).findFirst().orElseThrow();
        StemLocation a = second.stems().get(0);
        assertEquals("s3://stems/submit/a.wav", a.uri());
        assertEquals(wav.length, a.bytes(), "size from HEAD");
        assertEquals("0123456789abcdef".repeat(4), a.sha256(), "checksum from the object's metadata");
        assertEquals("stem-2", second.stems().get(1).stemId());
        assertNull(second.stems().get(1).sha256(), "no checksum known");
        assertEquals(2, second.spec().album().trackNumber());

        JsonNode session = api.get("/api/v1/sessions/" + id).body();
        assertEquals("ACCEPTED", session.get("state").asText(), "no worker has taken a task");
        assertEquals(2, session.get("songs").size());
        assertEquals("QUEUED", session.get("songs").get(0).get("state").asText());
        assertEquals(1, session.get("songs").get(0).get("attempt").asInt());

        List<SessionRecord> stored = worker.sessionsTopic(m -> m instanceof SessionRecord s && s.sessionId().equals(id))
                .stream().map(SessionRecord.class::cast).toList();
        assertEquals(1, stored.size(), "one session record");
        assertEquals(SessionRecord.State.RUNNING, stored.get(0).state());
    }

    @Test
    void aPriorityCanBeGivenWithTheSubmission() {
        String manifest = Manifests.yaml("urgent", false, OUT + "urgent/", List.of(List.of("s3://stems/submit/a.wav")));
        ApiClient.Answer answer = api.post("/api/v1/sessions?priority=high", "application/yaml",
                manifest.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, answer.status(), answer.toString());
        String id = answer.body().get("sessionId").asText();
        RenderTask task = worker.awaitTasks(1, Duration.ofSeconds(20)).stream()
                .filter(t -> t.sessionId().equals(id)).findFirst()
                .orElseGet(() -> worker.tasksAfter(Duration.ofSeconds(2)).stream().filter(t -> t.sessionId().equals(id))
                        .findFirst().orElseThrow());
        assertEquals(Priority.URGENT, task.priority()); // "high" is the older name of urgent
        assertEquals(coordinator.settings().kafka().topics().renderTasks(Priority.URGENT),
                worker.taskTopics().get(task.taskId()),
                "urgent tasks have their own topic");

        ApiClient.Answer bad = api.post("/api/v1/sessions?priority=asap", "application/yaml",
                manifest.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, bad.status());
        assertEquals("priority", bad.body().get("problems").get(0).get("path").asText());
    }

    @Test
    void everyProblemComesBackAtOnceWithItsPath() {
        String manifest = Manifests.yaml("bad", false, OUT + "bad/", List.of(
                List.of("s3://stems/submit/a.wav", "s3://stems/submit/missing.wav"),
                List.of("s3://stems/submit/notes.wav"),
                List.of("s3://stems/submit/lying.wav"),
                List.of("s3://no-such-bucket/x.wav"),
                List.of("local/stem.wav")))
                .replace("sampleRate: 48000", "sampleRate: 1000");
        ApiClient.Answer answer = api.submitYaml(manifest);
        assertEquals(422, answer.status(), answer.toString());
        assertEquals("the manifest is not valid", answer.body().get("error").asText());
        Map<String, String> problems = problems(answer.body());
        assertTrue(problems.get("sampleRate").contains("below 8000"), problems.toString());
        assertTrue(problems.get("songs[0].stems[1].uri").contains("no such object"), problems.toString());
        assertTrue(problems.get("songs[1].stems[0].uri").contains("not a WAV, RF64, AIFF or FLAC file"), problems.toString());
        assertTrue(problems.get("songs[2].stems[0].uri").contains("data chunk declares"), problems.toString());
        assertTrue(problems.get("songs[3].stems[0].uri").contains("bucket \"no-such-bucket\" does not exist"), problems.toString());
        assertTrue(problems.get("songs[4].stems[0].uri").contains("local path"), problems.toString());
        assertEquals(6, answer.body().get("problems").size(), answer.toString());
        JsonNode first = answer.body().get("problems").get(0);
        assertTrue(first.get("line").asInt() > 0, "problems carry their line: " + first);
        assertTrue(worker.tasksAfter(Duration.ofMillis(300)).stream().noneMatch(t -> t.sessionId().startsWith("bad-")),
                "nothing of a refused session is published");
    }

    @Test
    void aMissingOutputBucketIsAProblemOfTheOutput() {
        String manifest = Manifests.yaml("nobucket", false, "s3://no-such-output/x/", List.of(List.of("s3://stems/submit/a.wav")));
        ApiClient.Answer answer = api.submitYaml(manifest);
        assertEquals(422, answer.status(), answer.toString());
        assertTrue(problems(answer.body()).get("output").contains("does not exist"), answer.toString());
    }

    @Test
    void unreadableDocumentsAreBadRequests() {
        ApiClient.Answer syntax = api.submitYaml("apiVersion: mixfarm/v1\nsongs: [unclosed\n");
        assertEquals(400, syntax.status(), syntax.toString());
        assertEquals("the manifest cannot be read", syntax.body().get("error").asText());
        assertTrue(syntax.body().get("problems").size() >= 1);

        ApiClient.Answer notJson = api.post("/api/v1/sessions", "application/json", "id: x\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notJson.status(), notJson.toString());

        ApiClient.Answer empty = api.post("/api/v1/sessions", "application/yaml", new byte[0]);
        assertEquals(400, empty.status(), empty.toString());

        ApiClient.Answer binary = api.post("/api/v1/sessions", "text/plain", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        assertEquals(400, binary.status(), binary.toString());
        assertTrue(binary.body().get("error").asText().contains("UTF-8"));

        ApiClient.Answer image = api.post("/api/v1/sessions", "image/png", new byte[] {1, 2, 3});
        assertEquals(415, image.status(), image.toString());
    }

    @Test
    void jsonAndSniffedBodiesAreAccepted() throws Exception {
        String yaml = Manifests.yaml("json", false, OUT + "json/", List.of(List.of("s3://stems/submit/a.wav")));
        JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(yaml);
        byte[] json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(tree);
        assertEquals(202, api.post("/api/v1/sessions", "application/json", json).status());
        assertEquals(202, api.post("/api/v1/sessions", "text/plain", json).status(), "sniffed as JSON");
        assertEquals(202, api.post("/api/v1/sessions", null, yaml.getBytes(StandardCharsets.UTF_8)).status(),
                "no Content-Type: sniffed as YAML");
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413() {
        byte[] huge = new byte[(int) coordinator.settings().http().maxManifestBytes() + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        ApiClient.Answer answer = api.post("/api/v1/sessions", "application/yaml", huge);
        assertEquals(413, answer.status(), answer.toString());
        assertNotNull(answer.body().get("error"));
    }

    @Test
    void unknownPathsAndMethodsAnswerInJson() {
        ApiClient.Answer missing = api.get("/api/v1/sessions/no-such-session");
        assertEquals(404, missing.status());
        assertEquals("no session no-such-session", missing.body().get("error").asText());
        ApiClient.Answer nowhere = api.get("/api/v2/else");
        assertEquals(404, nowhere.status());
        assertNotNull(nowhere.body().get("error"));
        ApiClient.Answer method = api.post("/health/live");
        assertEquals(405, method.status());
        assertNotNull(method.body().get("error"));
    }

    private static Map<String, String> problems(JsonNode body) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (JsonNode p : body.get("problems")) {
            map.merge(p.get("path").asText(), p.get("message").asText(), (x, y) -> x + " | " + y);
        }
        return map;
    }

    @SuppressWarnings("unused")
    private static List<String> ids(List<RenderTask> tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.taskId()));
        return ids;
    }
}

package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixfarm.cli.standalone.StandaloneFarm;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole farm (standalone: broker, S3, coordinator, one worker) fed stems that pass the header
 * probe but break while rendering: those songs fail with the reason, the others complete, and the
 * worker goes on to render the next session. The farm runs with distinctive credentials (S3
 * secret key, API token, a Kafka SASL password in the clients' properties) and afterwards
 * everything it produced — every log event, every API answer, every object in S3, every record
 * on Kafka — is searched for them.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputFarmTest {

    private static final String SASL_PASSWORD = "sasl-pw-" + random();
    private static final String OUT = "s3://masters/bad-input/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static LogCapture logs;
    private static StandaloneFarm farm;
    private static final StringBuilder answers = new StringBuilder();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.begin();
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"farm\" password=\""
                + SASL_PASSWORD + "\";";
        farm = StandaloneFarm.start(new StandaloneFarm.Options(1, dir.resolve("farm"), 0, "127.0.0.1", 2),
                Map.of("kafka.client-properties", Map.of("sasl.jaas.config", jaas)),
                Map.of("kafka.client", Map.of("sasl.jaas.config", jaas)));
    }

    @AfterAll
    static void stop() {
        if (farm != null) {
            farm.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Order(1)
    @Test
    void stemsThatBreakWhileRenderingFailTheirSongWithTheReasonAndTheOthersComplete() throws Exception {
        byte[] flac = audio(Container.FLAC, SampleFormat.PCM_16, 44100, 2, 2.0);
        Map<String, byte[]> stems = new LinkedHashMap<>();
        stems.put("good.wav", audio(Container.WAV, SampleFormat.PCM_16, 48000, 2, 1.0));
        stems.put("mono-44k.flac", audio(Container.FLAC, SampleFormat.PCM_16, 44100, 1, 1.0));
        stems.put("stereo-96k.wav", audio(Container.WAV, SampleFormat.PCM_24, 96000, 2, 0.8));
        stems.put("nan.wav", poison(audio(Container.WAV, SampleFormat.FLOAT_32, 48000, 2, 1.0), Float.NaN));
        stems.put("inf.wav", poison(audio(Container.WAV, SampleFormat.FLOAT_32, 48000, 1, 1.0), Float.POSITIVE_INFINITY));
        stems.put("cut.flac", java.util.Arrays.copyOf(flac, flac.length * 6 / 10));
        stems.put("corrupt.flac", corrupt(flac));
        try (S3Client s3 = farm.s3Client()) {
            stems.forEach((name, bytes) -> s3.putObject(b -> b.bucket("stems").key("bad-input/" + name), RequestBody.fromBytes(bytes)));
        }
        Map<String, List<String>> songs = new LinkedHashMap<>();
        songs.put("good-1", List.of("good.wav"));
        songs.put("mixed-rates-and-channels", List.of("mono-44k.flac", "stereo-96k.wav", "good.wav"));
        songs.put("nan-samples", List.of("good.wav", "nan.wav"));
        songs.put("infinite-samples", List.of("inf.wav"));
        songs.put("truncated-flac", List.of("cut.flac"));
        songs.put("corrupt-flac", List.of("good.wav", "corrupt.flac"));
        songs.put("good-2", List.of("good.wav"));

        JsonNode view = awaitEnd(submit(manifest("bad-input", songs)));
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        view.path("songs").forEach(s -> byId.put(s.path("songId").asText(), s));
        for (String ok : List.of("good-1", "mixed-rates-and-channels", "good-2")) {
            assertEquals("COMPLETED", byId.get(ok).path("state").asText(), byId.get(ok).toPrettyString());
        }
        assertFailed(byId.get("nan-samples"), "bad-input/nan.wav", "non-finite sample (NaN)");
        assertFailed(byId.get("infinite-samples"), "bad-input/inf.wav", "non-finite sample (Infinity)");
        assertFailed(byId.get("truncated-flac"), "bad-input/cut.flac", "truncated at frame");
        assertFailed(byId.get("corrupt-flac"), "bad-input/corrupt.flac", "CRC-16 mismatch");
        assertEquals(1, byId.get("nan-samples").path("attempt").asInt(), "a corrupt stem is not retried");

        JsonNode next = awaitEnd(submit(manifest("after-bad-input", Map.of("fine", List.of("good.wav")))));
        assertEquals("COMPLETED", next.path("state").asText(), "the worker renders on: " + next.toPrettyString());
    }

    @Order(2)
    @Test
    void refusedRequestsNeitherEchoNorLeakCredentials() throws Exception {
        URI sessions = farm.coordinatorUrl().resolve("/api/v1/sessions");
        assertEquals(401, send(HttpRequest.newBuilder(sessions).GET(), null).statusCode());
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(sessions).GET(), farm.apiToken() + "x");
        assertEquals(401, wrong.statusCode());
        assertFalse(wrong.body().contains(farm.apiToken()));
        String foreign = manifest("foreign", Map.of("x", List.of("good.wav"))).replace("s3://stems/", "s3://other-bucket/");
        assertEquals(422, send(HttpRequest.newBuilder(sessions).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(foreign)), farm.apiToken()).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(sessions.resolve("/api/v1/sessions/nope")).GET(), farm.apiToken()).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(farm.coordinatorUrl().resolve("/health/ready")).GET(), null).statusCode(),
                "health needs no token");
    }

    @Order(3)
    @Test
    void farmSubmitSendsTheTokenItIsGiven() throws Exception {
        Path manifest = Files.writeString(dir.resolve("cli.yaml"), manifest("cli", Map.of("one", List.of("good.wav"))));
        List<String> args = new ArrayList<>(List.of("submit", manifest.toString(), "--coordinator", farm.coordinatorUrl().toString(),
                "--s3-endpoint", farm.s3Endpoint().toString(), "--s3-region", farm.s3Region(),
                "--s3-access-key", farm.s3AccessKey(), "--s3-secret-key", farm.s3SecretKey()));
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        int without;
        try {
            without = FarmCli.run(args.toArray(String[]::new));
        } finally {
            System.setErr(original);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, without, printed);
        assertTrue(printed.contains("HTTP 401") && printed.contains("Authorization: Bearer"), printed);
        args.addAll(List.of("--token", farm.apiToken()));
        assertEquals(0, FarmCli.run(args.toArray(String[]::new)));
    }

    @Order(4)
    @Test
    void noCredentialAppearsInLogsAnswersStoredObjectsOrKafkaRecords() throws Exception {
        Map<String, String> secrets = Map.of("S3 secret key", farm.s3SecretKey(), "API token", farm.apiToken(),
                "Kafka SASL password", SASL_PASSWORD);
        // Metrics: when the coordinator serves /metrics its text is searched too (a 404 answer is harmless).
        send(HttpRequest.newBuilder(farm.coordinatorUrl().resolve("/metrics")).GET(), farm.apiToken());
        Map<String, String> produced = new LinkedHashMap<>();
        produced.put("log events", logs.text());
        produced.put("API answers", answers.toString());
        produced.put("S3 objects", s3Objects());
        produced.put("Kafka records", kafkaRecords());
        assertTrue(logs.text().contains("sasl.jaas.config = [hidden]"),
                "the capture saw the Kafka clients' configuration dump (INFO)");
        assertTrue(produced.get("S3 objects").contains("non-finite sample"), "the capture holds the reports");
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            for (Map.Entry<String, String> where : produced.entrySet()) {
                int at = where.getValue().indexOf(secret.getValue());
                assertTrue(at < 0, "the " + secret.getKey() + " appears in the " + where.getKey() + ": ..."
                        + where.getValue().substring(Math.max(0, at - 200), Math.min(where.getValue().length(), at + 50)));
            }
        }
    }

    private static void assertFailed(JsonNode song, String stem, String reason) {
        assertEquals("FAILED", song.path("state").asText(), song.toPrettyString());
        String error = song.path("error").asText();
        assertTrue(error.contains(stem) && error.contains(reason), "\"" + stem + "\" and \"" + reason + "\" in: " + error);
    }

    private static String manifest(String id, Map<String, List<String>> songs) {
        StringBuilder y = new StringBuilder("apiVersion: mixfarm/v1\nkind: Session\nid: " + id + "\ntitle: Bad Input\n"
                + "artist: Tests\nsampleRate: 48000\noutput: " + OUT + id + "/\nmastering:\n  preset: streaming\n"
                + "  albumMode: false\n  deliverables:\n    - {format: wav, bitDepth: 16}\nsongs:\n");
        songs.forEach((song, stems) -> {
            y.append("  - id: ").append(song).append("\n    title: ").append(song).append("\n    stems:\n");
            for (int i = 0; i < stems.size(); i++) {
                y.append("      - {id: s").append(i).append(", uri: s3://stems/bad-input/").append(stems.get(i)).append("}\n");
            }
        });
        return y.toString();
    }

    private static String submit(String manifest) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(farm.coordinatorUrl().resolve("/api/v1/sessions"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(manifest)), farm.apiToken());
        assertEquals(202, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("sessionId").asText();
    }

    private static JsonNode awaitEnd(String sessionId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        URI uri = farm.coordinatorUrl().resolve("/api/v1/sessions/" + sessionId);
        while (Instant.now().isBefore(deadline)) {
            JsonNode view = JSON.readTree(send(HttpRequest.newBuilder(uri).GET(), farm.apiToken()).body());
            if (Set.of("COMPLETED", "FAILED", "CANCELLED").contains(view.path("state").asText())) {
                return view;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("session " + sessionId + " did not end within 240 s");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        synchronized (answers) {
            answers.append(response.statusCode()).append(' ').append(response.headers().map()).append(' ')
                    .append(response.body()).append('\n');
        }
        return response;
    }

    /** Every object in every bucket, as text (audio bytes included: a secret would show as ASCII). */
    private static String s3Objects() {
        StringBuilder all = new StringBuilder();
        try (S3Client s3 = farm.s3Client()) {
            for (var bucket : s3.listBuckets().buckets()) {
                for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket.name())).contents()) {
                    try {
                        all.append(o.key()).append('\n').append(new String(s3.getObjectAsBytes(
                                b -> b.bucket(bucket.name()).key(o.key())).asByteArray(), StandardCharsets.ISO_8859_1))
                                .append('\n');
                    } catch (NoSuchKeyException gone) {
                        // deleted since the listing (a session's work files are removed when it ends)
                    }
                }
            }
        }
        return all.toString();
    }

    /** Every record of every topic, keys and values, from the beginning. */
    private static String kafkaRecords() {
        Map<String, Object> config = Map.of("bootstrap.servers", farm.kafkaBootstrapServers(), "group.id", "secret-scan",
                "enable.auto.commit", "false");
        StringBuilder all = new StringBuilder();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics().forEach((topic, infos) -> infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    all.append(r.topic()).append(' ');
                    if (r.key() != null) {
                        all.append(new String(r.key(), StandardCharsets.ISO_8859_1)).append(' ');
                    }
                    if (r.value() != null) {
                        all.append(new String(r.value(), StandardCharsets.ISO_8859_1));
                    }
                    all.append('\n');
                }
            }
        }
        assertTrue(all.indexOf("bad-input") >= 0, "the scan read the farm's records");
        return all.toString();
    }

    private static byte[] audio(Container container, SampleFormat format, int rate, int channels, double seconds) throws IOException {
        Path file = Files.createTempFile(dir, "stem-", container == Container.FLAC ? ".flac" : ".wav");
        int frames = (int) Math.round(rate * seconds);
        double[][] block = new double[channels][frames];
        java.util.SplittableRandom random = new java.util.SplittableRandom(frames);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                block[c][i] = 0.2 * Math.sin(2 * Math.PI * (220 + 110 * c) * i / rate) + 0.05 * (random.nextDouble() - 0.5);
            }
        }
        try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(container, rate, channels, format))) {
            writer.write(block, frames);
        }
        return Files.readAllBytes(file);
    }

    /** A 32-bit float WAV with {@code value} written over 100 samples in the middle of its data. */
    private static byte[] poison(byte[] wav, float value) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (!new String(wav, at, 4, StandardCharsets.US_ASCII).equals("data")) {
            at += 8 + b.getInt(at + 4);
        }
        int data = at + 8;
        int middle = data + (b.getInt(at + 4) / 2 & ~3);
        for (int i = 0; i < 100; i++) {
            b.putFloat(middle + 4 * i, value);
        }
        return wav;
    }

    /** {@code flac} with 64 bytes in the middle of its frames inverted. */
    private static byte[] corrupt(byte[] flac) {
        byte[] copy = flac.clone();
        for (int i = copy.length / 2; i < copy.length / 2 + 64; i++) {
            copy[i] = (byte) ~copy[i];
        }
        return copy;
    }

    private static String random() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

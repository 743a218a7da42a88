package io.mixfarm.coordinator;

import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Malformed and hostile manifests submitted to a real coordinator (real broker and S3 endpoint):
 * each is refused with a 4xx JSON answer that names the field or the reason, nothing is published,
 * and afterwards the coordinator is healthy and admits a good session. The corpus is generated
 * here; the 100 MB document is streamed, never held in memory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileManifestTest {

    private static final String STEM = "s3://stems/hostile/a.wav";
    private static final int MAX_SONGS = 20;
    private static final int MAX_STEMS = 4;
    private static Coordinator coordinator;
    private static ApiClient api;
    private static WorkerSide worker;

    @BeforeAll
    static void start() throws Exception {
        TestFarm farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "hostile/a.wav", TestAudio.wav(48000, 2, 0.2));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix(), Map.of(
                "limits.max-songs", MAX_SONGS, "limits.max-stems-per-song", MAX_STEMS));
        coordinator = TestFarm.startReady(settings);
        api = new ApiClient(coordinator.url());
        worker = new WorkerSide(farm, settings.kafka().topics());
    }

    @AfterAll
    static void stop() {
        worker.close();
        coordinator.close();
    }

    /** A valid one-song session, the base the cases break. */
    static String good() {
        return Manifests.yaml("hostile", false, "s3://masters/hostile/", List.of(List.of(STEM)));
    }

    private static String songs(int songs, int stemsEach) {
        return Manifests.yaml("many", false, "s3://masters/hostile/",
                java.util.Collections.nCopies(songs, java.util.Collections.nCopies(stemsEach, STEM)));
    }

    private static Arguments yaml(String name, String body, int status, String... expected) {
        return arguments(name, "application/yaml", (Supplier<BodyPublisher>) () -> BodyPublishers.ofString(body), status,
                expected);
    }

    private static Arguments raw(String name, String type, byte[] body, int status, String... expected) {
        return arguments(name, type, (Supplier<BodyPublisher>) () -> BodyPublishers.ofByteArray(body), status, expected);
    }

    static Stream<Arguments> corpus() {
        String g = good();
        return Stream.of(
                // Syntax
                yaml("YAML: unclosed flow sequence", "apiVersion: mixfarm/v1\nsongs: [unclosed\n", 400, "YAML syntax"),
                yaml("YAML: tab indentation", g.replace("  - id: song-1", "\t- id: song-1"), 400, "YAML syntax"),
                yaml("YAML: mapping where a sequence item continues", g.replace("    title: Song 1", "   title: Song 1"),
                        400, "YAML syntax"),
                raw("JSON: trailing comma", "application/json", "{\"id\": \"x\",}".getBytes(StandardCharsets.UTF_8), 400,
                        "syntax"),
                raw("JSON: cut off", "application/json", "{\"id\": \"x\", \"songs\": [{\"id\": ".getBytes(StandardCharsets.UTF_8),
                        400, "syntax"),
                yaml("two documents", g + "---\n" + g, 400, "only one document"),
                yaml("a list instead of a session", "- 1\n- 2\n", 400, "the manifest cannot be read"),
                yaml("a bare scalar", "hello\n", 400, "the manifest cannot be read"),
                yaml("only a comment", "# nothing here\n", 400, "the document is empty"),
                raw("empty body", "application/yaml", new byte[0], 400, "the body is empty"),
                // Types
                yaml("wrong type: text sample rate", g.replace("sampleRate: 48000", "sampleRate: fast"), 400, "sampleRate"),
                yaml("wrong type: songs is text", g.substring(0, g.indexOf("songs:")) + "songs: all of them\n", 400, "songs"),
                yaml("wrong type: stems is a mapping", g.replace("    stems:\n      - id: stem-1\n",
                        "    stems:\n      id: stem-1\n").replace("        uri:", "      uri:"), 400, "songs[0].stems"),
                yaml("wrong type: albumMode is a number", g.replace("albumMode: false", "albumMode: 1"), 400, "mastering.albumMode"),
                yaml("wrong type: NaN sample rate", g.replace("sampleRate: 48000", "sampleRate: .nan"), 400, "\"path\":\"sampleRate\"", "NaN"),
                // Missing and unknown fields
                yaml("missing id", g.replace("id: hostile\n", ""), 422, "\"path\":\"id\""),
                yaml("missing songs", g.substring(0, g.indexOf("songs:")), 422, "\"path\":\"songs\""),
                yaml("missing stem uri", g.replace("        uri: " + STEM + "\n", ""), 422, "songs[0].stems[0].uri"),
                yaml("unknown top-level field", g + "colour: blue\n", 400, "colour"),
                yaml("unknown stem field", g + "        volume: 11\n", 400, "songs[0].stems[0].volume"),
                yaml("duplicate field", g.replace("title: Test Album\n", "title: Test Album\ntitle: Again\n"), 400,
                        "duplicate field"),
                yaml("200,000 unknown fields (problems are capped)", g + bulk(200_000, "x%d: 1\n"), 400, "more problems not listed"),
                // Values
                yaml("absurd sample rate", g.replace("sampleRate: 48000", "sampleRate: 10000000"), 422, "sampleRate"),
                yaml("zero sample rate", g.replace("sampleRate: 48000", "sampleRate: 0"), 422, "sampleRate"),
                yaml("absurd fader", g + "        strip: {faderDb: 1000}\n", 422, "songs[0].stems[0].strip.faderDb"),
                yaml("infinite trim", g + "        strip: {trimDb: .inf}\n", 400, "\"path\":\"songs[0].stems[0].strip.trimDb\""),
                yaml("huge number (400 digits)", g.replace("sampleRate: 48000", "sampleRate: 1" + "0".repeat(400)), 400,
                        "\"path\":\"sampleRate\"", "exceeds the maximum"),
                yaml("huge exponent", g.replace("sampleRate: 48000", "sampleRate: 1e999999999"), 4, "sampleRate"),
                yaml("unsupported apiVersion", g.replace("apiVersion: mixfarm/v1", "apiVersion: mixfarm/v9"), 422, "apiVersion"),
                yaml("id with path characters", g.replace("id: hostile", "id: ../../etc"), 422, "\"path\":\"id\""),
                // Identity and routing
                yaml("duplicate song ids", songs(2, 1).replace("id: song-2", "id: song-1"), 422, "songs[1].id"),
                yaml("duplicate stem ids", songs(1, 2).replace("id: stem-2", "id: stem-1"), 422, "songs[0].stems[1].id"),
                yaml("bus cycle", g.replace("songs:\n", "buses:\n  - {id: a, type: group, output: b}\n"
                        + "  - {id: b, type: group, output: a}\nsongs:\n"), 422, "cycle"),
                yaml("stem routed to a missing bus", g + "        bus: nowhere\n", 422, "nowhere"),
                // Limits
                yaml("songs over the farm's limit", songs(MAX_SONGS + 1, 1), 422, "at most " + MAX_SONGS),
                yaml("stems over the farm's limit", songs(1, MAX_STEMS + 1), 422, "songs[0].stems", "at most " + MAX_STEMS),
                // Hostile YAML
                yaml("billion laughs (anchors and aliases)", billionLaughs(), 400, "anchors"),
                yaml("alias", g.replace("title: Test Album", "title: *name"), 400, "aliases"),
                yaml("deeply nested flow sequences (100,000)", "id: x\nsongs: " + "[".repeat(100_000) + "]".repeat(100_000)
                        + "\n", 400, "nested deeper"),
                yaml("deeply nested block mappings (2,000)", deepBlock(2000), 400, "nested deeper"),
                raw("deeply nested JSON (100,000)", "application/json", ("{\"id\":" + "[".repeat(100_000)
                        + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8), 400, "nest"),
                yaml("Java type tag", g.replace("title: Test Album", "title: !!javax.script.ScriptEngineManager [x]"), 400,
                        "tag"),
                yaml("custom tag", g.replace("title: Test Album", "title: !shell 'rm -rf /'"), 400, "tag"),
                // Bytes
                raw("NUL bytes", "application/yaml", g.replace("title: Test Album", "title: Test\u0000Album")
                        .getBytes(StandardCharsets.UTF_8), 400, "control character U+0000", "\"line\":4"),
                raw("Latin-1, not UTF-8", "application/yaml", g.replace("Test Album", "Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1),
                        400, "UTF-8"),
                raw("UTF-16", "application/yaml", g.getBytes(StandardCharsets.UTF_16), 400, "UTF-8"),
                raw("binary noise", "application/octet-stream", noise(), 400, "UTF-8"),
                raw("JSON type, YAML body", "application/json", g.getBytes(StandardCharsets.UTF_8), 400, "not a JSON object"),
                raw("an image", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 415, "Content-Type"),
                arguments("100 MB document, streamed without a length", "application/yaml",
                        (Supplier<BodyPublisher>) () -> BodyPublishers.ofInputStream(() -> new RepeatingStream(
                                g, "  - id: song-x\n    stems: [{id: s, uri: " + STEM + "}]\n", 100L << 20)),
                        413, new String[] {"larger than"}));
    }

    /**
     * A body refused while it is still arriving: the server answers 413 and closes the connection,
     * and a client still sending may then lose that answer to the connection's reset (TCP's RST
     * race, not the server's choice). Such a torn exchange is tried again, up to three times; the
     * server's answer must come through in the end.
     */
    private static ApiClient.Answer postTooLarge(String type, Supplier<BodyPublisher> body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return api.post("/api/v1/sessions", type, body.get());
            } catch (java.io.UncheckedIOException torn) {
                if (attempt == 3) {
                    throw torn;
                }
            }
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileManifestIsRefusedWithTheReason(String name, String type, Supplier<BodyPublisher> body, int status,
                                                String[] expected) {
        ApiClient.Answer answer = status == 413 ? postTooLarge(type, body) : api.post("/api/v1/sessions", type, body.get());
        if (status < 10) {
            assertEquals(status, answer.status() / 100, answer.toString());
        } else {
            assertEquals(status, answer.status(), answer.toString());
        }
        assertTrue(answer.body() != null && answer.body().hasNonNull("error"), "a JSON error: " + answer);
        String text = answer.body().toString();
        for (String e : expected) {
            assertTrue(text.contains(e), "\"" + e + "\" in " + (text.length() > 2000 ? text.substring(0, 2000) : text));
        }
        assertTrue(text.length() < 1_000_000, "the answer stays small: " + text.length() + " characters");
    }

    @Order(2)
    @Test
    void afterwardsTheCoordinatorIsHealthyAndAdmitsAGoodSession() {
        assertEquals(200, api.get("/health/live").status());
        assertEquals(200, api.get("/health/ready").status());
        ApiClient.Answer answer = api.submitYaml(good());
        assertEquals(202, answer.status(), answer.toString());
        String id = answer.body().get("sessionId").asText();
        assertTrue(worker.awaitTasks(1, java.time.Duration.ofSeconds(60)).stream().allMatch(t -> t.sessionId().equals(id)),
                "only the good session's task was published");
    }

    private static String bulk(int n, String format) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(String.format(format, i));
        }
        return b.toString();
    }

    /** Nine levels of ten aliases each: 10^9 "lol"s if anything expanded them. */
    private static String billionLaughs() {
        StringBuilder y = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            String p = "*a" + (i - 1);
            y.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(10, p))).append("]\n");
        }
        return y.append("id: x\n").toString();
    }

    private static String deepBlock(int depth) {
        StringBuilder y = new StringBuilder("id: x\n");
        for (int i = 0; i < depth; i++) {
            y.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        return y.append(" ".repeat(depth)).append("v\n").toString();
    }

    private static byte[] noise() {
        byte[] b = new byte[4096];
        new java.util.SplittableRandom(7).nextBytes(b);
        return b;
    }

    /** A head, then a unit repeated until {@code total} bytes: a huge document without holding it. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] head;
        private final byte[] unit;
        private final long total;
        private long sent;

        RepeatingStream(String head, String unit, long total) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.unit = unit.getBytes(StandardCharsets.UTF_8);
            this.total = total;
        }

        @Override
        public int read() {
            if (sent >= total) {
                return -1;
            }
            long at = sent++;
            return at < head.length ? head[(int) at] : unit[(int) ((at - head.length) % unit.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (sent >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - sent);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}

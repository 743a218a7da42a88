package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixfarm.cli.watch.Views;
import io.mixfarm.embedded.EmbeddedS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code farm sessions}, {@code status}, {@code watch} and {@code report} against a fake
 * coordinator that requires a token (tests have no console: {@code watch} prints plain lines).
 */
class SessionCommandsTest {

    private static final String TOKEN = "cli-test-token-0123456789";
    private static final String SESSION = "album-abc";

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private FakeCoordinator coordinator;

    @AfterEach
    void stop() {
        if (coordinator != null) {
            coordinator.close();
        }
    }

    private FakeCoordinator start(List<JsonNode> views) throws Exception {
        JsonNode list = new ObjectMapper().readTree("""
                {"sessions": [
                  {"sessionId": "album-abc", "title": "Night Drive", "state": "RUNNING", "priority": "HIGH",
                   "createdAt": "2026-01-01T12:00:00Z", "songs": {"total": 3, "completed": 1, "failed": 0}},
                  {"sessionId": "single-xyz", "title": "B-Side", "state": "FAILED", "priority": "LOW",
                   "createdAt": "2025-12-31T09:30:00Z", "songs": {"total": 2, "completed": 1, "failed": 1}}
                ], "nextCursor": null}
                """);
        coordinator = new FakeCoordinator(TOKEN, SESSION, list, views);
        return coordinator;
    }

    private int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            return FarmCli.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private String printed() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sessionsListsStateSongsPriorityAndCreation() throws Exception {
        start(List.of(Views.running()));
        assertEquals(0, run("sessions", "--coordinator", coordinator.url().toString(), "--token", TOKEN, "--utc"));
        String[] lines = printed().split("\\R");
        assertTrue(lines[0].matches("SESSION\\s+STATE\\s+SONGS\\s+PRIORITY\\s+CREATED\\s+TITLE"), lines[0]);
        assertTrue(lines[1].matches("album-abc\\s+running\\s+1/3\\s+high\\s+2026-01-01 12:00:00\\s+Night Drive"), lines[1]);
        assertTrue(lines[2].matches("single-xyz\\s+failed\\s+1/2, 1 failed\\s+low\\s+2025-12-31 09:30:00\\s+B-Side"), lines[2]);
        assertTrue(coordinator.paths.contains("/api/v1/sessions?limit=50"), coordinator.paths.toString());
    }

    @Test
    void withoutTheTokenTheCommandSaysTheCoordinatorRefused() throws Exception {
        start(List.of(Views.running()));
        assertEquals(2, run("sessions", "--coordinator", coordinator.url().toString(), "--token", "not-the-token-at-all"));
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("HTTP 401") && err.contains("authentication required"), err);
        assertFalse(err.contains("not-the-token-at-all"), "the token is never printed: " + err);
    }

    @Test
    void statusPrintsEachSongsStateAttemptsLoudnessPeakTimeAndWorker() throws Exception {
        start(List.of(Views.running()));
        assertEquals(0, run("status", SESSION, "--coordinator", coordinator.url().toString(), "--token", TOKEN));
        String text = printed();
        assertTrue(text.contains("State    running, 1 of 3 songs completed (43%), normal priority"), text);
        assertTrue(text.matches("(?s).*#\\s+SONG\\s+STATE\\s+ATTEMPTS\\s+IN LUFS\\s+OUT LUFS\\s+TP dBTP\\s+TIME\\s+WORKER.*"), text);
        assertTrue(text.matches("(?s).*\\n\\s+1\\s+01-intro\\s+completed\\s+1\\s+-18\\.3\\s+-14\\.0\\s+-1\\.1\\s+0:20\\s+worker-1\\n.*"), text);
        assertTrue(text.matches("(?s).*\\n\\s+2\\s+02-drive\\s+running\\s+2\\s+-\\s+-\\s+-\\s+\\d+:\\d\\d(:\\d\\d)?\\s+worker-2\\n.*"), text);
        assertTrue(text.matches("(?s).*\\n\\s+3\\s+03-home\\s+queued\\s+1\\s+-\\s+-\\s+-\\s+-\\s+-\\n.*"), text);
    }

    @Test
    void watchOffATerminalPrintsPlainLinesUntilTheSessionEndsThenTheSummary() throws Exception {
        start(List.of(Views.running(), Views.running(), Views.completed()));
        assertEquals(0, run("watch", SESSION, "--coordinator", coordinator.url().toString(), "--token", TOKEN,
                "--interval", "50"));
        String text = printed();
        assertFalse(text.contains("\u001b["), "no terminal control sequences in plain mode: " + text);
        assertFalse(text.contains("["), "no bars in plain mode: " + text);
        assertTrue(text.contains("session album-abc: RUNNING"), text);
        assertTrue(text.contains("session album-abc: COMPLETED"), text);
        assertTrue(text.matches("(?s).*02-drive\\s+RUNNING full attempt 2 on worker-2\\n.*"), text);
        assertTrue(text.matches("(?s).*02-drive\\s+COMPLETED.*"), text);
        assertEquals(1, text.split("02-drive\\s+RUNNING", -1).length - 1, "a line per change, not per look: " + text);
        assertTrue(text.contains("Session album-abc COMPLETED"), text);
    }

    @Test
    void reportDownloadsTheAlbumReportSongReportsAndPlots(@TempDir Path s3Dir, @TempDir Path out) throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.startIn(s3Dir, 0, "access", "secret-secret-secret");
             S3Client client = io.mixfarm.cli.submit.FarmS3.client(s3.endpoint(), s3.region(), "access",
                     "secret-secret-secret")) {
            client.createBucket(b -> b.bucket("masters"));
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
            client.putObject(b -> b.bucket("masters").key("night/album-report.json"), RequestBody.fromString("{\"album\":1}"));
            client.putObject(b -> b.bucket("masters").key("night/01-intro/report.json"), RequestBody.fromString("{\"song\":1}"));
            client.putObject(b -> b.bucket("masters").key("night/01-intro/loudness.png"), RequestBody.fromBytes(png));
            JsonNode view = new ObjectMapper().readTree(Views.completed().toString()
                    .replace("\"output\":\"s3://masters/night/\"",
                            "\"output\":\"s3://masters/night/\",\"albumReport\":\"s3://masters/night/album-report.json\""));
            start(List.of(view));

            assertEquals(0, run("report", SESSION, "--out", out.toString(), "--coordinator", coordinator.url().toString(),
                    "--token", TOKEN, "--s3-endpoint", s3.endpoint().toString(), "--s3-access-key", "access",
                    "--s3-secret-key", "secret-secret-secret"), printed() + stderr);
            assertEquals("{\"album\":1}", Files.readString(out.resolve("album-report.json")));
            assertEquals("{\"song\":1}", Files.readString(out.resolve("01-intro/report.json")));
            assertArrayEquals(png, Files.readAllBytes(out.resolve("01-intro/loudness.png")));
            assertTrue(printed().contains("3 files in "), printed());

            // a plot the view names but S3 does not have: reported, exit code 1
            client.deleteObject(b -> b.bucket("masters").key("night/01-intro/loudness.png"));
            stdout.reset();
            assertEquals(1, run("report", SESSION, "--out", out.resolve("again").toString(), "--coordinator",
                    coordinator.url().toString(), "--token", TOKEN, "--s3-endpoint", s3.endpoint().toString(),
                    "--s3-access-key", "access", "--s3-secret-key", "secret-secret-secret"));
            assertTrue(printed().contains("missing in S3: s3://masters/night/01-intro/loudness.png"), printed());
        }
    }
}

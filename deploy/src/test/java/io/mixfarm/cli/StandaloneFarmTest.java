package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.cli.demo.ExampleAlbum;
import io.mixfarm.cli.standalone.StandaloneFarm;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code farm submit --wait} against a real standalone farm in this JVM (Kafka broker, S3Proxy,
 * coordinator, two workers): the example album is uploaded, rendered and mastered in album mode, and
 * the masters pooled measure on the album target.
 */
@Timeout(400)
class StandaloneFarmTest {

    @TempDir
    static Path farmDir;
    @TempDir
    static Path albumDir;

    private static StandaloneFarm farm;

    @BeforeAll
    static void startFarm() throws InterruptedException {
        farm = StandaloneFarm.start(new StandaloneFarm.Options(2, farmDir, 0, "127.0.0.1", 1));
    }

    @AfterAll
    static void stopFarm() {
        if (farm != null) {
            farm.close();
        }
    }

    @Test
    void submitWaitMastersTheAlbumOnTargetWithEverySongCompletedOnce() throws Exception {
        Path manifest = ExampleAlbum.write(albumDir, 3);
        String[] args = {"submit", manifest.toString(), "--coordinator", farm.coordinatorUrl().toString(),
                "--s3-endpoint", farm.s3Endpoint().toString(), "--s3-region", farm.s3Region(),
                "--s3-access-key", farm.s3AccessKey(), "--s3-secret-key", farm.s3SecretKey(), "--token", farm.apiToken(),
                "--wait"};
        String printed = runCapturingStdout(args);
        assertTrue(printed.contains("15 uploaded, 0 already in S3"), printed);
        String sessionId = sessionId(printed);

        JsonNode view = new CoordinatorClient(farm.coordinatorUrl(), farm.apiToken()).session(sessionId);
        assertEquals("COMPLETED", view.path("state").asText(), view.toPrettyString());
        assertEquals(3, view.path("songs").size());
        double gainDb = view.path("album").path("gainDb").asDouble(Double.NaN);
        assertTrue(Double.isFinite(gainDb), "album mode applied one gain: " + view.path("album"));
        List<GatingBlocks> albumBlocks = new ArrayList<>();
        try (S3Client s3 = farm.s3Client()) {
            for (JsonNode song : view.path("songs")) {
                assertEquals("COMPLETED", song.path("state").asText(), song.toPrettyString());
                assertEquals(1, song.path("attempt").asInt(), "rendered once: " + song);
                Set<String> names = new HashSet<>();
                JsonNode master = null;
                for (JsonNode output : song.path("outputs")) {
                    assertTrue(names.add(output.path("name").asText()), "each output written once: " + song.path("outputs"));
                    if (output.path("name").asText().endsWith("-24bit-48000hz.wav")) {
                        master = output;
                    }
                }
                assertNotNull(master, "the 24-bit WAV master of " + song.path("songId") + ": " + song.path("outputs"));
                LoudnessMeasurement measured = measure(s3, S3Uri.parseObject(master.path("uri").asText()),
                        albumDir.resolve(song.path("songId").asText() + ".wav"));
                assertTrue(measured.durationSeconds() >= 3, "the master is as long as the stems");
                albumBlocks.add(measured.gatingBlocks());
                // album mode: every song got the one album gain, and its master measures as reported
                JsonNode report = song.path("report");
                assertEquals(gainDb, report.path("gainDb").asDouble(), 0.01, "the album gain: " + report);
                assertEquals("target-reached", report.path("outcome").asText(), report.toString());
                assertEquals(report.path("output").path("integratedLufs").asDouble(), measured.integratedLufs(), 0.1,
                        song.path("songId") + " measures as its report says: " + report);
                assertTrue(measured.truePeakDbtp() <= -1.0 + 0.05, "under the streaming ceiling: " + measured.truePeakDbtp());
            }
        }
        // the album gain allowed for each song's limiter: the masters pooled land on the target
        double album = Loudness.albumIntegratedLufs(albumBlocks);
        assertEquals(-14.0, album, 0.1, "pooled loudness of the WAV masters");

        try (S3Client s3 = farm.s3Client()) {
            S3Uri output = S3Uri.parse(view.path("output").asText());
            assertEquals(0, s3.listObjectsV2(b -> b.bucket(output.bucket()).prefix(output.key() + ".work/"))
                    .contents().size(), "the mixes ANALYZE left for MASTER are gone");
            // ReplayGain 2.0 in the farm's deliverables, as farm render writes them
            JsonNode first = view.path("songs").path(0);
            for (JsonNode output1 : first.path("outputs")) {
                if (output1.path("name").asText().endsWith(".flac")) {
                    Path flac = albumDir.resolve("first.flac");
                    S3Uri uri = S3Uri.parseObject(output1.path("uri").asText());
                    s3.getObject(b -> b.bucket(uri.bucket()).key(uri.key()), flac);
                    String tags = metaflacTags(flac);
                    double master = first.path("report").path("output").path("integratedLufs").asDouble();
                    assertEquals(-18 - master, tagDb(tags, "REPLAYGAIN_TRACK_GAIN"), 0.011, tags);
                    assertEquals(-18 - album, tagDb(tags, "REPLAYGAIN_ALBUM_GAIN"), 0.1,
                            "the album gain tag from the predicted album loudness: " + tags);
                    assertTrue(tags.contains("REPLAYGAIN_ALBUM_PEAK="), tags);
                }
            }
        }

        // the same album again: every stem is already in S3, and every song is unchanged
        String again = runCapturingStdout(args);
        assertTrue(again.contains("0 uploaded, 15 already in S3"), again);
        assertTrue(again.contains("3 of 3 songs unchanged"), again);
        JsonNode unchanged = new CoordinatorClient(farm.coordinatorUrl(), farm.apiToken()).session(sessionId(again));
        for (JsonNode song : unchanged.path("songs")) {
            assertTrue(song.path("unchanged").asBoolean(), song.toPrettyString());
        }

        // song by song (not album mode), then one song's title changed: only that song renders again
        String songBySong = Files.readString(manifest).replace("albumMode: true", "albumMode: false");
        Path full = Files.writeString(albumDir.resolve("full.yaml"), songBySong);
        args[1] = full.toString();
        String rendered = runCapturingStdout(args);
        assertTrue(!rendered.contains("songs unchanged"), "other settings, other outputs: " + rendered);
        Files.writeString(full, songBySong.replace("title: Ballad", "title: The Ballad"));
        String oneChanged = runCapturingStdout(args);
        assertTrue(oneChanged.contains("2 of 3 songs unchanged"), oneChanged);
        JsonNode partly = new CoordinatorClient(farm.coordinatorUrl(), farm.apiToken()).session(sessionId(oneChanged));
        for (JsonNode song : partly.path("songs")) {
            assertEquals(!song.path("songId").asText().equals("02-ballad"), song.path("unchanged").asBoolean(),
                    song.toPrettyString());
        }
    }

    /** The FLAC's Vorbis comments, read by metaflac (an independent reader). */
    private static String metaflacTags(Path flac) throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/metaflac")), "metaflac is needed (apt-get install flac)");
        Process p = new ProcessBuilder("/usr/bin/metaflac", "--export-tags-to=-", flac.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static double tagDb(String tags, String name) {
        Matcher m = Pattern.compile(name + "=([-+0-9.]+) dB").matcher(tags);
        assertTrue(m.find(), name + " in " + tags);
        return Double.parseDouble(m.group(1));
    }

    private static LoudnessMeasurement measure(S3Client s3, S3Uri uri, Path local) throws Exception {
        s3.getObject(b -> b.bucket(uri.bucket()).key(uri.key()), local);
        return LoudnessAnalyzer.measure(local);
    }

    private static String sessionId(String printed) {
        Matcher m = Pattern.compile("Session (\\S+) submitted").matcher(printed);
        assertTrue(m.find(), printed);
        return m.group(1);
    }

    /** Runs the CLI, its output still shown and also returned; asserts exit code 0. */
    private static String runCapturingStdout(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(original, copy), true, StandardCharsets.UTF_8));
        int code;
        try {
            code = FarmCli.run(args);
        } finally {
            System.setOut(original);
        }
        String printed = copy.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        return printed;
    }

    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}

package io.mixfarm.cli.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.cli.demo.ExampleAlbum;
import io.mixfarm.cli.standalone.StandaloneFarm;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.cli.submit.SessionSubmitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web dashboard in a real headless Chromium during a real render: a standalone farm (one
 * worker, one render slot, so songs render one after another) requires an API token; the page
 * asks for it, then shows the session in its list and, on the session page, its songs moving
 * from queued through running to completed, with the farm's rates and each song's loudness plot.
 * Screenshots land in {@code target/dashboard-*.png}.
 */
@Timeout(300)
class DashboardBrowserTest {

    private static final String TOKEN = "dashboard-test-token-0123456789";
    private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(240);

    @TempDir
    Path farmDir;
    @TempDir
    Path albumDir;

    @Test
    void showsTheSessionAndItsSongsProgressingToCompletion() throws Exception {
        HeadlessChromium.binary(); // fail first and clearly when there is no browser
        Path manifest = ExampleAlbum.write(albumDir, 45);
        try (StandaloneFarm farm = StandaloneFarm.start(new StandaloneFarm.Options(1, farmDir, 0, "127.0.0.1", 1),
                Map.of("api-token", TOKEN),
                // album mode mixes once and a master takes a second or two: report progress often
                // enough that a page polling every second sees a song running
                Map.of("progress-interval", "100ms"));
             HeadlessChromium browser = HeadlessChromium.start(1400, 1000)) {
            String url = farm.coordinatorUrl() + "/";
            browser.navigate(url);

            // the API needs the token: the page asks for it once
            browser.waitFor("!document.getElementById('login').classList.contains('hidden')", Duration.ofSeconds(30));
            browser.eval("document.getElementById('token').value = 'wrong-token-9876543210'; "
                    + "document.getElementById('login-form').requestSubmit(); true");
            browser.waitFor("document.getElementById('login-error').textContent.includes('not accepted')",
                    Duration.ofSeconds(30));
            browser.eval("document.getElementById('token').value = '" + TOKEN + "'; "
                    + "document.getElementById('login-form').requestSubmit(); true");
            browser.waitFor("!document.getElementById('app').classList.contains('hidden')", Duration.ofSeconds(30));
            assertEquals(TOKEN, browser.eval("sessionStorage.getItem('mixfarm.token')").asText());
            assertTrue(browser.eval("location.href").asText().startsWith(url), "the token is not in the URL");

            CoordinatorClient client = new CoordinatorClient(farm.coordinatorUrl(), TOKEN);
            String sessionId;
            try (S3Client s3 = farm.s3Client()) {
                sessionId = SessionSubmitter.submit(manifest, s3, StandaloneFarm.STEMS_BUCKET,
                        StandaloneFarm.MASTERS_BUCKET, client, new PrintStream(new ByteArrayOutputStream(), true,
                                StandardCharsets.UTF_8));
            }

            // the list shows the new session with a progress bar
            String sessionRow = "document.querySelector('tr[data-session=\"" + sessionId + "\"]')";
            browser.waitFor(sessionRow, Duration.ofSeconds(30));
            assertTrue(browser.eval(sessionRow + ".innerText").asText().contains("0 / 3"),
                    browser.eval(sessionRow + ".innerText").asText());
            browser.eval("location.hash = '#/sessions/" + sessionId + "'; true");
            browser.waitFor("document.querySelectorAll('tr[data-song]').length === 3", Duration.ofSeconds(30));

            // two observations apart show progress: a song's state or progress moved on
            String snapshot = "JSON.stringify([...document.querySelectorAll('tr[data-song]')]"
                    + ".map(r => r.dataset.state + ':' + r.dataset.progress))";
            String first = browser.eval(snapshot).asText();
            assertTrue(first.contains("QUEUED") || first.contains("RUNNING") || first.contains("WAITING"),
                    "the render had not finished at the first look: " + first);
            browser.waitFor(snapshot + " !== '" + first + "'", Duration.ofSeconds(120));
            String second = browser.eval(snapshot).asText();
            assertNotEquals(first, second);
            browser.waitFor("[...document.querySelectorAll('tr[data-song]')].some(r => r.dataset.state === 'RUNNING'"
                    + " && +r.dataset.progress > 0)", RENDER_TIMEOUT);
            browser.waitFor("document.getElementById('farm-busy').textContent === '1'", Duration.ofSeconds(30));
            browser.screenshot(Path.of("target", "dashboard-rendering.png"));

            // the end: every song completed, the farm view measured throughput, every plot loaded
            browser.waitFor("[...document.querySelectorAll('tr[data-song]')].every(r => r.dataset.state === 'COMPLETED')",
                    RENDER_TIMEOUT);
            browser.waitFor("document.getElementById('session-state').textContent === 'completed'", RENDER_TIMEOUT);
            browser.waitFor("document.querySelectorAll('img[data-plot]').length === 3 && [...document.querySelectorAll("
                    + "'img[data-plot]')].every(i => i.complete && i.naturalWidth > 300)", Duration.ofSeconds(60));
            double rate = Double.parseDouble(browser.eval("document.getElementById('farm-rate').textContent").asText());
            assertTrue(rate > 0, "songs per minute: " + rate);
            // every task consumed and committed: the workers' group has no lag left
            browser.waitFor("document.getElementById('farm-lag').textContent === '0'", Duration.ofSeconds(30));
            String table = browser.eval("document.getElementById('songs').innerText").asText();
            assertTrue(table.contains("worker-1"), table);
            JsonNode view = client.session(sessionId);
            assertEquals("COMPLETED", view.path("state").asText());
            for (JsonNode song : view.path("songs")) {
                String out = String.format(java.util.Locale.ROOT, "%.1f",
                        song.path("report").path("output").path("integratedLufs").asDouble());
                assertTrue(table.contains(out), "the table shows " + song.path("songId") + " at " + out + " LUFS: " + table);
            }
            Path done = Path.of("target", "dashboard-session.png");
            Thread.sleep(1000); // let the bars' width transition finish
            browser.screenshot(done);
            assertTrue(Files.size(done) > 20_000, "a screenshot of the page");
            browser.eval("location.hash = '#/'; true");
            browser.waitFor(sessionRow + " && " + sessionRow + ".dataset.state === 'COMPLETED'", Duration.ofSeconds(30));
            Thread.sleep(1000);
            browser.screenshot(Path.of("target", "dashboard-sessions.png"));
        }
    }
}

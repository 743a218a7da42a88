package io.mixfarm.cli.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionWatcherTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final SessionWatcher watcher = new SessionWatcher(new CoordinatorClient(URI.create("http://127.0.0.1:1")),
            new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofMillis(500));

    private static JsonNode view(String sessionState, String secondSong) throws Exception {
        return new ObjectMapper().readTree("""
                {"sessionId": "s-1", "state": "%s", "output": "s3://masters/out/",
                 "songs": [
                   {"songId": "one", "state": "COMPLETED", "outputs": [{"name": "one-24bit-48000hz.wav"}],
                    "report": {"output": {"integratedLufs": -14.2, "truePeakDbtp": -3},
                               "deliverables": [{"integratedLufs": -14.04, "truePeakDbtp": -1.12}]}},
                   {"songId": "two", "state": "%s", "outputs": [], "report": null}
                 ]}
                """.formatted(sessionState, secondSong));
    }

    @Test
    void aCompletedSessionSummarizesTheDeliverablesLoudness() throws Exception {
        assertTrue(watcher.summarize(view("COMPLETED", "COMPLETED")));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Masters in s3://masters/out/"), text);
        assertTrue(text.matches("(?s).*one\\s+COMPLETED\\s+-14\\.04\\s+-1\\.12\\s+1.*"), text);
    }

    @Test
    void aFailedSongFailsTheSummary() throws Exception {
        assertFalse(watcher.summarize(view("FAILED", "FAILED")));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*two\\s+FAILED\\s+-\\s+-\\s+0.*"), text);
    }
}

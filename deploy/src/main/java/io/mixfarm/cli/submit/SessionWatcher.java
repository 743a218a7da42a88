package io.mixfarm.cli.submit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Polls a session until it ends, printing one line whenever a song's state changes, then where
 * the masters are and each song's loudness.
 */
public final class SessionWatcher {

    /**
     * How often a small session is polled: the end of a session is seen at most this late (at
     * 500 ms it added a quarter of a second on average to every {@code submit --wait}).
     */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** Large sessions are polled less often: about 1 ms between polls per 10 songs. */
    private static final int SONGS_PER_MS = 10;

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");

    private final CoordinatorClient coordinator;
    private final PrintStream out;
    private final Duration interval;

    public SessionWatcher(CoordinatorClient coordinator, PrintStream out, Duration interval) {
        this.coordinator = coordinator;
        this.out = out;
        this.interval = interval;
    }

    /** Waits for the session to end and returns its final view. */
    public JsonNode await(String sessionId) throws IOException, InterruptedException {
        Map<String, String> shown = new HashMap<>();
        String sessionState = null;
        while (true) {
            JsonNode view = coordinator.session(sessionId);
            String state = view.path("state").asText();
            if (!state.equals(sessionState)) {
                out.println("session " + sessionId + ": " + state);
                sessionState = state;
            }
            for (JsonNode song : view.path("songs")) {
                String line = songLine(song);
                String id = song.path("songId").asText();
                if (!line.equals(shown.get(id))) {
                    out.println("  " + line);
                    shown.put(id, line);
                }
            }
            out.flush();
            if (ENDED.contains(state)) {
                return view;
            }
            Thread.sleep(Math.max(interval.toMillis(), view.path("songs").size() / SONGS_PER_MS));
        }
    }

    private static String songLine(JsonNode song) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s %s",
                song.path("songId").asText(), song.path("state").asText()));
        String phase = song.path("phase").asText("");
        if (song.path("unchanged").asBoolean()) {
            return line.append(" unchanged (its outputs exist from the same inputs)").toString();
        }
        if (!phase.isEmpty() && !"null".equals(phase)) {
            line.append(' ').append(phase.toLowerCase(Locale.ROOT));
        }
        if (song.path("attempt").asInt() > 1) {
            line.append(" attempt ").append(song.path("attempt").asInt());
        }
        String worker = song.path("workerId").asText("");
        if (!worker.isEmpty() && !"null".equals(worker)) {
            line.append(" on ").append(worker);
        }
        String error = song.path("error").asText("");
        if (!error.isEmpty() && !"null".equals(error)) {
            line.append(": ").append(error);
        }
        return line.toString();
    }

    /** Where the masters are and each song's integrated loudness and true peak; true when every song completed. */
    public boolean summarize(JsonNode view) {
        out.println();
        out.println("Session " + view.path("sessionId").asText() + " " + view.path("state").asText()
                + (view.hasNonNull("message") ? ": " + view.path("message").asText() : ""));
        out.println("Masters in " + view.path("output").asText());
        if (view.hasNonNull("albumReport")) {
            out.println("Album report: " + view.path("albumReport").asText());
        }
        JsonNode album = view.path("album");
        if (album.hasNonNull("targetLufs")) {
            out.println(String.format(Locale.ROOT, "Album mode: target %.1f LUFS, album gain %s dB",
                    album.path("targetLufs").asDouble(), album.hasNonNull("gainDb")
                            ? String.format(Locale.ROOT, "%+.2f", album.path("gainDb").asDouble()) : "-"));
        }
        out.println(String.format(Locale.ROOT, "%-20s %-10s %9s %9s  %s", "song", "state", "I (LUFS)", "TP (dBTP)", "files"));
        boolean allCompleted = "COMPLETED".equals(view.path("state").asText());
        int unchanged = 0;
        for (JsonNode song : view.path("songs")) {
            String state = song.path("state").asText();
            allCompleted &= "COMPLETED".equals(state);
            if (song.path("unchanged").asBoolean()) {
                unchanged++;
                state = "UNCHANGED";
            }
            JsonNode figures = loudness(song.path("report"));
            int files = 0;
            for (JsonNode output : song.path("outputs")) {
                files += output.path("name").asText().contains(".") ? 1 : 0;
            }
            out.println(String.format(Locale.ROOT, "%-20s %-10s %9s %9s  %d", song.path("songId").asText(), state,
                    number(figures.path("integratedLufs")), number(figures.path("truePeakDbtp")), files));
        }
        if (unchanged > 0) {
            out.println(unchanged + " of " + view.path("songs").size() + " songs unchanged: not rendered again,"
                    + " their outputs exist from the same stems and settings");
        }
        out.flush();
        return allCompleted;
    }

    /** The first deliverable's measured figures, else the master's figures, from a song report. */
    private static JsonNode loudness(JsonNode report) {
        JsonNode first = report.path("deliverables").path(0);
        return first.hasNonNull("integratedLufs") ? first : report.path("output");
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.2f", value.asDouble()) : "-";
    }
}

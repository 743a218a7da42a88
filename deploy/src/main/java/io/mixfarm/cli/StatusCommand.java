package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.cli.watch.BarRenderer;
import io.mixfarm.cli.watch.SessionProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code farm status ID}: one session and a table of its songs. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = "Shows a session and each song's state, attempts, loudness in and out, true peak, render "
                + "time and worker.")
public final class StatusCommand implements Callable<Integer> {

    private static final String ROW = "%3s  %-20s %-10s %8s %8s %8s %9s %8s  %s";

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id.")
    String sessionId;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws Exception {
        JsonNode view;
        try {
            view = api.client().session(sessionId);
        } catch (CoordinatorClient.CoordinatorException e) {
            System.err.println("The coordinator refused: " + e.getMessage());
            return 2;
        }
        print(view, Instant.now(), System.out);
        return 0;
    }

    /** The session header and song table. */
    static void print(JsonNode view, Instant now, PrintStream out) {
        SessionProgress p = SessionProgress.of(view, now);
        out.println("Session  " + view.path("sessionId").asText() + "  " + view.path("title").asText("")
                + (view.hasNonNull("artist") ? " - " + view.path("artist").asText() : ""));
        out.println(String.format(Locale.ROOT, "State    %s, %d of %d songs completed (%d%%), %s priority",
                view.path("state").asText().toLowerCase(Locale.ROOT), p.completed(), p.songs().size(),
                Math.round(100 * p.fraction()), view.path("priority").asText("").toLowerCase(Locale.ROOT)));
        out.println(String.format(Locale.ROOT, "Pace     %.1f songs/min, %.1fx realtime, elapsed %s, ETA %s",
                p.songsPerMinute(), p.realtimeFactor(), BarRenderer.clock(p.elapsed()),
                p.ended() ? "-" : BarRenderer.clock(p.eta())));
        out.println("Output   " + view.path("output").asText());
        if (view.hasNonNull("message")) {
            out.println("Message  " + view.path("message").asText());
        }
        out.println();
        out.println(String.format(Locale.ROOT, ROW, "#", "SONG", "STATE", "ATTEMPTS", "IN LUFS", "OUT LUFS",
                "TP dBTP", "TIME", "WORKER"));
        for (JsonNode song : view.path("songs")) {
            JsonNode report = song.path("report");
            out.println(String.format(Locale.ROOT, ROW, song.path("trackNumber").asText(),
                    song.path("songId").asText(), song.path("state").asText().toLowerCase(Locale.ROOT),
                    song.path("attempt").asInt(1), number(report.path("input").path("integratedLufs")),
                    number(report.path("output").path("integratedLufs")),
                    number(report.path("output").path("truePeakDbtp")), renderTime(song, now),
                    song.path("workerId").asText("-")));
            if (song.hasNonNull("error")) {
                out.println("     error: " + song.path("error").asText());
            }
        }
        out.flush();
    }

    /** From the render's start to its end, or to now while it runs. */
    static String renderTime(JsonNode song, Instant now) {
        JsonNode t = song.path("timings");
        if (!t.hasNonNull("startedAt")) {
            return "-";
        }
        Instant start = Instant.parse(t.path("startedAt").asText());
        Instant end = t.hasNonNull("endedAt") ? Instant.parse(t.path("endedAt").asText())
                : "RUNNING".equals(song.path("state").asText()) ? now : null;
        return end == null ? "-" : BarRenderer.clock(Duration.between(start, end));
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.1f", value.asDouble()) : "-";
    }
}

package io.mixfarm.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How far a session is, from its API view: each song's share done, the whole session's, and the
 * throughput so far (songs per minute, seconds of audio per second) with the time left at that
 * pace. A running song counts by its stage and the stage's fraction, weighted by what each stage
 * usually takes (mixing and mastering most).
 *
 * @param elapsed        since the session was created (null when the view has no creation time)
 * @param songsPerMinute songs completed per minute of {@code elapsed}; 0 before the first
 * @param realtimeFactor seconds of completed songs' audio per second of {@code elapsed}
 * @param eta            time left at the pace so far; null while nothing is done yet or when ended
 */
public record SessionProgress(String sessionId, String title, String state, List<Song> songs, double fraction,
                              int completed, int failed, Duration elapsed, double songsPerMinute,
                              double realtimeFactor, Duration eta) {

    /** Share of a render each stage takes (the dashboard's app.js uses the same weights). */
    static final Map<String, Double> STAGE_WEIGHTS = Map.of("FETCH", 0.05, "DECODE", 0.05, "MIX", 0.40,
            "MASTER", 0.35, "ENCODE", 0.10, "UPLOAD", 0.05);
    private static final List<String> STAGES = List.of("FETCH", "DECODE", "MIX", "MASTER", "ENCODE", "UPLOAD");
    static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");

    /**
     * One song.
     *
     * @param fraction 0..1, 1 when completed
     * @param detail   what it is doing: "mix 40%", the phase it waits for, or its error
     */
    public record Song(String songId, String state, double fraction, String detail, int attempt, String workerId) {
    }

    public boolean ended() {
        return ENDED.contains(state);
    }

    /** The progress the view shows at {@code now}. */
    public static SessionProgress of(JsonNode view, Instant now) {
        List<Song> songs = new ArrayList<>();
        double sum = 0;
        int completed = 0;
        int failed = 0;
        double audioSeconds = 0;
        for (JsonNode song : view.path("songs")) {
            Song s = song(song);
            songs.add(s);
            sum += s.fraction();
            if ("COMPLETED".equals(s.state())) {
                completed++;
                double d = song.path("report").path("durationSeconds").asDouble(0);
                audioSeconds += d > 0 ? d : 0;
            } else if ("FAILED".equals(s.state())) {
                failed++;
            }
        }
        double fraction = songs.isEmpty() ? 0 : sum / songs.size();
        Duration elapsed = null;
        double perMinute = 0;
        double realtime = 0;
        Duration eta = null;
        String state = view.path("state").asText("");
        if (view.hasNonNull("createdAt")) {
            Instant created = Instant.parse(view.path("createdAt").asText());
            Instant end = ENDED.contains(state) && view.hasNonNull("updatedAt")
                    ? Instant.parse(view.path("updatedAt").asText()) : now;
            elapsed = Duration.between(created, end).isNegative() ? Duration.ZERO : Duration.between(created, end);
            double seconds = Math.max(elapsed.toMillis() / 1000.0, 0.001);
            perMinute = completed * 60.0 / seconds;
            realtime = audioSeconds / seconds;
            if (!ENDED.contains(state) && sum > 0) {
                double left = (songs.size() - failed - sum) * seconds / sum;
                eta = Duration.ofMillis(Math.round(Math.max(0, left) * 1000));
            }
        }
        return new SessionProgress(view.path("sessionId").asText(), view.path("title").asText(""), state,
                List.copyOf(songs), fraction, completed, failed, elapsed, perMinute, realtime, eta);
    }

    private static Song song(JsonNode song) {
        String state = song.path("state").asText("");
        double fraction = 0;
        String detail = text(song.path("phase")).toLowerCase(Locale.ROOT);
        if ("COMPLETED".equals(state)) {
            fraction = 1;
            detail = "done";
        } else if ("RUNNING".equals(state) && song.path("progress").isObject()) {
            String stage = song.path("progress").path("stage").asText("");
            double f = song.path("progress").path("fraction").asDouble(0);
            fraction = stageFraction(stage, f);
            detail = stage.toLowerCase(Locale.ROOT) + " " + Math.round(100 * f) + "%";
        } else if ("FAILED".equals(state) && !text(song.path("error")).isEmpty()) {
            detail = text(song.path("error"));
        } else if ("RETRYING".equals(state) && !text(song.path("lastFailure")).isEmpty()) {
            detail = "retrying after: " + text(song.path("lastFailure"));
        }
        return new Song(song.path("songId").asText(), state, fraction, detail, song.path("attempt").asInt(1),
                text(song.path("workerId")));
    }

    /** The share of a song done when {@code stage} is {@code fraction} through. */
    static double stageFraction(String stage, double fraction) {
        double done = 0;
        for (String s : STAGES) {
            if (s.equals(stage)) {
                return done + STAGE_WEIGHTS.get(s) * Math.max(0, Math.min(1, fraction));
            }
            done += STAGE_WEIGHTS.get(s);
        }
        return 0.5; // a stage from a newer worker
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? "" : node.asText("");
    }
}

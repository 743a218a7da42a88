package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.cli.submit.CoordinatorClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code farm sessions}: the session list, newest first. */
@Command(name = "sessions",
        mixinStandardHelpOptions = true,
        description = "Lists the farm's sessions, newest first: state, songs done of all, priority, created.")
public final class SessionsCommand implements Callable<Integer> {

    static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Mixin
    ApiOptions api;

    @Option(names = "--limit", defaultValue = "50", description = "Most sessions shown, 1 to 500 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--utc", description = "Times in UTC rather than this machine's zone.")
    boolean utc;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        JsonNode page;
        try {
            page = api.client().sessions(limit);
        } catch (CoordinatorClient.CoordinatorException e) {
            System.err.println("The coordinator refused: " + e.getMessage());
            return 2;
        }
        if (page.path("sessions").isEmpty()) {
            out.println("No sessions.");
            return 0;
        }
        ZoneId zone = utc ? ZoneId.of("UTC") : ZoneId.systemDefault();
        out.println(String.format(Locale.ROOT, "%-32s %-10s %-14s %-8s %-19s  %s", "SESSION", "STATE", "SONGS",
                "PRIORITY", "CREATED", "TITLE"));
        for (JsonNode s : page.path("sessions")) {
            JsonNode songs = s.path("songs");
            String done = songs.path("completed").asInt() + "/" + songs.path("total").asInt()
                    + (songs.path("failed").asInt() > 0 ? ", " + songs.path("failed").asInt() + " failed" : "");
            out.println(String.format(Locale.ROOT, "%-32s %-10s %-14s %-8s %-19s  %s", s.path("sessionId").asText(),
                    s.path("state").asText().toLowerCase(Locale.ROOT), done,
                    s.path("priority").asText("").toLowerCase(Locale.ROOT), time(s.path("createdAt"), zone),
                    s.path("title").asText("")));
        }
        if (page.hasNonNull("nextCursor")) {
            out.println("(more sessions: raise --limit)");
        }
        return 0;
    }

    static String time(JsonNode iso, ZoneId zone) {
        return iso.isTextual() ? CREATED.format(Instant.parse(iso.asText()).atZone(zone)) : "-";
    }
}

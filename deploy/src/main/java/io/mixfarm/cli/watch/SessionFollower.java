package io.mixfarm.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.cli.submit.SessionWatcher;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Follows a session until it ends: live bars on a terminal, else the plain line-per-change output
 * of {@link SessionWatcher}; then the summary. Shared by {@code farm submit --wait} and
 * {@code farm watch}.
 */
public final class SessionFollower {

    private final CoordinatorClient client;
    private final PrintStream out;
    private final Duration interval;

    public SessionFollower(CoordinatorClient client, PrintStream out, Duration interval) {
        this.client = client;
        this.out = out;
        this.interval = interval;
    }

    /** Follows {@code sessionId} and prints the summary; true when every song completed. */
    public boolean follow(String sessionId, boolean bars) throws IOException, InterruptedException {
        SessionWatcher watcher = new SessionWatcher(client, out, interval);
        JsonNode view;
        if (bars) {
            out.flush();
            try (TerminalBars display = TerminalBars.onSystemTerminal()) {
                view = follow(sessionId, display);
            }
        } else {
            view = watcher.await(sessionId);
        }
        return watcher.summarize(view);
    }

    /** Redraws {@code display} every interval until the session ends; returns its final view. */
    public JsonNode follow(String sessionId, TerminalBars display) throws IOException, InterruptedException {
        while (true) {
            JsonNode view = client.session(sessionId);
            display.show(view);
            if (SessionProgress.ENDED.contains(view.path("state").asText())) {
                return view;
            }
            Thread.sleep(interval.toMillis());
        }
    }
}

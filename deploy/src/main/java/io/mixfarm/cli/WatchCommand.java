package io.mixfarm.cli;

import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.cli.watch.OutputMode;
import io.mixfarm.cli.watch.SessionFollower;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code farm watch ID}: follows a session until it ends. */
@Command(name = "watch",
        mixinStandardHelpOptions = true,
        description = "Follows a session until it ends: live progress bars per song and overall (throughput and "
                + "ETA) on a terminal, one line per change otherwise; then the loudness summary. The exit code is 1 "
                + "if a song failed.")
public final class WatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id.")
    String sessionId;

    @Mixin
    ApiOptions api;

    @Option(names = "--plain", description = "Plain lines even on a terminal.")
    boolean plain;

    @Option(names = "--interval", defaultValue = "500", paramLabel = "MS",
            description = "Milliseconds between looks at the session (default: ${DEFAULT-VALUE}).")
    long intervalMillis;

    @Override
    public Integer call() throws Exception {
        try {
            SessionFollower follower = new SessionFollower(api.client(), System.out, Duration.ofMillis(intervalMillis));
            return follower.follow(sessionId, OutputMode.bars(plain)) ? 0 : 1;
        } catch (CoordinatorClient.CoordinatorException e) {
            System.err.println("The coordinator refused: " + e.getMessage());
            return 2;
        }
    }
}

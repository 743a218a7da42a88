package io.mixfarm.cli;

import io.mixfarm.cli.submit.CoordinatorClient;
import picocli.CommandLine.Option;

import java.net.URI;

/** The options that reach the coordinator's API, shared by the commands that talk to it. */
public final class ApiOptions {

    @Option(names = "--coordinator", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The coordinator's API (default: ${DEFAULT-VALUE}).")
    URI coordinator;

    @Option(names = "--token", defaultValue = "${env:MIXFARM_API_TOKEN}", paramLabel = "TOKEN",
            description = "The API's bearer token (default: the MIXFARM_API_TOKEN environment variable).")
    String token;

    /** A client of the coordinator with the token, if any. */
    public CoordinatorClient client() {
        return new CoordinatorClient(coordinator, token);
    }

    public URI coordinator() {
        return coordinator;
    }
}

package io.mixfarm.cli;

import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.cli.submit.SessionSubmitter;
import io.mixfarm.cli.submit.SessionWatcher;
import io.mixfarm.cli.watch.OutputMode;
import io.mixfarm.cli.watch.SessionFollower;
import io.mixfarm.contract.Priority;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code farm submit}: uploads a manifest's local stems to the farm's S3 and submits the session. */
@Command(name = "submit",
        mixinStandardHelpOptions = true,
        description = "Uploads the stems a manifest names by local path to the farm's S3 (by content: a stem "
                + "already there is not sent again), points the manifest at them and submits the session. With --wait, "
                + "follows every song until the session ends and prints the loudness summary.")
public final class SubmitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The session manifest (YAML or JSON).")
    Path manifest;

    @Mixin
    ApiOptions api;

    @Mixin
    S3Options s3Options;

    @Option(names = "--stems-bucket", defaultValue = "stems",
            description = "Bucket local stems are uploaded to (default: ${DEFAULT-VALUE}).")
    String stemsBucket;

    @Option(names = "--output-bucket", defaultValue = "masters",
            description = "Bucket a local output directory maps to (default: ${DEFAULT-VALUE}).")
    String outputBucket;

    @Option(names = "--priority", defaultValue = "normal", paramLabel = "CLASS",
            description = "Scheduling class: urgent, normal or backfill (default: ${DEFAULT-VALUE}). Workers take "
                    + "urgent work first; backfill is slowed by the others but never starved.")
    String priority;

    @Option(names = "--wait", description = "Follow the session until it ends (live progress bars on a terminal, "
            + "plain lines otherwise); the exit code is 1 if a song failed.")
    boolean await;

    @Option(names = "--plain", description = "With --wait: plain lines even on a terminal.")
    boolean plain;


    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = System.out;
        if (!Files.isRegularFile(manifest)) {
            System.err.println("No manifest at " + manifest);
            return 2;
        }
        Priority priorityClass = Priority.parse(priority).orElse(null);
        if (priorityClass == null) {
            System.err.println("--priority is \"" + priority + "\"; expected urgent, normal or backfill");
            return 2;
        }
        CoordinatorClient client = api.client();
        String sessionId;
        try (S3Client s3 = s3Options.client()) {
            sessionId = SessionSubmitter.submit(manifest, s3, stemsBucket, outputBucket, client, out, priorityClass);
        } catch (CoordinatorClient.CoordinatorException e) {
            System.err.println("The coordinator refused the session: " + e.getMessage());
            return 1;
        }
        out.println("Session " + sessionId + " submitted (" + api.coordinator() + "/api/v1/sessions/" + sessionId + ")");
        out.flush();
        if (!await) {
            return 0;
        }
        return new SessionFollower(client, out, SessionWatcher.POLL_INTERVAL).follow(sessionId, OutputMode.bars(plain)) ? 0 : 1;
    }
}

package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.contract.S3Uri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/** {@code farm report ID}: downloads a session's album report, song reports and plots. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = "Downloads a session's album report, each song's report and loudness plot from S3 into "
                + "--out: album-report.json and <song-id>/report.json, <song-id>/loudness.png.")
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id.")
    String sessionId;

    @Mixin
    ApiOptions api;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the files (default: report-<session>).")
    Path out;

    @Mixin
    S3Options s3Options;

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = System.out;
        JsonNode view;
        try {
            view = api.client().session(sessionId);
        } catch (CoordinatorClient.CoordinatorException e) {
            System.err.println("The coordinator refused: " + e.getMessage());
            return 2;
        }
        Path dir = out != null ? out : Path.of("report-" + sessionId);
        Files.createDirectories(dir);
        int files = 0;
        int missing = 0;
        try (S3Client s3 = s3Options.client()) {
            if (view.hasNonNull("albumReport")) {
                if (download(s3, view.path("albumReport").asText(), dir.resolve("album-report.json"), stdout)) {
                    files++;
                } else {
                    missing++;
                }
            } else {
                stdout.println("No album report yet: the session is " + view.path("state").asText().toLowerCase());
            }
            for (JsonNode song : view.path("songs")) {
                Path songDir = dir.resolve(song.path("songId").asText());
                for (JsonNode output : song.path("outputs")) {
                    String uri = output.path("uri").asText();
                    String file = uri.substring(uri.lastIndexOf('/') + 1);
                    if ("report".equals(output.path("name").asText()) || file.endsWith(".png")) {
                        if (download(s3, uri, songDir.resolve(file), stdout)) {
                            files++;
                        } else {
                            missing++;
                        }
                    }
                }
            }
        }
        stdout.println(files + " files in " + dir.toAbsolutePath() + (missing > 0 ? " (" + missing + " missing)" : ""));
        return missing > 0 ? 1 : 0;
    }

    /** Downloads one object (replacing an earlier download); false when it is not there. */
    private static boolean download(S3Client s3, String uri, Path to, PrintStream out) throws IOException {
        S3Uri object = S3Uri.parseObject(uri);
        Files.createDirectories(to.toAbsolutePath().getParent());
        Path partial = to.resolveSibling(to.getFileName() + ".part");
        try {
            s3.getObject(b -> b.bucket(object.bucket()).key(object.key()), ResponseTransformer.toFile(partial));
        } catch (NoSuchKeyException e) {
            out.println("  missing in S3: " + uri);
            Files.deleteIfExists(partial);
            return false;
        }
        Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING);
        out.println("  " + to);
        return true;
    }
}

package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.cli.demo.ExampleAlbum;
import io.mixfarm.cli.standalone.StandaloneFarm;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.cli.submit.SessionSubmitter;
import io.mixfarm.cli.submit.SessionWatcher;
import io.mixfarm.contract.S3Uri;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code farm demo}: the whole farm in one command. Starts standalone mode (an in-JVM Kafka
 * broker, S3 endpoint, the coordinator and workers), writes an example album, submits it, follows
 * it to the end, downloads the masters and reports, measures them, and stops the farm.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the farm on an example album: start standalone mode, write an album of synthesized "
                + "stems (WAV and FLAC) with a session manifest (EQ, compression, buses, reverb, delay, album-mode "
                + "mastering), submit it, wait for every song, download the masters to DIR/masters and measure them.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the album, the farm's data and the masters (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("example");

    @Option(names = "--seconds", paramLabel = "S", description = "Length of each song (default: ${DEFAULT-VALUE}).")
    int seconds = 30;

    @Option(names = "--workers", paramLabel = "N", description = "Workers in the farm (default: ${DEFAULT-VALUE}).")
    int workers = 2;

    @Option(names = "--album-only", description = "Only write the example album (stems and album.yaml) and exit; "
            + "benchmarks use it to make their input.")
    boolean albumOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds: " + seconds + " is outside 1..3600");
        }
        if (workers < 1 || workers > 16) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers: " + workers + " is outside 1..16");
        }
        PrintStream out = System.out;
        Files.createDirectories(dir);
        Path manifest = ExampleAlbum.write(dir, seconds);
        out.println("Example album: " + manifest + " (stems under " + dir.resolve("stems") + ")");
        if (albumOnly) {
            return 0;
        }
        out.println("Starting the farm: Kafka broker, S3 endpoint, coordinator and " + workers + " workers...");
        try (StandaloneFarm farm = StandaloneFarm.start(
                new StandaloneFarm.Options(workers, dir.resolve("farm-data"), 0, "127.0.0.1", 1))) {
            out.println("Coordinator " + farm.coordinatorUrl() + ", S3 " + farm.s3Endpoint());
            CoordinatorClient coordinator = new CoordinatorClient(farm.coordinatorUrl(), farm.apiToken());
            try (S3Client s3 = farm.s3Client()) {
                String sessionId = SessionSubmitter.submit(manifest, s3, StandaloneFarm.STEMS_BUCKET,
                        StandaloneFarm.MASTERS_BUCKET, coordinator, out);
                out.println("Session " + sessionId + " submitted; following it:");
                SessionWatcher watcher = new SessionWatcher(coordinator, out, SessionWatcher.POLL_INTERVAL);
                JsonNode view = watcher.await(sessionId);
                boolean completed = watcher.summarize(view);
                List<Path> masters = download(s3, view, dir.resolve("masters"), out);
                if (!masters.isEmpty()) {
                    out.println();
                    out.println("Loudness of the downloaded WAV masters (BS.1770-4, measured again):");
                    List<String> args = new ArrayList<>(List.of("measure", "--album"));
                    masters.forEach(file -> args.add(file.toString()));
                    spec.commandLine().getParent().execute(args.toArray(String[]::new));
                }
                return completed ? 0 : 1;
            }
        }
    }

    /** Downloads every song's outputs and the album report; returns the WAV masters (the session-rate deliverable). */
    private static List<Path> download(S3Client s3, JsonNode view, Path into, PrintStream out) throws IOException {
        List<Path> wavMasters = new ArrayList<>();
        int files = 0;
        for (JsonNode song : view.path("songs")) {
            Path songDir = into.resolve(song.path("songId").asText());
            for (JsonNode output : song.path("outputs")) {
                String name = output.path("name").asText();
                Path file = fetch(s3, output.path("uri").asText(), songDir);
                files++;
                if (name.endsWith(".wav")) {
                    wavMasters.add(file);
                }
            }
        }
        if (view.hasNonNull("albumReport")) {
            fetch(s3, view.path("albumReport").asText(), into);
            files++;
        }
        out.println("Downloaded " + files + " files (masters, reports, plots) to " + into);
        return wavMasters;
    }

    private static Path fetch(S3Client s3, String uri, Path dir) throws IOException {
        S3Uri location = S3Uri.parseObject(uri);
        Files.createDirectories(dir);
        String key = location.key();
        Path file = dir.resolve(key.substring(key.lastIndexOf('/') + 1));
        Files.deleteIfExists(file);
        s3.getObject(GetObjectRequest.builder().bucket(location.bucket()).key(key).build(), file);
        return file;
    }
}

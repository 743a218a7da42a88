package io.mixfarm.cli;

import io.mixfarm.cli.standalone.StandaloneFarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code farm standalone}: a Kafka broker, an S3 endpoint, the coordinator and N workers in this JVM. */
@Command(name = "standalone",
        mixinStandardHelpOptions = true,
        description = "Runs a whole farm in one process until Ctrl-C: a Kafka broker, an S3 endpoint (files "
                + "under --data), the coordinator and the workers. Submit sessions with `farm submit`.")
public final class StandaloneCommand implements Callable<Integer> {

    @Option(names = "--workers", defaultValue = "2", description = "Number of workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--data", defaultValue = "farm-data", paramLabel = "DIR",
            description = "Directory for Kafka's log, the S3 buckets and the workers' scratch space (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
            description = "Port of the coordinator's HTTP API (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address the API listens on (default: ${DEFAULT-VALUE}); the API wants the token printed at start.")
    String host;

    @Option(names = "--slots", defaultValue = "0",
            description = "Songs each worker renders at once; 0: one per processor (default: ${DEFAULT-VALUE}).")
    int slots;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        out.println("Starting the farm (data in " + data.toAbsolutePath() + ") ...");
        StandaloneFarm farm = StandaloneFarm.start(new StandaloneFarm.Options(workers, data, port, host, slots));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the farm: workers drain, then the coordinator, S3 and Kafka ...");
            farm.close();
            System.out.println("Farm stopped.");
            stopped.countDown();
        }, "farm-shutdown"));
        out.println("Farm ready with " + workers + " worker(s).");
        out.println("  coordinator:   " + farm.coordinatorUrl());
        out.println("  dashboard:     " + farm.coordinatorUrl() + "/");
        out.println("  API token:     " + farm.apiToken());
        out.println("  metrics:       " + farm.coordinatorMetricsUrl() + " (coordinator)");
        farm.workerMetricsUrls().forEach((id, url) -> out.println("                 " + url + " (" + id + ")"));
        out.println("  S3 endpoint:   " + farm.s3Endpoint() + " (path-style)");
        out.println("  S3 region:     " + farm.s3Region());
        out.println("  S3 access key: " + farm.s3AccessKey());
        out.println("  S3 secret key: " + farm.s3SecretKey());
        out.println("Submit with:");
        out.println("  farm submit album.yaml --coordinator " + farm.coordinatorUrl() + " --token " + farm.apiToken()
                + " --s3-endpoint " + farm.s3Endpoint()
                + " --s3-access-key " + farm.s3AccessKey() + " --s3-secret-key " + farm.s3SecretKey() + " --wait");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }
}

package io.mixfarm.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixfarm.cli.submit.FarmS3;
import io.mixfarm.contract.Topics;
import io.mixfarm.embedded.EmbeddedKafka;
import io.mixfarm.embedded.EmbeddedS3;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The control-plane benchmark (issue #5): one session of many one-second songs through the
 * coordinator, Kafka and N workers, each component in its own JVM so its peak heap is its own.
 * This JVM hosts the Kafka broker and the S3 endpoint, uploads a handful of shared stems, starts
 * the coordinator and the workers as child JVMs, warms them up with a small session, then submits
 * the measured session and follows its completions on the task-events topic. Prints the
 * admission time, the end-to-end tasks per second (submit to the last song completed, and to the
 * coordinator reporting the session completed), each worker's share and each JVM's peak heap.
 *
 * <pre>java -cp farm.jar io.mixfarm.cli.bench.ControlPlaneBench [--songs 10000] [--workers 2]
 *     [--slots 0] [--warmup 200] [--sample-rate 8000] [--dir DIR] [--coordinator-heap 1g] [--worker-heap 512m] [--jfr]
 *     [--aot-training 2000] [--aot on|off]</pre>
 *
 * <p>On Java 25 or later the measured farm's JVMs start from AOT caches ({@link AotCache}) that a
 * training farm's JVMs (1 worker, {@code --aot-training} songs) wrote at their exit, as a
 * deployment would make them once per release; {@code --aot off} runs the same training farm
 * without caches, for comparison.
 */
public final class ControlPlaneBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The lowest rate a manifest allows: the least DSP per song, so the control plane is what is measured. */
    private static final int DEFAULT_RATE = 8_000;
    private static final String GROUP = "mixfarm-workers";
    private static final Duration RUN_LIMIT = Duration.ofMinutes(20);
    private static final String COORDINATOR = "coordinator";
    private static final String WORKER = "worker";

    private final Map<String, String> options;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ChildJvm> children = new ArrayList<>();
    /** The caches the measured farm's JVMs start from; null for none. */
    private AotCache aot;

    private ControlPlaneBench(Map<String, String> options) {
        this.options = options;
        this.dir = Path.of(options.getOrDefault("dir", "bench/out/control-plane")).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        int code = new ControlPlaneBench(options).run();
        System.exit(code);
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private int run() throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        // The training farm runs whether or not its JVMs write caches (--aot off), so that the
        // harness (broker, S3 endpoint) is as warm either way and the two can be compared.
        int training = option("aot-training", 2_000);
        boolean caches = AotCache.supported() && !options.getOrDefault("aot", "on").equals("off");
        if (training > 0) {
            AotCache cache = new AotCache(Files.createDirectories(dir.resolve("aot")));
            // a farm of its own, thrown away after: only the caches its JVMs write at exit are kept
            farm(dir.resolve("training"), 1, 0, training, c -> caches ? cache.training(c) : List.of(), false);
            aot = caches && cache.written(COORDINATOR, WORKER) ? cache : null;
        }
        System.out.println(aot != null
                ? "AOT cache: written by a training farm (1 worker, " + training + " songs); the measured farm's JVMs "
                + "are new processes that start from it"
                : "AOT cache: none (" + (!AotCache.supported() ? "needs Java " + AotCache.FIRST_FEATURE_RELEASE
                + " or later" : !caches ? "--aot off" : training == 0 ? "--aot-training 0" : "the training wrote none")
                + ")" + (training > 0 ? "; the harness was warmed by a training farm of " + training + " songs" : ""));
        Function<String, List<String>> options = component -> aot == null ? List.of() : aot.use(component);
        return farm(dir, option("workers", 2), option("warmup", 200), option("songs", 10_000), options, true);
    }

    /**
     * Starts a farm under {@code at} (broker, S3 endpoint, coordinator, {@code workers} workers,
     * each component's JVM with {@code jvmOptions} of its component), warms it up with a session of
     * {@code warmup} songs, runs a session of {@code songs} and stops it; {@code report}: print
     * the figures, else only the rate.
     */
    private int farm(Path at, int workers, int warmup, int songs, Function<String, List<String>> jvmOptions,
                     boolean report) throws Exception {
        Files.createDirectories(at);
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try (EmbeddedKafka kafka = EmbeddedKafka.startIn(at.resolve("kafka"), 0);
             EmbeddedS3 s3 = EmbeddedS3.startIn(at.resolve("s3"), 0, "bench", secret)) {
            List<String> stems;
            try (S3Client client = FarmS3.client(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey())) {
                client.createBucket(b -> b.bucket("stems"));
                client.createBucket(b -> b.bucket("masters"));
                stems = BenchSession.uploadStems(client, "stems", Files.createDirectories(at.resolve("stems")),
                        option("sample-rate", DEFAULT_RATE));
            }
            Map<String, String> env = Map.of("MIXFARM_S3_ACCESS_KEY", s3.accessKey(), "MIXFARM_S3_SECRET_KEY", s3.secretKey());
            int port = freePort();
            ChildJvm coordinator = startCoordinator(at, kafka, s3, env, port, jvmOptions.apply(COORDINATOR));
            URI api = URI.create("http://127.0.0.1:" + port);
            awaitReady(coordinator, api);
            List<ChildJvm> workerJvms = new ArrayList<>();
            for (int i = 1; i <= workers; i++) {
                workerJvms.add(startWorker(at, "worker-" + i, kafka, s3, env, jvmOptions.apply(WORKER)));
            }
            awaitGroup(kafka, workerJvms);
            if (warmup > 0) {
                Result warm = session(api, kafka, "warmup", warmup, stems);
                System.out.printf("warm-up: %d songs, %.1f tasks/s%n", warmup, warm.tasksPerSecond());
            }
            if (!report) {
                Result trained = session(api, kafka, "training", songs, stems);
                System.out.printf("training: %d songs, %.1f tasks/s%n", songs, trained.tasksPerSecond());
                stop(coordinator);
                for (ChildJvm w : workerJvms) {
                    stop(w); // each JVM writes its cache as it exits
                }
                return 0;
            }
            Map<String, Duration> cpuBefore = cpu(coordinator, workerJvms, Duration.ZERO);
            Map<String, Long> requestsBefore = BrokerRequests.counts();
            Result measured = session(api, kafka, "control-plane", songs, stems);
            Map<String, Duration> cpuAfter = cpu(coordinator, workerJvms, measured.watchCpu);
            Map<String, Long> requestsAfter = BrokerRequests.counts();
            print(songs, workers, measured);
            printCpu(songs, cpuBefore, cpuAfter);
            System.out.println("broker requests per song (the bench's watch included): "
                    + BrokerRequests.perSong(requestsBefore, requestsAfter, songs));
            System.out.printf("cpu of the bench's own event watch (in the harness JVM, not counted above): %.1f s%n",
                    measured.watchCpu.toNanos() / 1e9);
            System.out.println("coordinator: " + stop(coordinator));
            for (ChildJvm w : workerJvms) {
                System.out.println(w.name() + ":    " + stop(w));
            }
            return 0;
        } finally {
            children.forEach(ChildJvm::close);
            children.clear();
        }
    }

    private void print(int songs, int workers, Result r) {
        System.out.printf("session: %d one-second songs at %d Hz, %d workers, %d cores%n", songs,
                option("sample-rate", DEFAULT_RATE), workers, Runtime.getRuntime().availableProcessors());
        System.out.printf("admission (POST until 202):          %8.2f s%n", r.admitSeconds);
        System.out.printf("submit to last song completed:       %8.2f s%n", r.lastCompletedSeconds);
        System.out.printf("submit to session COMPLETED:         %8.2f s%n", r.sessionCompletedSeconds);
        System.out.printf("end to end: %.1f tasks/s%n", r.tasksPerSecond());
        System.out.printf("after admission: %.1f tasks/s%n", songs / (r.lastCompletedSeconds - r.admitSeconds));
        System.out.printf("second half of the songs: %.1f tasks/s (the JVMs' JIT has mostly settled by then)%n",
                r.secondHalfTasksPerSecond());
        System.out.println("completions by worker: " + r.byWorker);
    }

    /**
     * CPU time used so far by each child and by this JVM (the broker and S3 endpoint), less
     * {@code watchCpu}, what the bench's own event watch has used in this JVM.
     */
    private static Map<String, Duration> cpu(ChildJvm coordinator, List<ChildJvm> workers, Duration watchCpu) {
        Map<String, Duration> cpu = new java.util.LinkedHashMap<>();
        cpu.put("coordinator", coordinator.cpu());
        workers.forEach(w -> cpu.put(w.name(), w.cpu()));
        cpu.put("broker+S3 (harness JVM)",
                ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(watchCpu));
        return cpu;
    }

    /**
     * CPU per song by component: on a shared, busy machine the wall-clock rate depends on the
     * neighbours, the CPU cost does not. The bound is what the cores could do if they ran only the farm.
     */
    private static void printCpu(int songs, Map<String, Duration> before, Map<String, Duration> after) {
        double total = 0;
        for (var e : after.entrySet()) {
            double seconds = (e.getValue().toNanos() - before.get(e.getKey()).toNanos()) / 1e9;
            total += seconds;
            System.out.printf("cpu %-26s %8.1f s  %6.2f ms/song%n", e.getKey() + ":", seconds, seconds * 1000 / songs);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("cpu total: %.1f s, %.2f ms/song; all %d cores on the farm alone: at most %.0f tasks/s%n",
                total, total * 1000 / songs, cores, songs * cores / total);
    }

    private ChildJvm startCoordinator(Path at, EmbeddedKafka kafka, EmbeddedS3 s3, Map<String, String> env, int port,
                                      List<String> jvmOptions) throws IOException {
        String p = "mixfarm.coordinator.";
        Map<String, String> props = new HashMap<>();
        props.put(p + "http.host", "127.0.0.1");
        props.put(p + "http.port", String.valueOf(port));
        props.put(p + "auth.disabled", "true"); // the harness's own coordinator on loopback
        props.put(p + "metrics.port", "0");
        props.put(p + "kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put(p + "s3.endpoint", s3.endpoint().toString());
        props.put(p + "s3.region", s3.region());
        props.put(p + "s3.path-style", "true");
        props.put(p + "s3.output-base", "s3://masters/");
        return child(at, COORDINATOR, "io.mixfarm.coordinator.CoordinatorMain", props, env,
                options.getOrDefault("coordinator-heap", "1g"), jvmOptions);
    }

    private ChildJvm startWorker(Path at, String id, EmbeddedKafka kafka, EmbeddedS3 s3, Map<String, String> env,
                                 List<String> jvmOptions) throws IOException {
        String p = "mixfarm.worker.";
        Map<String, String> props = new HashMap<>();
        props.put(p + "id", id);
        props.put(p + "slots", String.valueOf(option("slots", 0)));
        props.put(p + "metrics.port", "0"); // two workers on one host
        props.put(p + "kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put(p + "scratch-dir", at.resolve("scratch").toString());
        props.put(p + "s3.endpoint", s3.endpoint().toString());
        props.put(p + "s3.region", s3.region());
        props.put(p + "s3.path-style", "true");
        return child(at, id, "io.mixfarm.worker.WorkerMain", props, env, options.getOrDefault("worker-heap", "512m"),
                jvmOptions);
    }

    private ChildJvm child(Path at, String name, String main, Map<String, String> props, Map<String, String> env,
                           String heap, List<String> jvmOptions) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC"));
        jvm.addAll(jvmOptions);
        if (options.containsKey("jfr")) {
            jvm.add("-XX:StartFlightRecording=filename=" + at.resolve(name + ".jfr") + ",settings=profile");
        }
        ChildJvm c = ChildJvm.start(name, main, props, env, jvm, at);
        children.add(c);
        return c;
    }

    private void awaitReady(ChildJvm coordinator, URI api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!coordinator.alive()) {
                throw new IllegalStateException("the coordinator exited; see " + coordinator.log());
            }
            try {
                var r = http.send(HttpRequest.newBuilder(api.resolve("/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not bound yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the coordinator was not ready within 2 minutes; see " + coordinator.log());
    }

    /** Waits until every worker is in the consumer group with partitions of its own. */
    private static void awaitGroup(EmbeddedKafka kafka, List<ChildJvm> workers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                for (ChildJvm w : workers) {
                    if (!w.alive()) {
                        throw new IllegalStateException(w.name() + " exited; see " + w.log());
                    }
                }
                try {
                    var group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                    long holding = group.members().stream()
                            .filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
                    if (holding == workers.size()) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException notYet) {
                    // the group does not exist until the first worker joins
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the workers did not all get partitions within 2 minutes");
    }

    /** Submits one session and follows it to its end. */
    private Result session(URI api, EmbeddedKafka kafka, String id, int songs, List<String> stems) throws Exception {
        String manifest = BenchSession.manifest(id, songs, stems, option("sample-rate", DEFAULT_RATE));
        Topics topics = Topics.defaults();
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api.resolve("/api/v1/sessions"))
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(manifest)).build(), HttpResponse.BodyHandlers.ofString());
        long admitted = System.nanoTime();
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("submission refused: " + answer.statusCode() + " " + answer.body());
        }
        String sessionId = JSON.readTree(answer.body()).path("sessionId").asText();
        System.out.printf("  %s: %d songs admitted in %.2f s%n", id, songs, (admitted - start) / 1e9);
        try (CompletionWatch watch = new CompletionWatch(kafka.bootstrapServers(), topics.taskEvents(),
                topics.partitions(), sessionId, songs)) {
            long deadline = start + RUN_LIMIT.toNanos();
            int done = 0;
            long lastReport = System.nanoTime();
            while (done < songs) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + done + " of " + songs + " songs completed within " + RUN_LIMIT);
                }
                done = watch.poll(Duration.ofMillis(200));
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("  %s: %d of %d songs completed after %.0f s%n", id, done, songs,
                            (lastReport - start) / 1e9);
                }
            }
            long ended = awaitSessionEnd(api, sessionId, deadline);
            return new Result(songs, (admitted - start) / 1e9, (watch.lastCompletionNanos() - start) / 1e9,
                    (ended - start) / 1e9, watch.secondHalfTasksPerSecond(), watch.completionsByWorker(), watch.cpu());
        }
    }

    /** Polls the session list (small: counts, not songs) until the session is COMPLETED. */
    private long awaitSessionEnd(URI api, String sessionId, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("/api/v1/sessions?limit=20")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode s : JSON.readTree(r.body()).path("sessions")) {
                if (s.path("sessionId").asText().equals(sessionId)) {
                    String state = s.path("state").asText();
                    if (state.equals("COMPLETED")) {
                        return System.nanoTime();
                    }
                    if (state.equals("FAILED") || state.equals("CANCELLED")) {
                        throw new IllegalStateException("session " + sessionId + " ended " + state + ": " + s);
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("session " + sessionId + " was not COMPLETED in time");
    }

    private static String stop(ChildJvm child) throws Exception {
        return child.stop().map(ChildJvm.Heap::describe).orElse("no heap report (see " + child.log() + ")");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private record Result(int songs, double admitSeconds, double lastCompletedSeconds, double sessionCompletedSeconds,
                          double secondHalfTasksPerSecond, Map<String, Integer> byWorker, Duration watchCpu) {
        double tasksPerSecond() {
            return songs / lastCompletedSeconds;
        }
    }
}

package io.mixfarm.cli;

import io.mixfarm.embedded.EmbeddedKafka;
import io.mixfarm.embedded.EmbeddedS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The container roles as a container runs them: {@code farm coordinator} and {@code farm worker}
 * in their own JVMs, configured only through the environment names of reference.conf, against a
 * real broker and S3 endpoint; SIGTERM stops each gracefully (the JVM's 143, not a hang or a kill).
 */
class RoleProcessesTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void coordinatorAndWorkerRunFromTheEnvironmentAndStopOnSigterm() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startIn(dir.resolve("kafka"), 0);
             EmbeddedS3 s3 = EmbeddedS3.startIn(dir.resolve("s3"), 0, "roles", "roles-secret-key")) {
            Map<String, String> common = Map.of(
                    "MIXFARM_TOPIC_PREFIX", "roles",
                    "MIXFARM_TOPIC_PARTITIONS", "2",
                    "MIXFARM_S3_ENDPOINT", s3.endpoint().toString(),
                    "MIXFARM_S3_PATH_STYLE", "true",
                    "MIXFARM_S3_ACCESS_KEY", s3.accessKey(),
                    "MIXFARM_S3_SECRET_KEY", s3.secretKey(),
                    "MIXFARM_METRICS_PORT", "0");
            Map<String, String> coordinatorEnv = new HashMap<>(common);
            coordinatorEnv.put("MIXFARM_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            coordinatorEnv.put("MIXFARM_HTTP_PORT", "0");
            coordinatorEnv.put("MIXFARM_HTTP_HOST", "127.0.0.1");
            coordinatorEnv.put("MIXFARM_API_TOKEN", "role-process-test-token");
            Map<String, String> workerEnv = new HashMap<>(common);
            workerEnv.put("MIXFARM_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            workerEnv.put("MIXFARM_WORKER_ID", "role-worker-1");
            workerEnv.put("MIXFARM_WORKER_SLOTS", "1");
            workerEnv.put("MIXFARM_WORKER_SCRATCH_DIR", dir.resolve("scratch").toString());
            workerEnv.put("MIXFARM_WORKER_DRAIN_DEADLINE", "5s");

            // Both JVMs start at once (most of the time is class loading); the worker needs no coordinator.
            Running coordinator = start(coordinatorEnv, "coordinator");
            Running worker = start(workerEnv, "worker");
            String line = coordinator.awaitLine(Pattern.compile("listening on http://\\S+"));
            URI url = URI.create(line.replaceFirst(".*listening on ", "").trim());
            awaitReady(url.resolve("/health/ready"));
            worker.awaitLine(Pattern.compile("Mixfarm worker role-worker-1 started"));

            worker.process.destroy();
            assertTrue(worker.process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS), "the worker drains and exits");
            assertEquals(143, worker.process.exitValue(), "SIGTERM ends the worker through the JVM's shutdown\n" + worker.output());
            coordinator.process.destroy();
            assertTrue(coordinator.process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS), "the coordinator closes and exits");
            assertEquals(143, coordinator.process.exitValue(), coordinator.output());
        }
    }

    private static void awaitReady(URI ready) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START.toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            try {
                status = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail(ready + " did not answer 200 within " + START.toSeconds() + " s (last status " + status + ")");
    }

    /** A role's JVM and the lines it printed. */
    private static final class Running {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final StringBuffer all = new StringBuffer();

        Running(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        all.append(line).append('\n');
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "role-output");
            reader.setDaemon(true);
            reader.start();
        }

        String awaitLine(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && pattern.matcher(line).find()) {
                    return line;
                }
                if (line == null && !process.isAlive()) {
                    fail("exited with " + process.exitValue() + " before printing " + pattern + ":\n" + all);
                }
            }
            return fail("no line matching " + pattern + " within " + START.toSeconds() + " s:\n" + all);
        }

        String output() {
            return all.toString();
        }
    }

    private Running start(Map<String, String> env, String role) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-Xss4m", "-cp", System.getProperty("java.class.path"),
                FarmCli.class.getName(), role).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return new Running(process);
    }
}

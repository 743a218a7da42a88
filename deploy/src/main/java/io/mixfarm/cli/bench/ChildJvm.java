package io.mixfarm.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One farm component in its own JVM (this JVM's java and classpath) under {@link HeapWatch},
 * its output in a log file; stopping it (SIGTERM) yields the heap it reported.
 */
final class ChildJvm implements AutoCloseable {

    private static final Pattern HEAP = Pattern.compile(HeapWatch.LINE + " peakUsed=(\\d+) peakAfterGc=(\\d+) max=(-?\\d+) jitMs=(-?\\d+)");

    /** The heap a child reported at exit, bytes, and its JIT compilers' time over its life (warm-up included). */
    record Heap(long peakUsed, long peakAfterGc, long max, long jitMillis) {
        String describe() {
            return String.format("peak used %5.0f MiB, peak after GC %5.0f MiB (max %d MiB); "
                            + "in JIT compilations %.1f s (elapsed, whole life)",
                    peakUsed / 1048576.0, peakAfterGc / 1048576.0, max / 1048576, jitMillis / 1000.0);
        }
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with system properties {@code props} and environment {@code env}
     * (its configuration; secrets go in the environment, not on the command line) and
     * {@code jvmOptions} (heap size, JFR, ...).
     */
    static ChildJvm start(String name, String mainClass, Map<String, String> props, Map<String, String> env,
                          List<String> jvmOptions, Path logDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HeapWatch.class.getName());
        command.add(mainClass);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        return new ChildJvm(name, process, log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the child has used so far. */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until the child's log has a line containing {@code text}; false if it died or time ran out. */
    boolean awaitLog(String text, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** SIGTERM, wait for the exit (then SIGKILL), and the heap line of its log. */
    Optional<Heap> stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Matcher m = HEAP.matcher(Files.readString(log));
        Heap heap = null;
        while (m.find()) {
            heap = new Heap(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)));
        }
        return Optional.ofNullable(heap);
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}

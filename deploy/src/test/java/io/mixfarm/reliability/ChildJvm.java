package io.mixfarm.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A farm component in its own JVM ({@code WorkerMain} or {@code CoordinatorMain} on this test's
 * class path, configured by {@code -D} properties), its output in a log file. {@link #kill()} is
 * SIGKILL, {@link #terminate(Duration)} SIGTERM.
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private final Path gcLog;

    private ChildJvm(String name, Process process, Path log, Path gcLog) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
    }

    /**
     * Starts {@code mainClass} with {@code settings} as system properties under {@code prefix}
     * (e.g. {@code mixfarm.worker}) and a small heap.
     */
    static ChildJvm start(String name, String mainClass, String prefix, Map<String, ?> settings, Path logDir,
                          String maxHeap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseSerialGC");
        String stamp = name + "-" + System.nanoTime();
        Path gcLog = logDir.resolve(stamp + "-gc.log");
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        settings.forEach((key, value) -> command.add("-D" + prefix + "." + key + "=" + value));
        command.add(mainClass);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(stamp + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildJvm(name, process, log, gcLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The log so far, for assertion messages. */
    String logText() {
        try {
            String text = Files.readString(log);
            return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * The most heap in use the JVM's GC log shows (the occupancy before each collection, in MiB),
     * or -1 before the first collection.
     */
    long peakHeapMib() throws IOException {
        long peak = -1;
        Matcher m = GC_LINE.matcher(Files.exists(gcLog) ? Files.readString(gcLog) : "");
        while (m.find()) {
            peak = Math.max(peak, Math.max(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
        }
        return peak;
    }

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

    /** SIGKILL: the process gets no chance to clean up. Returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM (the JVM runs its shutdown hooks) and waits up to {@code patience}.
     *
     * @return the exit code, or -1 when still running after {@code patience}
     */
    int terminate(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return process.exitValue();
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

package io.mixfarm.ops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs Prometheus' promtool (Debian package {@code prometheus}); fails clearly when it is missing. */
final class Promtool {

    private Promtool() {
    }

    /** Runs {@code promtool args...} in {@code dir} and asserts it succeeds; returns its output. */
    static String succeed(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "promtool did not finish: " + command);
            assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + out);
            return out;
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("promtool is not installed (not on PATH): install the Debian package "
                + "`prometheus` (.ci/run does) to validate and unit-test deploy/prometheus/alerts.yml");
    }
}

package io.mixfarm.engine.codec.wav;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs ffmpeg, ffprobe and sox as independent oracles. A missing tool fails the test with a
 * clear message instead of skipping it silently.
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** Fails unless {@code tool} is an executable on the PATH. */
    public static void require(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        fail(tool + " is not installed (not on PATH " + path + "); these interop tests need it as an oracle");
    }

    /** Runs a command, asserts it exits 0 within {@code timeoutSeconds}, and returns its stdout. */
    public static String run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        require(command[0]);
        Path output = Files.createTempFile("tool-", ".out");
        Path errors = Files.createTempFile("tool-", ".err");
        try {
            Process process = new ProcessBuilder(List.of(command))
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            String stderr = Files.readString(errors, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + stderr);
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    /** {@code key=value} of an ffprobe stream entry, e.g. {@code probe(file, "sample_rate")}. */
    public static String probe(Path file, String entry) throws IOException, InterruptedException {
        return run(30, "ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                "stream=" + entry, "-of", "default=noprint_wrappers=1:nokey=1", file.toString()).trim();
    }
}

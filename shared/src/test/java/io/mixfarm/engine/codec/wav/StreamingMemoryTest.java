package io.mixfarm.engine.codec.wav;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory does not depend on file length: a child JVM with a 64 MB heap writes and reads back a
 * 300 MB WAV file through WavWriter and WavReader, checking every sample by checksum.
 */
@Tag("slow")
class StreamingMemoryTest {
    private static final long FRAMES = 50_000_000; // 6 bytes per frame: 300 MB

    @TempDir
    Path dir;

    @Test
    void fileFiveTimesTheHeapStreamsThroughAChildJvm() throws Exception {
        Path file = dir.resolve("stream.wav");
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StreamingCheckMain.class.getName(), file.toString(), Long.toString(FRAMES)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertTrue(child.waitFor(180, TimeUnit.SECONDS), "child JVM did not finish in 180 s");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), "child JVM failed:\n" + output);
            assertTrue(Files.size(file) > 300_000_000L, "file really was written: " + Files.size(file));
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(file);
        }
    }
}

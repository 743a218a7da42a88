package io.mixfarm.engine.mix;

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
 * Memory is bounded by the stem count, not the song's length: a child JVM with a 48 MB heap
 * renders 64 stems × 20 s at 96 kHz (1.97 GB of stem audio as doubles, 40 times the heap) with
 * filters, EQ, compressors, a group bus and a reverb, to a real WAV file. The full-size run
 * (64 stems × 10 minutes at 96 kHz in a 1 GiB heap) is {@code bench/render-memory.sh}.
 */
@Tag("slow")
class RenderMemoryTest {

    @TempDir
    Path dir;

    @Test
    void sixtyFourStemsRenderInASmallHeap() throws Exception {
        Path file = dir.resolve("mix.wav");
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                RenderMemoryMain.class.getName(), "64", "20", "96000", file.toString(), "2"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertTrue(child.waitFor(170, TimeUnit.SECONDS), "child JVM did not finish in 170 s");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), "child JVM failed:\n" + output);
            long expectedBytes = (20L * 96_000 + Math.round(3.0 * 96_000)) * 2 * 4; // stems + ~3 s reverb tail
            assertTrue(Files.size(file) > expectedBytes, "the whole mix was written: " + Files.size(file) + " bytes; " + output);
        } finally {
            child.destroyForcibly();
        }
    }
}

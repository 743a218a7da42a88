package io.mixfarm.coordinator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Had a hostile stem reached a worker anyway (replaced in S3 after admission), its decoders must
 * not trust declared sizes: every file of {@link HostileStemTest}'s corpus, plus NaN samples and
 * a truncated FLAC, is read to the end in a separate JVM with a 32 MiB heap, the way a worker's
 * mixdown reads stems. Each one is refused with a message or read (those only the admission
 * limits refuse); none crashes the JVM or runs it out of memory.
 */
class HostileStemHeapTest {

    @TempDir
    Path dir;

    @Test
    void hostileStemsAreRefusedWithinA32MiBHeap() throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        HostileStemTest.hostile().map(Arguments::get).forEach(a -> files.put((String) a[1], (byte[]) a[2]));
        byte[] flac = TestAudio.flac(44100, 2, 2.0);
        files.put("cut.flac", java.util.Arrays.copyOf(flac, flac.length / 2));
        files.put("header-claims-all.flac", HostileStems.flacDeclaring(java.util.Arrays.copyOf(flac, 2000), (1L << 36) - 1));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        Map<String, String> outcome = decodeInSmallHeap(dir);
        assertEquals(files.keySet(), outcome.keySet(), outcome.toString());
        for (String refused : List.of("empty.wav", "notes.wav", "noise.flac", "cut.wav", "header-only.wav", "four-gib.wav",
                "terabyte.wav", "channels-65535.wav", "channels-0.wav", "rate-0.wav", "rate-huge.wav", "align.wav",
                "bits-0.wav", "mp3.wav", "frames.aiff", "cut.flac", "header-claims-all.flac", "long.flac", "eight.flac")) {
            assertTrue(outcome.get(refused).startsWith("REFUSED"), refused + ": " + outcome.get(refused));
        }
        // Only the admission's limits refuse these; read to the end, they are audio.
        for (String read : List.of("surround.wav", "long.wav", "big.wav", "chunky.wav")) {
            assertTrue(outcome.get(read).startsWith("OK"), read + ": " + outcome.get(read));
        }
    }

    private static Map<String, String> decodeInSmallHeap(Path dir) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx32m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), DecodeAllMain.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the decoding JVM ended");
        assertEquals(0, p.exitValue(), "no crash, no OutOfMemoryError:\n" + output);
        Map<String, String> outcome = new HashMap<>();
        for (String line : output.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                outcome.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return outcome;
    }
}

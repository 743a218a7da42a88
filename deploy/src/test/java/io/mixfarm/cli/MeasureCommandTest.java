package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code farm measure} end to end: real files written by the engine, output parsed back. */
class MeasureCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A 1 kHz sine at {@code peakDbfs} on both channels reads peakDbfs LUFS (+/- the K-weighting at 1 kHz). */
    private Path sine(String name, Container container, SampleFormat format, int rate, double peakDbfs, double seconds)
            throws IOException {
        Path file = dir.resolve(name);
        double amplitude = Math.pow(10, peakDbfs / 20);
        int frames = (int) (rate * seconds);
        double[][] block = new double[2][frames];
        for (int i = 0; i < frames; i++) {
            block[0][i] = block[1][i] = amplitude * Math.sin(2 * Math.PI * 997 * i / rate);
        }
        try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(container, rate, 2, format))) {
            writer.write(block, frames);
        }
        return file;
    }

    private record Run(int exitCode, String stdout) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = FarmCli.run(args);
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void jsonHasOneObjectPerFileWithTheDocumentedKeys() throws Exception {
        Path wav = sine("a.wav", Container.WAV, SampleFormat.PCM_24, 48_000, -23, 5);
        Path flac = sine("b.flac", Container.FLAC, SampleFormat.PCM_16, 44_100, -33, 5);
        Run run = run("measure", "--json", wav.toString(), flac.toString());
        assertEquals(0, run.exitCode(), run.stdout());
        JsonNode array = JSON.readTree(run.stdout());
        assertEquals(2, array.size());
        JsonNode a = array.get(0);
        assertEquals(wav.toString(), a.get("file").asText(), "results keep the order given");
        assertEquals(-23.0, a.get("integratedLufs").asDouble(), 0.05);
        assertEquals(-23.0, a.get("truePeakDbtp").asDouble(), 0.05);
        assertEquals(-23.0, a.get("samplePeakDbfs").asDouble(), 0.05);
        assertEquals(0.0, a.get("loudnessRangeLu").asDouble(), 0.1);
        assertEquals(48_000, a.get("sampleRate").asInt());
        assertEquals(2, a.get("channels").asInt());
        assertEquals(5.0, a.get("durationSeconds").asDouble(), 1e-9);
        assertFalse(a.has("error"));
        assertEquals(-33.0, array.get(1).get("integratedLufs").asDouble(), 0.05);
        assertEquals(44_100, array.get(1).get("sampleRate").asInt());
    }

    @Test
    void aBadFileGetsAReasonTheOthersAreStillMeasuredAndTheExitCodeIsNonZero() throws Exception {
        Path good = sine("good.wav", Container.WAV, SampleFormat.FLOAT_32, 48_000, -20, 3);
        Path text = Files.writeString(dir.resolve("notes.wav"), "this is not audio");
        Path truncated = dir.resolve("truncated.wav");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path missing = dir.resolve("missing.flac");

        Run run = run("measure", "--json", text.toString(), good.toString(), truncated.toString(), missing.toString());
        assertEquals(1, run.exitCode());
        JsonNode array = JSON.readTree(run.stdout());
        assertEquals(4, array.size());
        assertTrue(array.get(0).get("error").asText().startsWith("not a WAV, RF64, AIFF or FLAC file"),
                array.get(0).toString());
        assertEquals(-20.0, array.get(1).get("integratedLufs").asDouble(), 0.05);
        assertTrue(array.get(2).get("error").asText().contains("truncated"), array.get(2).toString());
        assertEquals("no such file", array.get(3).get("error").asText());
    }

    @Test
    void textModePrintsOneLinePerFileAndTheAlbumLine() throws Exception {
        Path loud = sine("loud.wav", Container.WAV, SampleFormat.PCM_16, 48_000, -14, 4);
        Path quiet = sine("quiet.wav", Container.WAV, SampleFormat.PCM_16, 48_000, -20, 4);
        Run run = run("measure", "--album", loud.toString(), quiet.toString());
        assertEquals(0, run.exitCode(), run.stdout());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(3, lines.size(), run.stdout());
        assertTrue(lines.get(0).startsWith(loud.toString()) && lines.get(0).contains("I  -14.0 LUFS"), lines.get(0));
        assertTrue(lines.get(1).contains("I  -20.0 LUFS"), lines.get(1));
        // Pooled: equal durations, quiet blocks 6 LU down pass the relative gate, so the album
        // is the power mean (-15.97), not the average of the two (-17.0).
        assertTrue(lines.get(2).startsWith("album") && lines.get(2).contains("I  -16.0 LUFS"), lines.get(2));
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("measure", "demo")) {
            Run run = run(command, "--help");
            assertEquals(0, run.exitCode());
            assertTrue(run.stdout().contains("Usage: farm " + command), run.stdout());
        }
    }
}

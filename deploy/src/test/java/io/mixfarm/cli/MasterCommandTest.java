package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioReader;
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
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code farm master} end to end on files the test writes, the outputs read back and measured. */
class MasterCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Band-limited noise with a slow swell, {@code channels} channels, at about {@code levelDb} dBFS RMS. */
    private Path music(String name, int channels, int rate, double levelDb, double seconds) throws IOException {
        Path file = dir.resolve(name);
        int frames = (int) (rate * seconds);
        double[][] x = new double[channels][frames];
        Random random = new Random(name.hashCode());
        double g = Math.pow(10, levelDb / 20);
        for (int c = 0; c < channels; c++) {
            double low = 0;
            for (int i = 0; i < frames; i++) {
                low += 0.3 * (random.nextGaussian() - low);
                x[c][i] = g * low * (0.8 + 0.2 * Math.sin(2 * Math.PI * 0.3 * i / rate));
            }
        }
        try (AudioWriter w = AudioFiles.create(file, new WriteSpec(Container.WAV, rate, channels, SampleFormat.PCM_24))) {
            w.write(x, frames);
        }
        return file;
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = FarmCli.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void mastersToThePresetAndWritesTheReportBesideTheOutput() throws Exception {
        Path in = music("song.wav", 2, 48_000, -30, 12);
        Path out = dir.resolve("song-master.flac");
        Run r = run("master", in.toString(), out.toString(), "--preset", "apple", "--bit-depth", "16", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode report = JSON.readTree(r.stdout());
        assertEquals("target-reached", report.get("outcome").asText());
        assertEquals(-16.0, report.get("targetLufs").asDouble());
        assertEquals("flac", report.at("/file/container").asText());
        LoudnessMeasurement m = LoudnessAnalyzer.measure(out);
        assertEquals(-16.0, m.integratedLufs(), 0.1);
        assertTrue(m.truePeakDbtp() <= -1.0, "true peak " + m.truePeakDbtp());
        assertEquals(16, m.info().bitsPerSample());
        JsonNode beside = JSON.readTree(Files.readString(dir.resolve("song-master.flac.report.json")));
        assertEquals(report.at("/output/integratedLufs"), beside.at("/output/integratedLufs"));
    }

    @Test
    void customTargetSampleRateAndMonoInput() throws Exception {
        Path in = music("mono.wav", 1, 44_100, -24, 10);
        Path out = dir.resolve("mono-out.wav");
        Run r = run("master", in.toString(), out.toString(), "--target-lufs", "-18", "--ceiling-dbtp", "-2",
                "--sample-rate", "48000");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("[target reached]"), r.stdout());
        LoudnessMeasurement m = LoudnessAnalyzer.measure(out);
        assertEquals(2, m.info().channels(), "mono becomes stereo");
        assertEquals(48_000, m.info().sampleRate());
        assertEquals(-18.0, m.integratedLufs(), 0.1);
        assertTrue(m.truePeakDbtp() <= -2.0);
        try (AudioReader reader = AudioFiles.open(out)) {
            assertEquals(480_000, reader.info().frames(), "length kept through rate conversion");
        }
    }

    @Test
    void moreThanTwoChannelsIsAClearError() throws Exception {
        Path in = music("surround.wav", 6, 48_000, -20, 2);
        Path out = dir.resolve("surround-out.wav");
        Run r = run("master", in.toString(), out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.stdout().contains("6 channels; mastering takes a mono or stereo file"), r.stdout());
        assertFalse(Files.exists(out));
    }

    @Test
    void unreachableTargetWithReportPolicyWritesNothingButTheReport() throws Exception {
        // quiet noise with rare loud clicks: a peak-to-loudness ratio far beyond 14 + 2 dB
        Path in = dir.resolve("clicks.wav");
        int rate = 48_000;
        double[][] x = new double[2][rate * 10];
        Random random = new Random(3);
        for (int i = 0; i < x[0].length; i++) {
            x[0][i] = x[1][i] = 0.003 * random.nextGaussian() + (i % rate == 0 ? 0.9 : 0);
        }
        try (AudioWriter w = AudioFiles.create(in, new WriteSpec(Container.WAV, rate, 2, SampleFormat.FLOAT_32))) {
            w.write(x, x[0].length);
        }
        Path out = dir.resolve("clicks-out.wav");
        Run r = run("master", in.toString(), out.toString(), "--max-limiting-db", "2", "--when-unreachable", "report",
                "--json");
        assertEquals(1, r.exitCode());
        JsonNode report = JSON.readTree(r.stdout());
        assertEquals("not-delivered", report.get("outcome").asText());
        assertTrue(report.get("policy").asText().startsWith("target not reachable within limits"));
        assertTrue(report.at("/output/integratedLufs").asDouble() < -20, "the loudness reachable is reported");
        assertFalse(Files.exists(out));
        assertTrue(Files.exists(dir.resolve("clicks-out.wav.report.json")));
    }

    @Test
    void batchModeMastersEveryFileIntoTheDirectory() throws Exception {
        Path a = music("a.wav", 2, 48_000, -20, 6);
        Path b = music("b.wav", 2, 44_100, -35, 6);
        Path outDir = dir.resolve("masters");
        Run r = run("master", "--out-dir", outDir.toString(), "--format", "flac", "-j", "2", a.toString(), b.toString());
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
        for (String name : new String[] {"a.flac", "b.flac"}) {
            LoudnessMeasurement m = LoudnessAnalyzer.measure(outDir.resolve(name));
            assertEquals(-14.0, m.integratedLufs(), 0.1, name);
            assertTrue(m.truePeakDbtp() <= -1.0, name);
        }
    }

    @Test
    void badOptionsAreRejected() {
        assertEquals(2, run("master", "a.wav", "b.mp3").exitCode());
        assertEquals(2, run("master", "a.wav", "b.flac", "--bit-depth", "32").exitCode());
        assertEquals(2, run("master", "a.wav", "b.wav", "--preset", "loud").exitCode());
        assertEquals(2, run("master", "a.wav").exitCode());
    }
}

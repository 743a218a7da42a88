package io.mixfarm.cli;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioInfo;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code farm render} end to end on a small album synthesized here: mono and stereo stems, WAV
 * and FLAC, one at 44.1 kHz in a 48 kHz session, group and effect buses; one song with a broken
 * stem fails alone.
 */
class RenderCommandTest {

    @TempDir
    Path dir;

    private static final String MANIFEST = """
            apiVersion: mixfarm/v1
            kind: Session
            id: little-album
            title: Little Album
            artist: The Tests
            sampleRate: 48000
            output: out/
            buses:
              - {id: drums, type: group, strip: {compressor: {thresholdDb: -12, ratio: 4}, faderDb: -1}}
              - {id: room, type: reverb, reverb: {decaySeconds: 0.6, preDelayMs: 10}}
              - {id: slap, type: delay, delay: {note: "1/8", tempoBpm: 120, feedback: 0.3, pingPong: true}}
            songs:
              - id: 01-first
                title: First
                stems:
                  - {id: kick, uri: stems/kick.wav, bus: drums, strip: {highPass: {freqHz: 30, slope: 24}, pan: -0.1}}
                  - id: keys
                    uri: stems/keys.flac
                    strip:
                      eq: [{type: bell, freqHz: 800, gainDb: 2, q: 1.2}]
                      width: 1.2
                      automation: [{timeSeconds: 0, faderDb: -6}, {timeSeconds: 1, faderDb: 0}]
                    sends: [{bus: room, levelDb: -12}, {bus: slap, levelDb: -18, preFader: true}]
                  - {id: vox, uri: stems/vox-44k.wav, sends: [{bus: room, levelDb: -10}]}
              - id: 02-broken
                title: Broken
                stems:
                  - {id: kick, uri: stems/kick.wav}
                  - {id: notes, uri: stems/notes.wav}
              - id: 03-last
                title: Last
                stems:
                  - {id: keys, uri: stems/keys.flac, strip: {balance: -0.3}}
            """;

    private Path album() throws IOException {
        Files.createDirectories(dir.resolve("stems"));
        write("stems/kick.wav", Container.WAV, 48000, 1, 2.0);
        write("stems/keys.flac", Container.FLAC, 48000, 2, 1.5);
        write("stems/vox-44k.wav", Container.WAV, 44100, 1, 2.5);
        Files.writeString(dir.resolve("stems/notes.wav"), "these are notes, not audio");
        Path manifest = dir.resolve("album.yaml");
        Files.writeString(manifest, MANIFEST);
        return manifest;
    }

    private void write(String name, Container container, int rate, int channels, double seconds) throws IOException {
        int frames = (int) (rate * seconds);
        double[][] x = new double[channels][frames];
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < frames; i++) {
                x[ch][i] = 0.3 * Math.sin(2 * Math.PI * (110 + 50 * ch) * i / rate) * Math.exp(-3.0 * (i % rate) / rate);
            }
        }
        try (AudioWriter w = AudioFiles.create(dir.resolve(name), new WriteSpec(container, rate, channels, SampleFormat.PCM_24))) {
            w.write(x, frames);
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = FarmCli.run(args);
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static AudioInfo info(Path file) throws IOException {
        try (AudioReader reader = AudioFiles.open(file)) {
            return reader.info();
        }
    }

    @Test
    void rendersEverySongItCanAndReportsTheOneItCannot() throws Exception {
        Path manifest = album();
        Path out = dir.resolve("mixes");
        Run run = run("render", manifest.toString(), "--out", out.toString());
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());

        AudioInfo first = info(out.resolve("01-first/mix.wav"));
        assertEquals(SampleFormat.FLOAT_32, first.format());
        assertEquals(2, first.channels());
        assertEquals(48000, first.sampleRate());
        // The longest stem (vox, 2.5 s at 44.1 kHz) plus the delay's and reverb's ring-out.
        assertTrue(first.frames() > 2.5 * 48000 + 1.2 * 48000, "stems plus effect tails: " + first.frames());
        assertEquals((long) (1.5 * 48000), info(out.resolve("03-last/mix.wav")).frames(), "no effects, no tail");
        assertFalse(Files.exists(out.resolve("02-broken/mix.wav")), "the failed song has no mix");
        assertFalse(Files.exists(out.resolve("02-broken/mix.wav.part")), "nor a partial one");

        assertTrue(run.stdout().contains("[1/3] 01-first: mixing 3 stems..."), run.stdout());
        assertTrue(run.stdout().contains("-> " + out.resolve("01-first/mix.wav")), run.stdout());
        assertTrue(run.stdout().contains("[3/3] 03-last: 0:01.5 of audio in "), run.stdout());
        assertTrue(run.stdout().contains("rendered 2 of 3 songs into " + out + "; 1 failed"), run.stdout());
        assertEquals("""
                [2/3] 02-broken: FAILED: song 02-broken cannot be rendered, 1 problem
                  songs[1].stems[1].uri: stems/notes.wav is not usable audio: not a WAV, RF64, AIFF or FLAC file (starts with 0x74686573)
                """, run.stderr());
    }

    @Test
    void songsCanBeChosenAndTheMixIsTheSameForAnyThreadCount() throws Exception {
        Path manifest = album();
        Run one = run("render", manifest.toString(), "--out", dir.resolve("one").toString(), "--song", "01-first", "-j", "1");
        Run three = run("render", manifest.toString(), "--out", dir.resolve("three").toString(), "--song", "01-first",
                "--song", "03-last", "--threads", "3");
        assertEquals(0, one.exitCode(), one.stderr());
        assertEquals(0, three.exitCode(), three.stderr());
        assertFalse(Files.exists(dir.resolve("one/03-last")), "only the chosen song");
        assertTrue(Files.exists(dir.resolve("three/03-last/mix.wav")));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("one/01-first/mix.wav")),
                Files.readAllBytes(dir.resolve("three/01-first/mix.wav"))), "bit-identical mixes");
    }

    @Test
    void anUnknownSongIsAUsageError() throws Exception {
        Path manifest = album();
        Run run = run("render", manifest.toString(), "--out", dir.resolve("x").toString(), "--song", "04-missing");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().startsWith("--song: no song \"04-missing\" in " + manifest
                + " (songs: 01-first, 02-broken, 03-last)"), run.stderr());
    }

    @Test
    void anInvalidManifestRendersNothing() throws Exception {
        Path manifest = dir.resolve("bad.yaml");
        Files.writeString(manifest, MANIFEST.replace("sampleRate: 48000", "sampleRate: 1000"));
        Run run = run("render", manifest.toString(), "--out", dir.resolve("x").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().startsWith("bad.yaml: invalid manifest, "), run.stderr());
        assertTrue(run.stderr().contains("sampleRate (line 6, column 1): 1000 is below 8000 Hz"), run.stderr());
        assertFalse(Files.exists(dir.resolve("x")));
    }
}

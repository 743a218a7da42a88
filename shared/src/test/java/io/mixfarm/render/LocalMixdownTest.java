package io.mixfarm.render;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.mix.MixRenderer;
import io.mixfarm.manifest.ManifestLoader;
import io.mixfarm.manifest.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A song from manifest to {@code mix.wav}: WAV and FLAC stems, float output, atomic file. */
class LocalMixdownTest {

    @TempDir
    Path dir;

    private static final String HEADER = """
            apiVersion: mixfarm/v1
            kind: Session
            id: album
            title: Album
            artist: Artist
            sampleRate: 48000
            output: out/
            songs:
              - id: song
                title: Song
                stems:
            """;

    @Test
    void unityStemsInAFloatFileSumWithinFloatRounding() throws Exception {
        int frames = 96_000;
        double[][] expected = new double[2][frames];
        StringBuilder yaml = new StringBuilder(HEADER);
        for (int s = 0; s < 6; s++) {
            double[][] x = StemFiles.noise(2, frames - 7000 * s, 0.2, s);
            boolean flac = s % 3 == 2;
            Path file = dir.resolve("stems/s" + s + (flac ? ".flac" : ".wav"));
            if (flac) {
                Files.createDirectories(file.getParent());
                try (AudioWriter w = AudioFiles.create(file, new WriteSpec(Container.FLAC, 48000, 2, SampleFormat.PCM_24))) {
                    w.write(x, x[0].length);
                }
            } else {
                StemFiles.write(file, 48000, SampleFormat.PCM_24, x);
            }
            for (int ch = 0; ch < 2; ch++) {
                for (int i = 0; i < x[0].length; i++) {
                    expected[ch][i] += x[ch][i];
                }
            }
            yaml.append("      - {id: s").append(s).append(", uri: ").append(dir.relativize(file)).append("}\n");
        }
        Session session = ManifestLoader.load(yaml.toString(), "album.yaml");
        LocalMixdown.SongMix mix;
        try (MixRenderer renderer = new MixRenderer(2)) {
            mix = new LocalMixdown(renderer).render(session, 0, dir, dir.resolve("out"));
        }
        assertEquals(dir.resolve("out/song/mix.wav"), mix.file());
        assertFalse(Files.exists(dir.resolve("out/song/mix.wav.part")), "no partial file is left");
        try (AudioReader reader = AudioFiles.open(mix.file())) {
            AudioInfo info = reader.info();
            assertEquals(SampleFormat.FLOAT_32, info.format());
            assertEquals(48000, info.sampleRate());
            assertEquals(2, info.channels());
            assertEquals(frames, info.frames());
        }
        double[][] out = StemFiles.read(mix.file());
        for (int ch = 0; ch < 2; ch++) {
            double err = 0;
            double ref = 0;
            for (int i = 0; i < frames; i++) {
                err += Math.pow(out[ch][i] - expected[ch][i], 2);
                ref += expected[ch][i] * expected[ch][i];
            }
            double residualDb = 10 * Math.log10(err / ref);
            assertTrue(residualDb < -120, "channel " + ch + " residual " + residualDb + " dB");
        }
    }

    @Test
    void aFailedRenderLeavesNoMixBehind() throws Exception {
        Files.createDirectories(dir.resolve("stems"));
        Files.writeString(dir.resolve("stems/bad.wav"), "not audio at all");
        Session session = ManifestLoader.load(HEADER + "      - {id: bad, uri: stems/bad.wav}\n", "album.yaml");
        try (MixRenderer renderer = new MixRenderer(1)) {
            assertThrows(RenderPlanException.class,
                    () -> new LocalMixdown(renderer).render(session, 0, dir, dir.resolve("out")));
        }
        assertFalse(Files.exists(dir.resolve("out/song/mix.wav")));
        assertFalse(Files.exists(dir.resolve("out/song/mix.wav.part")));
    }
}

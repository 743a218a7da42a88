package io.mixfarm.reliability;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Synthesized albums for the reliability tests: every song has two stereo WAV stems (a chord of
 * sines and seeded noise) and the manifest names them by local path, as {@code farm submit} takes it.
 */
final class RigAlbum {

    private static final int RATE = 48_000;

    private RigAlbum() {
    }

    /**
     * Writes {@code songs} songs of {@code seconds} each under {@code dir} and returns the manifest.
     * Songs are {@code song-01}, {@code song-02}, ...; the session id is {@code id}.
     */
    static Path write(Path dir, String id, int songs, double seconds, boolean albumMode) throws IOException {
        StringBuilder yaml = new StringBuilder();
        yaml.append("apiVersion: mixfarm/v1\nkind: Session\n");
        yaml.append("id: ").append(id).append('\n');
        yaml.append("title: Reliability Album\nartist: Test Artist\nsampleRate: 48000\n");
        yaml.append("output: masters/").append(id).append("/\n");
        yaml.append("mastering:\n  preset: streaming\n  albumMode: ").append(albumMode).append('\n');
        yaml.append("songs:\n");
        for (int s = 1; s <= songs; s++) {
            String song = songId(s);
            Path stems = Files.createDirectories(dir.resolve("stems").resolve(song));
            writeStem(stems.resolve("tone.wav"), seconds, 110.0 * (1 + s % 5), 0.2, s);
            writeStem(stems.resolve("noise.wav"), seconds, 0, 0.05 + 0.01 * (s % 4), 1000 + s);
            yaml.append("  - id: ").append(song).append('\n');
            yaml.append("    title: Song ").append(s).append('\n');
            yaml.append("    stems:\n");
            yaml.append("      - {id: tone, uri: stems/").append(song).append("/tone.wav}\n");
            yaml.append("      - {id: noise, uri: stems/").append(song).append("/noise.wav}\n");
        }
        Path manifest = dir.resolve(id + ".yaml");
        Files.writeString(manifest, yaml.toString());
        return manifest;
    }

    /**
     * A large session whose songs all use the same two stems (uploaded once, by content): for
     * control-plane load, where the audio matters less than the number of songs.
     */
    static Path writeShared(Path dir, String id, int songs, double seconds) throws IOException {
        Path stems = Files.createDirectories(dir.resolve("stems").resolve("shared"));
        writeStem(stems.resolve("tone.wav"), seconds, 220, 0.2, 7);
        writeStem(stems.resolve("noise.wav"), seconds, 0, 0.05, 8);
        StringBuilder yaml = new StringBuilder();
        yaml.append("apiVersion: mixfarm/v1\nkind: Session\n");
        yaml.append("id: ").append(id).append('\n');
        yaml.append("title: Reliability Backfill\nartist: Test Artist\nsampleRate: 48000\n");
        yaml.append("output: masters/").append(id).append("/\n");
        yaml.append("mastering:\n  preset: streaming\n");
        yaml.append("songs:\n");
        for (int s = 1; s <= songs; s++) {
            yaml.append("  - id: ").append(String.format("track-%05d", s)).append('\n');
            yaml.append("    title: Track ").append(s).append('\n');
            yaml.append("    stems:\n");
            yaml.append("      - {id: tone, uri: stems/shared/tone.wav}\n");
            yaml.append("      - {id: noise, uri: stems/shared/noise.wav}\n");
        }
        Path manifest = dir.resolve(id + ".yaml");
        Files.writeString(manifest, yaml.toString());
        return manifest;
    }

    static String songId(int number) {
        return String.format("song-%02d", number);
    }

    /** A chord on {@code rootHz} (0: none) plus seeded noise at {@code noise}, 24-bit stereo. */
    private static void writeStem(Path file, double seconds, double rootHz, double amplitude, long seed)
            throws IOException {
        Random random = new Random(seed);
        long frames = Math.round(seconds * RATE);
        double[][] block = new double[2][4096];
        try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(Container.WAV, RATE, 2, SampleFormat.PCM_24))) {
            long done = 0;
            while (done < frames) {
                int n = (int) Math.min(block[0].length, frames - done);
                for (int i = 0; i < n; i++) {
                    double t = (done + i) / (double) RATE;
                    double x = rootHz == 0 ? amplitude * (random.nextDouble() * 2 - 1)
                            : amplitude * (Math.sin(2 * Math.PI * rootHz * t) + 0.5 * Math.sin(2 * Math.PI * rootHz * 1.5 * t)
                            + 0.01 * (random.nextDouble() * 2 - 1));
                    block[0][i] = x;
                    block[1][i] = rootHz == 0 ? amplitude * (random.nextDouble() * 2 - 1) : x;
                }
                writer.write(block, n);
                done += n;
            }
        }
    }
}

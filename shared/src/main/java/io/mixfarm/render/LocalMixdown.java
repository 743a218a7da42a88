package io.mixfarm.render;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.mix.MixGraph;
import io.mixfarm.engine.mix.MixRenderer;
import io.mixfarm.engine.mix.RenderResult;
import io.mixfarm.manifest.Session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Renders songs of a session whose stems are local files into {@code DIR/<song-id>/mix.wav},
 * stereo 32-bit float at the session's rate. The file appears only when the render succeeded: it
 * is written as {@code mix.wav.part} and renamed at the end.
 */
public final class LocalMixdown {

    /** The file name of a song's mix inside its directory. */
    public static final String MIX_FILE = "mix.wav";

    /** One rendered song. */
    public record SongMix(String songId, Path file, RenderResult result, int sampleRate, long elapsedNanos) {

        /** Seconds of audio rendered. */
        public double audioSeconds() {
            return (double) result.frames() / sampleRate;
        }
    }

    private final MixRenderer renderer;

    /** Renders with {@code renderer} (which owns the worker threads; the caller closes it). */
    public LocalMixdown(MixRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * Plans and renders one song.
     *
     * @throws RenderPlanException           when its stems cannot be used as the manifest says
     * @throws io.mixfarm.engine.audio.InvalidAudioException when a stem turns out corrupt while rendering
     * @throws IOException                   when a file cannot be read or written
     */
    public SongMix render(Session session, int songIndex, Path manifestDir, Path outDir) throws IOException {
        long start = System.nanoTime();
        String songId = session.songs().get(songIndex).id();
        MixGraph graph = MixPlanner.plan(session, songIndex, manifestDir);
        Path dir = outDir.resolve(songId);
        Files.createDirectories(dir); // not its return value: that turns absolute when parents are created
        Path part = dir.resolve(MIX_FILE + ".part");
        Path file = dir.resolve(MIX_FILE);
        RenderResult result;
        try {
            try (AudioWriter writer = AudioFiles.create(part,
                    new WriteSpec(Container.WAV, session.sampleRate(), 2, SampleFormat.FLOAT_32))) {
                result = renderer.render(graph, writer);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        return new SongMix(songId, file, result, session.sampleRate(), System.nanoTime() - start);
    }
}

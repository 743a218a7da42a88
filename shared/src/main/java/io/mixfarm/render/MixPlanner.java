package io.mixfarm.render;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.InvalidAudioException;
import io.mixfarm.engine.mix.BusNode;
import io.mixfarm.engine.mix.MixGraph;
import io.mixfarm.engine.mix.StemNode;
import io.mixfarm.engine.mix.StemSource;
import io.mixfarm.manifest.Bus;
import io.mixfarm.manifest.ManifestProblem;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import io.mixfarm.manifest.Stem;
import io.mixfarm.manifest.Strip;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps one song of a valid manifest onto the engine's {@link MixGraph}, with stems read from
 * local files next to the manifest. Checks what only the audio can tell, reporting every problem
 * of the song at once with the manifest path of the field and the file:
 * <ul>
 *   <li>a stem that is not audio the engine can read (the decoder's reason is given);</li>
 *   <li>a stem with more than two channels: refused, not downmixed (a stereo mix has no single
 *       right fold-down of a surround stem; split or downmix it before mixing);</li>
 *   <li>{@code pan} on a stereo stem, or {@code balance}/{@code width} on a mono stem;</li>
 *   <li>a stem on S3 (the local renderer reads local files only).</li>
 * </ul>
 * Stems at another sample rate than the session are fine: the renderer resamples them.
 */
public final class MixPlanner {

    private MixPlanner() {
    }

    /**
     * The render graph of {@code session.songs().get(songIndex)}.
     *
     * @param manifestDir directory that relative stem paths are resolved against
     * @throws RenderPlanException listing every problem of the song's stems
     */
    public static MixGraph plan(Session session, int songIndex, Path manifestDir) {
        Song song = session.songs().get(songIndex);
        List<ManifestProblem> problems = new ArrayList<>();
        if (song.hasSource()) {
            return source(session, songIndex, manifestDir, problems);
        }
        List<StemNode> stems = new ArrayList<>();
        for (int i = 0; i < song.stems().size(); i++) {
            String path = "songs[" + songIndex + "].stems[" + i + "]";
            StemNode node = stem(path, path + ".uri", song.stems().get(i), manifestDir, problems);
            if (node != null) {
                stems.add(node);
            }
        }
        if (!problems.isEmpty()) {
            throw new RenderPlanException(song.id(), problems);
        }
        List<BusNode> buses = new ArrayList<>();
        for (Bus bus : session.buses()) {
            buses.add(new BusNode(bus.id(), StripMapping.effect(bus), StripMapping.strip(bus.strip()), bus.output(),
                    StripMapping.sends(bus.sends())));
        }
        return new MixGraph(session.sampleRate(), stems, buses);
    }

    /**
     * A finished source: the one input, through a neutral strip (unity gain) straight to the mix
     * bus — the session's buses are not used — so the "mix" is the source at the session rate.
     */
    private static MixGraph source(Session session, int songIndex, Path dir, List<ManifestProblem> problems) {
        Song song = session.songs().get(songIndex);
        String path = "songs[" + songIndex + "]";
        StemNode node = stem(path, path + ".source", new Stem("source", song.source(), null, null, null), dir,
                problems);
        if (!problems.isEmpty()) {
            throw new RenderPlanException(song.id(), problems);
        }
        return new MixGraph(session.sampleRate(), List.of(node), List.of());
    }

    private static StemNode stem(String path, String uriPath, Stem stem, Path dir, List<ManifestProblem> problems) {
        String uri = stem.uri();
        if (uri.startsWith("s3://")) {
            problems.add(new ManifestProblem(uriPath, uri + " is on S3; farm render reads local files only "
                    + "(submit the session to the farm, or copy the stems next to the manifest)"));
            return null;
        }
        Path file = dir.resolve(uri);
        StemSource source = () -> AudioFiles.open(FileChannel.open(file, StandardOpenOption.READ), uri);
        AudioInfo info;
        try (AudioReader reader = source.open()) {
            info = reader.info();
        } catch (InvalidAudioException e) {
            problems.add(new ManifestProblem(uriPath, uri + " is not usable audio: " + e.reason()));
            return null;
        } catch (NoSuchFileException e) {
            problems.add(new ManifestProblem(uriPath, "file not found: " + uri));
            return null;
        } catch (IOException e) {
            problems.add(new ManifestProblem(uriPath, "cannot read " + uri + ": " + e.getMessage()));
            return null;
        }
        int before = problems.size();
        checkChannels(path, uriPath, uri, info.channels(), stem.strip(), problems);
        if (problems.size() > before) {
            return null;
        }
        return new StemNode(stem.id(), source, StripMapping.strip(stem.strip()), stem.bus(),
                StripMapping.sends(stem.sends()));
    }

    private static void checkChannels(String path, String uriPath, String uri, int channels, Strip strip,
                                      List<ManifestProblem> problems) {
        if (channels > 2) {
            problems.add(new ManifestProblem(uriPath, uri + " has " + channels
                    + " channels; stems must be mono or stereo (split or downmix it first)"));
        } else if (channels == 2 && strip.pan() != 0) {
            problems.add(new ManifestProblem(path + ".strip.pan", uri
                    + " is stereo: pan is for mono stems; use balance and width"));
        }
        if (channels == 1 && strip.balance() != 0) {
            problems.add(new ManifestProblem(path + ".strip.balance", uri
                    + " is mono: balance is for stereo stems; use pan"));
        }
        if (channels == 1 && strip.width() != 1) {
            problems.add(new ManifestProblem(path + ".strip.width", uri
                    + " is mono: width is for stereo stems"));
        }
    }
}

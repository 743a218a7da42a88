package io.mixfarm.worker.render;

import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SongSpec;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.InvalidAudioException;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.engine.mix.MixGraph;
import io.mixfarm.engine.mix.MixRenderer;
import io.mixfarm.engine.mix.RenderResult;
import io.mixfarm.manifest.ManifestProblem;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import io.mixfarm.manifest.Stem;
import io.mixfarm.render.MixPlanner;
import io.mixfarm.render.RenderPlanException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's mixdown with the mix engine: the song's stems (downloaded under local names) planned
 * into a {@link MixGraph} exactly as {@code farm render} plans a local manifest, rendered into a
 * stereo 32-bit float file at the session rate. Problems found in the stems name the stem's S3
 * location, not the local file.
 */
final class Mixdown {

    private Mixdown() {
    }

    static RenderResult render(RenderTask task, List<LocalStem> stems, Path target, int threads,
                               RenderProgress progress) throws IOException {
        SongSpec spec = task.spec();
        Map<String, String> s3Names = new HashMap<>();
        Session session = localSession(spec, stems, s3Names);
        Path stemDir = stems.isEmpty() ? target.getParent() : stems.get(0).file().getParent();
        MixGraph graph;
        try {
            graph = MixPlanner.plan(session, 0, stemDir);
        } catch (RenderPlanException e) {
            throw renamed(task.songId(), e, s3Names);
        }
        progress.report(Stage.DECODE, 1);
        long expected = expectedFrames(stems, spec.sampleRate()) + graph.tailFrames();
        try (MixRenderer renderer = new MixRenderer(threads);
             AudioWriter file = AudioFiles.create(target, new WriteSpec(Container.WAV, spec.sampleRate(), 2,
                     SampleFormat.FLOAT_32))) {
            RenderResult result = renderer.render(graph, new ProgressWriter(file, expected, Stage.MIX, progress));
            progress.mixed(result.frames(), spec.sampleRate());
            return result;
        } catch (InvalidAudioException e) {
            throw new InvalidAudioException(s3Names.getOrDefault(e.source(), e.source()), e.reason(), e);
        }
    }

    /** The song as a one-song session whose stems are the local files, named by their position. */
    private static Session localSession(SongSpec spec, List<LocalStem> stems, Map<String, String> s3Names) {
        Song song = spec.song();
        if (song.hasSource()) {
            return oneSong(spec, new Song(song.id(), song.title(), song.isrc(), song.mastering(), null,
                    localSource(stems, s3Names), song.deliverTo(), song.artist(), song.album()));
        }
        List<Stem> manifestStems = spec.song().stems();
        if (manifestStems.size() != stems.size()) {
            throw new PermanentException("the task lists " + stems.size() + " stem locations for the song's "
                    + manifestStems.size() + " stems");
        }
        List<Stem> local = new ArrayList<>();
        for (int i = 0; i < stems.size(); i++) {
            Stem stem = manifestStems.get(i);
            LocalStem file = stems.get(i);
            if (!stem.id().equals(file.location().stemId())) {
                throw new PermanentException("stem " + i + " of the task is " + file.location().stemId()
                        + " but the song's stem " + i + " is " + stem.id());
            }
            String name = file.file().getFileName().toString();
            s3Names.put(name, file.location().uri());
            local.add(new Stem(stem.id(), name, stem.strip(), stem.bus(), stem.sends()));
        }
        return oneSong(spec, new Song(song.id(), song.title(), song.isrc(), song.mastering(), local));
    }

    /** A source song's one location, downloaded: its local name. */
    private static String localSource(List<LocalStem> stems, Map<String, String> s3Names) {
        if (stems.size() != 1 || !RenderTask.SOURCE_ID.equals(stems.get(0).location().stemId())) {
            throw new PermanentException("a song with a source needs exactly one task location, id "
                    + RenderTask.SOURCE_ID + "; the task has " + stems.size());
        }
        String name = stems.get(0).file().getFileName().toString();
        s3Names.put(name, stems.get(0).location().uri());
        return name;
    }

    private static Session oneSong(SongSpec spec, Song localSong) {
        return new Session(Session.API_VERSION, Session.KIND, "task", spec.album().title(), spec.album().artist(),
                spec.sampleRate(), spec.outputPrefix(), Mastering.UNSET, spec.buses(), List.of(localSong));
    }

    private static RenderPlanException renamed(String songId, RenderPlanException e, Map<String, String> s3Names) {
        List<ManifestProblem> problems = new ArrayList<>();
        for (ManifestProblem p : e.problems()) {
            String message = p.message();
            for (Map.Entry<String, String> name : s3Names.entrySet()) {
                message = message.replace(name.getKey(), name.getValue());
            }
            problems.add(new ManifestProblem(p.path(), message));
        }
        return new RenderPlanException(songId, problems);
    }

    /** The longest stem in frames at the session rate (for progress only; 0 when unknown). */
    private static long expectedFrames(List<LocalStem> stems, int rate) throws IOException {
        long longest = 0;
        for (LocalStem stem : stems) {
            try (AudioReader reader = AudioFiles.open(stem.file())) {
                AudioInfo info = reader.info();
                if (info.frames() > 0) {
                    longest = Math.max(longest, info.frames() * rate / info.sampleRate());
                }
            }
        }
        return longest;
    }
}

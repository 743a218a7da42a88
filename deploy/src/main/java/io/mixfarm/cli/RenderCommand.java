package io.mixfarm.cli;

import io.mixfarm.contract.OutputKeys;
import io.mixfarm.engine.mix.MixRenderer;
import io.mixfarm.manifest.ManifestException;
import io.mixfarm.manifest.ManifestLoader;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import io.mixfarm.render.Failures;
import io.mixfarm.render.LocalMastering;
import io.mixfarm.render.LocalMixdown;
import io.mixfarm.render.MasteringReportJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code farm render}: mixes a session's songs locally, without Kafka or S3. */
@Command(name = "render",
        mixinStandardHelpOptions = true,
        description = {
                "Mix the songs of a session manifest whose stems are local files, writing "
                        + "DIR/<song-id>/mix.wav (stereo 32-bit float at the session's sample rate), then master "
                        + "them as the manifest's mastering says: every deliverable (tagged, ReplayGain 2.0), "
                        + "report.json and loudness.png in DIR/<song-id>/, and DIR/album-report.json.",
                "Songs are rendered one after another, each using every thread for its stems. A song that "
                        + "fails (mix or master) gets a one-line reason and the exit code is 1; the other songs are still rendered."
        })
final class RenderCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The session manifest (YAML or JSON).")
    Path manifest;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the songs' mixes.")
    Path out;

    @Option(names = "--song", paramLabel = "ID", description = "Render only this song (repeatable; default: every song).")
    List<String> songIds = new ArrayList<>();

    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "Threads processing stems (default: cores = ${DEFAULT-VALUE}). The mix is bit-identical for any N.")
    int threads = Runtime.getRuntime().availableProcessors();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads: " + threads + " is below 1");
        }
        PrintStream err = System.err;
        Session session;
        try {
            // Stem files are checked song by song (below), so one song's missing stem does not stop the others.
            session = ManifestLoader.load(readManifest(), manifest.getFileName().toString());
        } catch (ManifestException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(manifest + ": " + e.getMessage());
            return 1;
        }
        List<Integer> selected = select(session);
        Path manifestDir = manifest.toAbsolutePath().getParent();
        int failed = 0;
        List<Integer> mixed = new ArrayList<>();
        try (MixRenderer renderer = new MixRenderer(threads)) {
            LocalMixdown mixdown = new LocalMixdown(renderer);
            for (int k = 0; k < selected.size(); k++) {
                int index = selected.get(k);
                Song song = session.songs().get(index);
                String prefix = "[" + (k + 1) + "/" + selected.size() + "] " + song.id() + ": ";
                System.out.println(prefix + (song.hasSource() ? "taking the finished source " + song.source()
                        : "mixing " + song.stems().size() + " stems") + "...");
                try {
                    LocalMixdown.SongMix mix = mixdown.render(session, index, manifestDir, out);
                    System.out.println(prefix + describe(mix));
                    mixed.add(index);
                } catch (IOException | RuntimeException e) {
                    // Whatever went wrong with this song, the others are still rendered.
                    failed++;
                    err.println(prefix + "FAILED: " + Failures.reason(e));
                }
            }
        }
        if (!mixed.isEmpty()) {
            failed += master(session, mixed, err);
        }
        int rendered = selected.size() - failed;
        System.out.println("rendered " + rendered + " of " + selected.size() + " songs into " + out
                + (failed > 0 ? "; " + failed + " failed" : ""));
        return failed > 0 ? 1 : 0;
    }

    /** Masters the mixed songs, writes the album report, prints the summary; returns how many failed. */
    private int master(Session session, List<Integer> mixed, PrintStream err) throws IOException {
        LocalMastering mastering = new LocalMastering(session, out, line -> System.out.println("  " + line));
        System.out.println(mastering.albumMode() ? "mastering " + mixed.size() + " songs as an album (one gain)..."
                : "mastering " + mixed.size() + " songs, each to its own target...");
        LocalMastering.Outcome outcome = mastering.master(mixed);
        int failed = 0;
        for (LocalMastering.SongOutcome song : outcome.songs()) {
            if (song.failed()) {
                failed++;
                err.println(song.songId() + ": FAILED: " + song.error());
            }
        }
        if (outcome.album() != null) {
            Files.writeString(out.resolve(OutputKeys.ALBUM_REPORT),
                    MasteringReportJson.album(outcome.album(), outcome.albumMode()), StandardCharsets.UTF_8);
        }
        RenderSummary.print(outcome, System.out);
        return failed;
    }

    private String readManifest() throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(manifest)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("the file is not UTF-8 text");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("file not found");
        }
    }

    /** Indices of the songs to render, in the manifest's order; unknown ids are a usage error. */
    private List<Integer> select(Session session) {
        List<String> known = session.songs().stream().map(Song::id).toList();
        for (String id : songIds) {
            if (!known.contains(id)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--song: no song \"" + id + "\" in "
                        + manifest + " (songs: " + String.join(", ", known) + ")");
            }
        }
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < known.size(); i++) {
            if (songIds.isEmpty() || songIds.contains(known.get(i))) {
                indices.add(i);
            }
        }
        return indices;
    }

    private static String describe(LocalMixdown.SongMix mix) {
        double seconds = mix.elapsedNanos() / 1e9;
        double peakDb = 20 * Math.log10(mix.result().peak());
        String tail = mix.result().tailFrames() > 0
                ? String.format(Locale.ROOT, " (incl. %.1f s effect tail)", (double) mix.result().tailFrames() / mix.sampleRate())
                : "";
        return String.format(Locale.ROOT, "%s of audio%s in %.2f s (%.0fx real time), peak %.1f dBFS%s -> %s",
                clock(mix.audioSeconds()), tail, seconds, mix.audioSeconds() / Math.max(seconds, 1e-9), peakDb,
                mix.result().peak() > 1 ? " (over full scale; kept in the float mix)" : "", mix.file());
    }

    private static String clock(double seconds) {
        long tenths = Math.round(seconds * 10);
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10);
    }

}

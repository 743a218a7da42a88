package io.mixfarm.render;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.engine.master.AlbumMastering;
import io.mixfarm.engine.master.AlbumReport;
import io.mixfarm.engine.master.MasteredSong;
import io.mixfarm.engine.master.MasteringOutcome;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.SongAnalysis;
import io.mixfarm.engine.master.SongMastering;
import io.mixfarm.engine.master.SongReport;
import io.mixfarm.engine.master.StereoReader;
import io.mixfarm.engine.master.StereoSource;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Masters the mixed songs of a session into their deliverables, reports and plots, locally.
 *
 * <p>Tags are written when a file is created, and the album's ReplayGain needs every song's
 * master, so mastering measures first and writes after: the measuring pass finds each song's gain
 * (album mode: {@link AlbumMastering} decides one gain from every song's analysis, pooling the
 * gating blocks; otherwise each song is mastered to its own target) without writing; the writing
 * pass renders every song again with that gain — the same audio, since rendering is deterministic —
 * into its deliverables through {@link SongMasterer} (which re-masters a file over the ceiling),
 * tagged with the track and album ReplayGain of the measured masters. A song that fails gets its
 * reason and the others go on; in album mode a song whose analysis fails drops out of the album.
 */
public final class LocalMastering {

    /** What happened to one song: its files and report, or why it failed. */
    public record SongOutcome(int songIndex, String songId, SongMasterer.Result result, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    /** Every song's outcome and the album report over the songs mastered ({@code null} when none was). */
    public record Outcome(boolean albumMode, AlbumReport album, List<SongOutcome> songs) {
    }

    /** A song measured and ready to write: its gain, the outcome decided, the measured master's report. */
    private record Measured(int index, StereoSource source, MasteringSettings settings, SongAnalysis analysis,
                            double gainDb, MasteringOutcome outcome, SongReport report) {
    }

    /** The measuring pass: the songs to write and the pooled loudness of their masters. */
    private record Measurement(List<Measured> songs, double outputAlbumLufs) {
    }

    private final Session session;
    private final Path outDir;
    private final Consumer<String> log;
    private final SongWriter writer;

    /** Masters songs of {@code session} whose mixes are {@code outDir/<song-id>/mix.wav}; progress goes to {@code log}. */
    public LocalMastering(Session session, Path outDir, Consumer<String> log) {
        this.session = session;
        this.outDir = outDir;
        this.log = log;
        this.writer = new SongWriter(session, outDir, log);
    }

    /** Whether the session masters in album mode (one gain for every song). */
    public boolean albumMode() {
        return Boolean.TRUE.equals(session.mastering().resolved(session.sampleRate()).albumMode());
    }

    /** Masters the songs {@code indices} (mixed already), in that order. */
    public Outcome master(List<Integer> indices) {
        List<SongOutcome> failures = new ArrayList<>();
        Measurement measured = albumMode() ? measureAlbum(indices, failures) : measureSongs(indices, failures);
        double peak = measured.songs().stream().mapToDouble(m -> m.report().output().truePeakDbtp()).max()
                .orElse(Double.NEGATIVE_INFINITY);
        TrackMetadata.ReplayGain albumGain = SongDeliverables.replayGain(measured.outputAlbumLufs(), peak);
        List<SongOutcome> outcomes = new ArrayList<>(failures);
        List<SongReport> written = new ArrayList<>();
        List<GatingBlocks> inputBlocks = new ArrayList<>();
        List<GatingBlocks> outputBlocks = new ArrayList<>();
        for (Measured m : measured.songs()) {
            SongOutcome o = writer.write(m.index(), m.source(), m.settings(), m.analysis(), m.gainDb(), m.outcome(),
                    !albumMode(), m.report(), albumGain);
            outcomes.add(o);
            if (o.result() != null) {
                written.add(o.result().song().report());
                inputBlocks.add(m.analysis().inputBlocks());
                outputBlocks.add(o.result().song().outputBlocks());
            }
        }
        outcomes.sort(Comparator.comparingInt(o -> indices.indexOf(o.songIndex())));
        AlbumReport album = written.isEmpty() ? null : albumReport(measured, written, inputBlocks, outputBlocks);
        return new Outcome(albumMode(), album, outcomes);
    }

    private Measurement measureSongs(List<Integer> indices, List<SongOutcome> failures) {
        List<Measured> out = new ArrayList<>();
        List<GatingBlocks> blocks = new ArrayList<>();
        for (int index : indices) {
            Song song = session.songs().get(index);
            try {
                MasteringSettings settings = settings(song);
                StereoSource source = source(song);
                log.accept(song.id() + ": measuring the master...");
                SongAnalysis analysis = SongAnalysis.analyze(source, settings);
                MasteredSong m = new SongMastering(settings).master(source, analysis, null);
                out.add(new Measured(index, source, settings, analysis, m.report().gainDb(), m.report().outcome(),
                        m.report()));
                blocks.add(m.outputBlocks());
            } catch (IOException | RuntimeException e) {
                failures.add(new SongOutcome(index, song.id(), null, Failures.reason(e)));
            }
        }
        return new Measurement(out, Loudness.albumIntegratedLufs(blocks));
    }

    private Measurement measureAlbum(List<Integer> indices, List<SongOutcome> failures) {
        List<Integer> usable = new ArrayList<>();
        List<SongAnalysis> analyses = new ArrayList<>();
        List<AlbumMastering.Song> songs = new ArrayList<>();
        for (int index : indices) {
            Song song = session.songs().get(index);
            try {
                MasteringSettings settings = settings(song);
                StereoSource source = source(song);
                log.accept(song.id() + ": analysing for the album...");
                analyses.add(SongAnalysis.analyze(source, settings));
                songs.add(new AlbumMastering.Song(source, settings, null));
                usable.add(index);
            } catch (IOException | RuntimeException e) {
                failures.add(new SongOutcome(index, song.id(), null, Failures.reason(e)));
            }
        }
        if (songs.isEmpty()) {
            return new Measurement(List.of(), Double.NaN);
        }
        AlbumReport album;
        try {
            log.accept("album: deciding one gain for " + songs.size() + " songs...");
            album = new AlbumMastering(albumSettings()).master(songs);
        } catch (IOException | RuntimeException e) {
            for (int index : usable) {
                failures.add(new SongOutcome(index, session.songs().get(index).id(), null,
                        "album mastering failed: " + Failures.reason(e)));
            }
            return new Measurement(List.of(), Double.NaN);
        }
        List<Measured> out = new ArrayList<>();
        for (int k = 0; k < songs.size(); k++) {
            AlbumMastering.Song s = songs.get(k);
            out.add(new Measured(usable.get(k), s.source(), s.settings(), analyses.get(k), album.gainDb(),
                    album.outcome(), album.songs().get(k)));
        }
        return new Measurement(out, album.outputAlbumLufs());
    }

    /**
     * The album table over the songs written. Album mode: the one gain and outcome; otherwise
     * each song had its own gain (reported as NaN here) and the outcome is the first song's that
     * missed its target, or target reached.
     */
    private AlbumReport albumReport(Measurement measured, List<SongReport> written, List<GatingBlocks> inputBlocks,
                                    List<GatingBlocks> outputBlocks) {
        MasteringSettings album = albumSettings();
        double gain = Double.NaN;
        MasteringOutcome outcome = written.stream().map(SongReport::outcome)
                .filter(o -> o != MasteringOutcome.TARGET_REACHED).findFirst().orElse(MasteringOutcome.TARGET_REACHED);
        if (albumMode()) {
            gain = measured.songs().get(0).gainDb();
            outcome = measured.songs().get(0).outcome();
        }
        int renders = written.stream().mapToInt(SongReport::renders).max().orElse(0);
        return new AlbumReport(album.targetLufs(), album.ceilingDbtp(), Loudness.albumIntegratedLufs(inputBlocks),
                Loudness.albumIntegratedLufs(outputBlocks), gain, outcome, renders, written);
    }

    private MasteringSettings albumSettings() {
        return MasteringMapping.settings(session.mastering(), session.sampleRate());
    }

    private MasteringSettings settings(Song song) {
        return MasteringMapping.settings(session.masteringFor(song), session.sampleRate());
    }

    private StereoSource source(Song song) {
        Path mix = outDir.resolve(song.id()).resolve(LocalMixdown.MIX_FILE);
        return StereoReader.stereo(() -> AudioFiles.open(mix));
    }
}


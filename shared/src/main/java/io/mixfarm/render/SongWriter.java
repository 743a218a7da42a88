package io.mixfarm.render;

import io.mixfarm.contract.OutputKeys;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.deliver.LoudnessPlot;
import io.mixfarm.engine.deliver.LoudnessPlotData;
import io.mixfarm.engine.master.MasteringOutcome;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.SongAnalysis;
import io.mixfarm.engine.master.SongReport;
import io.mixfarm.engine.master.StereoSource;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The writing pass for one song: its deliverables (tagged), {@code report.json} and
 * {@code loudness.png} in {@code DIR/<song-id>/}.
 */
final class SongWriter {

    /** File name of the song's loudness plot. */
    static final String PLOT_FILE = "loudness.png";
    static final int PLOT_WIDTH = 1600;
    static final int PLOT_HEIGHT = 600;

    private final Session session;
    private final Path outDir;
    private final Consumer<String> log;

    SongWriter(Session session, Path outDir, Consumer<String> log) {
        this.session = session;
        this.outDir = outDir;
        this.log = log;
    }

    /**
     * Masters song {@code index} with {@code gainDb} into its files; {@code measured} is the
     * measuring pass's report of the same render, whose figures give the track ReplayGain.
     */
    LocalMastering.SongOutcome write(int index, StereoSource source, MasteringSettings settings, SongAnalysis analysis,
                                     double gainDb, MasteringOutcome outcome, boolean holdTarget, SongReport measured,
                                     TrackMetadata.ReplayGain albumGain) {
        Song song = session.songs().get(index);
        try {
            Path dir = outDir.resolve(song.id());
            Files.createDirectories(dir);
            TrackMetadata.ReplayGain trackGain = SongDeliverables.replayGain(measured.output().integratedLufs(),
                    measured.output().truePeakDbtp());
            DeliverableFiles files = new DeliverableFiles(SongDeliverables.specs(session, index, dir,
                    SongDeliverables.tags(session, index, trackGain, albumGain)));
            log.accept(song.id() + ": mastering into " + files.specs().size() + " deliverable(s)...");
            SongMasterer.Result result = new SongMasterer(settings).masterWithGain(source, analysis, gainDb, outcome,
                    holdTarget, files);
            SongReport report = result.song().report();
            Files.writeString(dir.resolve(OutputKeys.SONG_REPORT),
                    MasteringReportJson.song(report, result.files(), trackGain, albumGain), StandardCharsets.UTF_8);
            if (!report.outcome().delivered()) {
                return new LocalMastering.SongOutcome(index, song.id(), result, report.outcome().description());
            }
            LoudnessPlot.write(new LoudnessPlotData(song.title(), files.waveform(), report.shortTermLufs(),
                    SongReport.SHORT_TERM_START_SECONDS, report.targetLufs(), report.output().integratedLufs(),
                    report.output().loudnessRangeLu(), report.output().truePeakDbtp(), report.ceilingDbtp()),
                    PLOT_WIDTH, PLOT_HEIGHT, dir.resolve(PLOT_FILE));
            return new LocalMastering.SongOutcome(index, song.id(), result, null);
        } catch (IOException | RuntimeException e) {
            return new LocalMastering.SongOutcome(index, song.id(), null, Failures.reason(e));
        }
    }
}

package io.mixfarm.worker.render;

import io.mixfarm.contract.BlockEnergies;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.LimiterLoss;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.deliver.LoudnessPlot;
import io.mixfarm.engine.deliver.LoudnessPlotData;
import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.engine.master.MasteringOutcome;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.SongReport;
import io.mixfarm.engine.master.StereoReader;
import io.mixfarm.engine.master.StereoSource;
import io.mixfarm.render.MasteringMapping;
import io.mixfarm.render.MasteringReportJson;
import io.mixfarm.render.SongDeliverables;
import io.mixfarm.render.SongMasterer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders tasks with the engine: the mixdown of the stems ({@link Mixdown}) into a stereo float
 * file at the session rate (a song's finished source is its own "mix", resampled if need be); then
 * for MEASURE only measurements ({@link SongMeasurement}), for ANALYZE the measurements the coordinator pools into the album
 * gain, for FULL and MASTER the mastering chain into every deliverable ({@link SongMasterer}), the
 * song report and the loudness plot — the files {@code farm render} writes for a song — under the
 * deterministic keys of {@link OutputKeys}. Deliverables carry ReplayGain 2.0 tags as
 * {@code farm render}'s do ({@link TaggedDelivery}): the track values from the master's figures,
 * the album values (MASTER) from the album loudness the task carries.
 */
public final class EngineSongRenderer implements SongRenderer {

    static final String MIX_FILE = "mix.wav";
    /** Each render of the master, before it is encoded into the tagged deliverables. */
    static final String STAGE_FILE = "master-stage.wav";
    /** The song's loudness plot, {@code loudness.png} as {@code farm render} names it. */
    public static final String PLOT_NAME = "loudness";
    // The size farm render draws.
    static final int PLOT_WIDTH = 1600;
    static final int PLOT_HEIGHT = 600;

    /** The limiter-loss grid ANALYZE sends: −24 to +30 dB in 0.5 dB steps (109 points, about 2 kB of JSON). */
    static final double LOSS_FROM_DB = -24.0;
    static final double LOSS_STEP_DB = 0.5;
    static final int LOSS_POINTS = 109;

    private final int renderThreads;

    /** @param renderThreads threads one mixdown may use */
    public EngineSongRenderer(int renderThreads) {
        this.renderThreads = renderThreads;
    }

    @Override
    public RenderedSong render(RenderTask task, List<LocalStem> stems, Path workDir, RenderProgress progress)
            throws IOException {
        if (task.phase() == Phase.MEASURE) {
            return SongMeasurement.measure(task, stems, workDir, renderThreads, progress);
        }
        Path mix = workDir.resolve(MIX_FILE);
        Mixdown.render(task, stems, mix, renderThreads, progress);
        return task.phase() == Phase.ANALYZE ? analyze(task, mix, progress) : master(task, mix, workDir, progress);
    }

    /** Masters the mix ANALYZE made: the mix is read as the file {@link #render} would have written. */
    @Override
    public RenderedSong renderFromMix(RenderTask task, Path mix, Path workDir, RenderProgress progress)
            throws IOException {
        if (task.phase() != Phase.MASTER) {
            throw new IllegalArgumentException("only MASTER reuses a mix, not " + task.phase());
        }
        return master(task, mix, workDir, progress);
    }

    /**
     * What the album gain is computed from: the mix after the song's pre-limiter chain (EQ, glue,
     * multiband, width), the signal the gain will be applied to — its loudness, true peak and
     * 400 ms blocks; the short-term blocks (album loudness range) are the mix's own. With them the
     * loudness its limiter is predicted to remove at each gain ({@link LimiterLoss}), so the album
     * gain can allow for it; the limiter holds the ceiling less its margin, as in MASTER.
     */
    private static RenderedSong analyze(RenderTask task, Path mix, RenderProgress progress) throws IOException {
        MasteringSettings settings = MasteringMapping.settings(task.spec().mastering(), task.spec().sampleRate());
        StereoSource source = source(task, mix, progress);
        io.mixfarm.engine.master.SongAnalysis measured = io.mixfarm.engine.master.SongAnalysis.analyze(source, settings);
        SongAnalysis analysis = new SongAnalysis(measured.pre().integratedLufs(), measured.pre().loudnessRangeLu(),
                measured.pre().truePeakDbtp(), BlockEnergies.of(measured.preBlocks()),
                BlockEnergies.of(measured.inputShortTermBlocks()), limiterLoss(measured, settings));
        return new RenderedSong(List.of(), SongReportJson.analysis(task, measured), analysis, mix);
    }

    /** The predicted limiter loss on the grid; null for a silent song (no gain makes it louder). */
    private static LimiterLoss limiterLoss(io.mixfarm.engine.master.SongAnalysis measured, MasteringSettings settings) {
        if (measured.pre().integratedLufs() == Double.NEGATIVE_INFINITY) {
            return null;
        }
        double aim = settings.ceilingDbtp() - settings.limiter().marginDb();
        return new LimiterLoss(LOSS_FROM_DB, LOSS_STEP_DB,
                measured.limiterLossDb(settings.limiter(), aim, LOSS_FROM_DB, LOSS_STEP_DB, LOSS_POINTS));
    }

    /**
     * The song mastered to its own target (FULL) or with the album gain (MASTER) into its
     * deliverables by {@link SongMasterer}, which masters again when a delivered file misses the
     * ceiling or the target; then report.json and loudness.png as {@code farm render} writes them.
     */
    private static RenderedSong master(RenderTask task, Path mix, Path workDir, RenderProgress progress)
            throws IOException {
        MasteringSettings settings = MasteringMapping.settings(task.spec().mastering(), task.spec().sampleRate());
        StereoSource source = source(task, mix, progress);
        List<Deliverables.Planned> planned = Deliverables.plan(task, workDir);
        TrackMetadata.ReplayGain albumGain = task.albumLoudness() == null ? null : SongDeliverables.replayGain(
                task.albumLoudness().integratedLufs(), task.albumLoudness().truePeakDbtp());
        TaggedDelivery delivery = new TaggedDelivery(planned.stream().map(Deliverables.Planned::spec).toList(),
                albumGain, workDir.resolve(STAGE_FILE), progress);
        SongMasterer masterer = new SongMasterer(settings);
        SongMasterer.Result result = task.albumGainDb() == null
                ? masterer.master(source, delivery)
                : masterer.masterWithGain(source, io.mixfarm.engine.master.SongAnalysis.analyze(source, settings),
                        task.albumGainDb(), MasteringOutcome.TARGET_REACHED, false, delivery);
        SongReport report = result.song().report();
        if (!report.outcome().delivered()) {
            throw notDelivered(task, report);
        }

        List<RenderedFile> outputs = new ArrayList<>();
        planned.forEach(p -> outputs.add(p.file()));
        S3Uri output = S3Uri.parse(task.spec().outputPrefix());
        Files.deleteIfExists(workDir.resolve(STAGE_FILE));
        // the plot and the report go up from memory: no file to write, read back and delete
        byte[] plot = LoudnessPlot.png(new LoudnessPlotData(task.spec().song().title(), delivery.waveform(),
                report.shortTermLufs(), SongReport.SHORT_TERM_START_SECONDS, report.targetLufs(),
                report.output().integratedLufs(), report.output().loudnessRangeLu(), report.output().truePeakDbtp(),
                report.ceilingDbtp()), PLOT_WIDTH, PLOT_HEIGHT);
        outputs.add(RenderedFile.inMemory("plot", plot, OutputKeys.songPlot(output, task.songId(), PLOT_NAME),
                "image/png"));
        String json = MasteringReportJson.song(report, result.files(), TaggedDelivery.trackGain(report), albumGain);
        outputs.add(RenderedFile.inMemory("report", json.getBytes(StandardCharsets.UTF_8),
                OutputKeys.songReport(output, task.songId()), "application/json"));
        return new RenderedSong(outputs, ContractJson.mapper().readTree(json), measurements(result));
    }

    /** The master's figures and blocks, for the album report that pools every song's master. */
    private static SongAnalysis measurements(SongMasterer.Result result) {
        SongReport report = result.song().report();
        double[] curve = report.shortTermLufs();
        double[] energies = new double[curve.length];
        for (int i = 0; i < curve.length; i++) {
            energies[i] = Double.isFinite(curve[i]) ? Loudness.energy(curve[i]) : 0.0;
        }
        return new SongAnalysis(report.output().integratedLufs(), report.output().loudnessRangeLu(),
                result.truePeakDbtp(), BlockEnergies.of(result.song().outputBlocks()),
                BlockEnergies.of(GatingBlocks.of(GatingBlocks.Window.SHORT_TERM_3_S, energies, energies.length)));
    }

    /** The mix as a stereo source, named by the song (never by a scratch path: reports must not differ). */
    private static StereoSource source(RenderTask task, Path mix, RenderProgress progress) {
        String name = "mix of " + task.songId();
        return () -> new ProgressReader(StereoReader.of(AudioFiles.open(FileChannel.open(mix), name)), Stage.MASTER,
                progress, null);
    }

    /** whenUnreachable: report — the song fails with the shortfall, and nothing is delivered. */
    private static PermanentException notDelivered(RenderTask task, SongReport report) {
        return new PermanentException(String.format(Locale.ROOT,
                "song %s not delivered: reaching %.1f LUFS takes more than %.1f dB of limiting; at that limit it "
                        + "measures %.1f LUFS (mastering.whenUnreachable is report)",
                task.songId(), report.targetLufs(), report.maxLimitingDb(), report.output().integratedLufs()));
    }
}
